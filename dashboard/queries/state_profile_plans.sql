-- state_profile_plans: one row per national 1540 implementation action plan of the State $state found in the
-- sources, whatever the period (dashboard/measures: plan_rows; a plan is context, not an output), oldest first.
with final as (
    select nap_id, title, period_start, period_end, submitted_date, note, source_url, confidence, is_synthetic
    from plan_rows($start, $end, [$state], $pillars, $areas, $funders, $synthetic)
)

select * from final order by period_start, nap_id
