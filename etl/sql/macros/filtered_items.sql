-- filtered_items: mart.request_item_status rows (one per request item) whose request was received in the period,
-- from the chosen States, in a chosen area.
create or replace macro mart.filtered_items(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with final as (
    select * from mart.request_item_status i
    where i.received_date between p_start and p_end
      and (p_synthetic or not i.is_synthetic)
      and (len(p_states) = 0 or list_contains(p_states, i.state_id))
      and (len(p_areas) = 0 or list_contains(p_areas, i.area))
)
select * from final
