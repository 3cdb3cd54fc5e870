-- coverage_map_venues: one row per filtered event (milestones excluded): its venue and coordinates, participants
-- (null when not recorded) and the Central Asian States that attended it (attendance the sources dispute left out).
-- Events without coordinates stay in (has_venue false) so the page can say how many it cannot draw.
with events as (
    select * from mart.filtered_events($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    where event_type <> 'milestone'
),

attended as (
    select event_id, list(distinct actor_id order by actor_id) as states_attended
    from mart.filtered_participation($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    where is_central_asian_state and confidence <> 'disputed'
    group by event_id
),

final as (
    select e.event_id, e.title, e.event_type, e.start_date, e.city, e.latitude, e.longitude, e.participants,
           coalesce(a.states_attended, []) as states_attended,
           e.latitude is not null and e.longitude is not null as has_venue,
           e.is_synthetic
    from events e
    left join attended a using (event_id)
    order by e.start_date, e.event_id
)

select * from final
