-- event_facts: one row per event, with venue, pillars, areas, organisers, funders
-- (from the event and from participation roles) and the Central Asian States taking part in any role.
-- date_precision (day, month, year) says how to read the dates: a month-precision event sits on the 1st.
with events as (
    select * from core.events
),

roles as (
    select event_id,
           list(distinct actor_id order by actor_id) filter (where actor_id in (select state_id from mart.ca_states))
               as ca_states,
           list(distinct actor_id order by actor_id) filter (where role = 'funder') as funder_roles,
           list(distinct actor_id order by actor_id) filter (where role = 'organiser') as organiser_roles,
           count(distinct actor_id) as actors_listed
    from core.participation
    group by event_id
),

final as (
    select e.event_id, e.title, e.event_type, e.start_date, coalesce(e.end_date, e.start_date) as end_date,
           e.date_precision,
           year(e.start_date) as year, e.city, e.country_id, e.latitude, e.longitude,
           coalesce(e.pillars, []) as pillars,
           coalesce(e.areas, []) as areas,
           list_sort(list_distinct(list_concat(coalesce(e.organisers, []), coalesce(r.organiser_roles, []))))
               as organisers,
           list_sort(list_distinct(list_concat(coalesce(e.funders, []), coalesce(r.funder_roles, [])))) as funders,
           e.participants, coalesce(r.actors_listed, 0) as actors_listed, e.summary,
           coalesce(r.ca_states, []) as ca_states,
           e.country_id in (select state_id from mart.ca_states) as in_central_asia,
           e.source_url, e.confidence, e.is_synthetic
    from events e
    left join roles r using (event_id)
)

select * from final
