-- coverage_map_venues: one row per meeting held in the period (dashboard/measures: meeting_rows; milestones are not
-- drawn), attended by the focus State $focus when one is chosen: its venue and coordinates, participants (null when
-- not recorded) and the Central Asian States that attended it (attendance the sources dispute left out). Meetings
-- without coordinates stay in (has_venue false) so the page can say how many it cannot draw.
with final as (
    select event_id, title, event_type, start_date, date_precision, city, latitude, longitude, participants, states_attended,
           latitude is not null and longitude is not null as has_venue, is_synthetic
    from meeting_rows($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    where $focus is null or list_contains(states_attended, $focus)
)

select * from final order by start_date, event_id
