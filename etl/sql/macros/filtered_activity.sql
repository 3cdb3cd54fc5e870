-- filtered_activity: mart.activity_log rows (one per dated change) in the period, for the chosen States.
create or replace macro mart.filtered_activity(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with final as (
    select * from mart.activity_log a
    where a.change_date between p_start and p_end
      and (p_synthetic or not a.is_synthetic)
      and (len(p_states) = 0 or a.state_id is null or list_contains(p_states, a.state_id))
)
select * from final
