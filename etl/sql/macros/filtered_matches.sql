-- filtered_matches: mart.match_facts rows (one per match) proposed in the period, for the chosen States and areas.
create or replace macro mart.filtered_matches(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with final as (
    select * from mart.match_facts m
    where m.proposed_date between p_start and p_end
      and (p_synthetic or not m.is_synthetic)
      and (len(p_states) = 0 or list_contains(p_states, m.state_id))
      and (len(p_areas) = 0 or list_contains(p_areas, m.area))
)
select * from final
