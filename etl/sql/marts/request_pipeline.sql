-- request_pipeline: one row per request, with the date it reached each stage of the 1540 procedure,
-- the days spent in each stage, the Committee's one-week distribution target and its age while open (as of the
-- load date).
with requests as (
    select * from core.requests
),

items as (
    select request_id, count(*) as n_items,
           list(distinct area order by area) as areas,
           list(distinct weapon_type order by weapon_type) as weapon_types,
           bool_or(is_synthetic) as any_synthetic
    from core.request_items
    group by request_id
),

matched as (
    select i.request_id,
           min(m.proposed_date) as matched_date,
           min(m.delivered_date) as delivered_date,
           count(*) as n_matches,
           count(*) filter (where m.status = 'delivered') as n_delivered,
           list(distinct o.provider_id order by o.provider_id) as providers
    from core.matches m
    join core.request_items i using (item_id)
    join core.offers o using (offer_id)
    where m.status <> 'declined'
    group by i.request_id
),

dated as (
    select r.*, a.name_en as state_name,
           coalesce(i.n_items, 0) as n_items, coalesce(i.areas, []) as areas,
           coalesce(i.weapon_types, []) as weapon_types,
           m.matched_date, m.delivered_date, coalesce(m.n_matches, 0) as n_matches,
           coalesce(m.n_delivered, 0) as n_delivered, coalesce(m.providers, []) as providers,
           r.is_synthetic or coalesce(i.any_synthetic, false) as any_synthetic
    from requests r
    join core.actors a on a.actor_id = r.state_id
    left join items i using (request_id)
    left join matched m using (request_id)
),

final as (
    select request_id, state_id, state_name, received_date, year(received_date) as received_year, channel,
           acknowledged_date, distributed_date, matched_date, delivered_date,
           date_diff('day', received_date, acknowledged_date) as days_to_acknowledge,
           date_diff('day', received_date, distributed_date) as days_to_distribute,
           date_diff('day', coalesce(distributed_date, received_date), matched_date) as days_to_match,
           date_diff('day', matched_date, delivered_date) as days_to_deliver,
           -- the Committee's own service target, read as 7 calendar days: false once distributed later, or still
           -- not distributed more than 7 days after receipt (late); null while a pending request is within the week
           case
               when distributed_date is not null then date_diff('day', received_date, distributed_date) <= 7
               when date_diff('day', received_date, $as_of) > 7 then false
           end as distributed_within_7_days,
           case
               when delivered_date is not null then 'delivered'
               when matched_date is not null then 'matched'
               when distributed_date is not null then 'distributed'
               when acknowledged_date is not null then 'acknowledged'
               else 'received'
           end as stage,
           status, closed_date, status = 'open' as is_open,
           case when status = 'open' then date_diff('day', received_date, $as_of) end as age_days,
           consent_to_publish, summary, n_items, areas, weapon_types, n_matches, n_delivered, providers,
           source_url, confidence, any_synthetic as is_synthetic
    from dated
)

select * from final
