-- filtered_requests: mart.request_pipeline rows (one per request) received in the period, from the chosen
-- States, touching a chosen area. Requests carry no pillar or funder: those filters do not apply to them.
create or replace macro mart.filtered_requests(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with final as (
    select * from mart.request_pipeline r
    where r.received_date between p_start and p_end
      and (p_synthetic or not r.is_synthetic)
      and (len(p_states) = 0 or list_contains(p_states, r.state_id))
      and (len(p_areas) = 0 or len(list_intersect(r.areas, p_areas)) > 0)
)
select * from final
