-- National 1540 implementation action plans (docs/MEASURES.md): context, not an output, so the period does not
-- filter them.

-- plan_rows: one row per national action plan of a Central Asian State in the State filter, whatever the period;
-- synthetic rows only when p_synthetic.
create or replace macro plan_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with final as (
    select nap_id, state_id, title, period_start, period_end, submitted_date, note, source_url, confidence,
           is_synthetic
    from wh.core.national_action_plans n
    where (p_synthetic or not n.is_synthetic)
      and (len(p_states) = 0 or list_contains(p_states, n.state_id))
)

select * from final;

-- plan_figures: action plans found (exactly one row).
create or replace macro plan_figures(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with final as (
    select count(*) as action_plans, count(*) filter (where is_synthetic) as action_plans_synthetic
    from plan_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
)

select * from final;
