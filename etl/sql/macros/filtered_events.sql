-- filtered_events: mart.event_facts rows (one per event) that pass the dashboard's shared filters.
-- An event passes when it starts in the period and, for each list filter that is set, shares a value with it
-- (a Central Asian State taking part, a pillar, an area, a funder). Milestones pass the period filter only.
create or replace macro mart.filtered_events(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with final as (
    select * from mart.event_facts e
    where e.start_date between p_start and p_end
      and (p_synthetic or not e.is_synthetic)
      and (len(p_states) = 0 or len(list_intersect(e.ca_states, p_states)) > 0)
      and (len(p_pillars) = 0 or len(list_intersect(e.pillars, p_pillars)) > 0)
      and (len(p_areas) = 0 or len(list_intersect(e.areas, p_areas)) > 0)
      and (len(p_funders) = 0 or len(list_intersect(e.funders, p_funders)) > 0)
)
select * from final
