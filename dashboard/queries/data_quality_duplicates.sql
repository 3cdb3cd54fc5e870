-- data_quality_duplicates: one row per group of records that look like one another under different keys.
with events as (
    select 'events: same start date and city' as kind, 'events' as table_name,
           start_date::varchar || ' ' || coalesce(city, '') as shared,
           list(event_id order by event_id) as ids
    from core.events
    group by start_date, city
    having count(*) > 1
),

requests as (
    select 'requests: same State and date received', 'requests', state_id || ' ' || received_date::varchar,
           list(request_id order by request_id)
    from core.requests
    group by state_id, received_date
    having count(*) > 1
),

actors as (
    select 'actors: same name', 'actors', lower(trim(name_en)), list(actor_id order by actor_id)
    from core.actors
    group by lower(trim(name_en))
    having count(*) > 1
),

offers as (
    select 'offers: same provider, date and areas', 'offers', provider_id || ' ' || offered_date::varchar,
           list(offer_id order by offer_id)
    from core.offers
    group by provider_id, offered_date, list_sort(areas)
    having count(*) > 1
),

final as (
    select kind, table_name, shared, len(ids) as records, array_to_string(ids, ', ') as ids
    from (select * from events union all select * from requests union all select * from actors union all select * from offers)
    order by kind, shared
)

select * from final
