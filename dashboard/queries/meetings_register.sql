-- meetings_register: one row per event (meetings, workshops, visits and milestones; real and demo) starting in the
-- period that passes the shared filters (dashboard/measures: event_rows), newest first: its dates and their
-- precision, place, type, pillars, organisers, funders (names), participants recorded (null when not), source.
with events as (
    select * from event_rows($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

names as (
    select actor_id, name_en from core.actors
),

lookup as (
    select map(list(actor_id), list(name_en)) as name_of from core.actors
),

final as (
    select e.event_id, e.title, e.event_type, e.start_date, e.end_date, e.date_precision, e.city,
           c.name_en as country, e.pillars,
           list_transform(e.organisers, lambda x: coalesce(l.name_of[x], x)) as organisers,
           list_transform(e.funders, lambda x: coalesce(l.name_of[x], x)) as funders,
           e.participants, e.source_url, e.confidence, e.is_synthetic
    from events e
    cross join lookup l
    left join names c on c.actor_id = e.country_id
)

select * from final order by start_date desc, event_id
