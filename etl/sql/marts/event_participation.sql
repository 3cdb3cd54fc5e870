-- event_participation: one row per event x actor x role, with the event's date, kind, pillars and funders.
with participation as (
    select * from core.participation
),

final as (
    select p.event_id, e.title as event_title, e.event_type, e.start_date, e.date_precision, e.year, e.city,
           e.pillars, e.areas, e.funders,
           p.actor_id, a.name_en as actor_name, a.actor_type,
           p.actor_id in (select state_id from mart.ca_states) as is_central_asian_state,
           p.role, p.note,
           p.source_url, p.confidence,
           p.is_synthetic or e.is_synthetic as is_synthetic
    from participation p
    join mart.event_facts e using (event_id)
    join core.actors a using (actor_id)
)

select * from final
