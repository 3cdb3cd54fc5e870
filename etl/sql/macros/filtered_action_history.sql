-- filtered_action_history: mart.action_item_history rows (one per item status period) for the chosen States
-- and pillars. The period is applied by the caller as an as-of date.
create or replace macro mart.filtered_action_history(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with final as (
    select * from mart.action_item_history h
    where (p_synthetic or not h.is_synthetic)
      and (len(p_states) = 0 or list_contains(p_states, h.state_id))
      and (len(p_pillars) = 0 or list_contains(p_pillars, h.pillar_id))
)
select * from final
