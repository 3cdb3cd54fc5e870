-- change_rows: one row per dated change (events held, requests received and distributed, assistance delivered,
-- Joint Plan item status changes, plans submitted) in the period, concerning a State in the State filter or no State
-- in particular; synthetic rows only when p_synthetic. What the "latest changes" lists show; it counts nothing.
create or replace macro change_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with final as (
    select * from wh.mart.activity_log a
    where a.change_date between p_start and p_end
      and (p_synthetic or not a.is_synthetic)
      and (len(p_states) = 0 or a.state_id is null or list_contains(p_states, a.state_id))
)

select * from final;
