-- filtered_participation: mart.event_participation rows (one per event x actor x role) of the filtered events;
-- Central Asian States outside a set State filter are left out.
create or replace macro mart.filtered_participation(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with events as (
    select event_id from mart.filtered_events(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
),

final as (
    select p.* from mart.event_participation p
    where p.event_id in (select event_id from events)
      and (p_synthetic or not p.is_synthetic)
      and (not p.is_central_asian_state or len(p_states) = 0 or list_contains(p_states, p.actor_id))
)
select * from final
