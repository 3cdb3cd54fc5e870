-- funder_outputs_meetings: one row per funder x meeting it funded in the period (dashboard/measures:
-- funder_meeting_rows): the meeting's record (date and its precision, venue, pillars, areas, participants where
-- recorded, the Central Asian States that attended, source), for a donor's report.
with final as (
    select f.funder, coalesce(a.name_en, f.funder) as funder_name, f.event_id, f.title, f.event_type, f.start_date,
           f.date_precision, f.city, f.country_id, f.pillars, f.areas, f.participants, f.states_attended,
           f.source_url, f.confidence, f.is_synthetic
    from funder_meeting_rows($start, $end, $states, $pillars, $areas, $funders, $synthetic) f
    left join core.actors a on a.actor_id = f.funder
)

select * from final order by funder_name, funder, start_date, event_id
