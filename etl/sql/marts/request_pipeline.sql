-- request_pipeline: one row per request with the dates it reached each step of the 1540 procedure as recorded (its
-- first match proposed and not declined, and its first delivery, over all matches and over the non-synthetic ones),
-- its status and closing date, its items' areas and weapon types, and its consent. Dated facts only: whether a step
-- had happened by a given date, and so every judgement (open, late, stage, age), is made at the period end by the
-- dashboard's measure layer (dashboard/measures/requests.sql), never here against the load date.
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

-- a match is synthetic when it, its item or its offer is (as the match facts count it)
matches as (
    select i.request_id,
           min(m.proposed_date) as first_match_date,
           min(m.proposed_date) filter (where not (m.is_synthetic or i.is_synthetic or o.is_synthetic))
               as first_match_date_sourced,
           min(m.delivered_date) as first_delivery_date,
           min(m.delivered_date) filter (where not (m.is_synthetic or i.is_synthetic or o.is_synthetic))
               as first_delivery_date_sourced
    from core.matches m
    join core.request_items i using (item_id)
    join core.offers o using (offer_id)
    where m.status <> 'declined'
    group by i.request_id
),

final as (
    select r.request_id, r.state_id, a.name_en as state_name, r.received_date, year(r.received_date) as received_year,
           r.channel, r.acknowledged_date, r.distributed_date, m.first_match_date, m.first_match_date_sourced,
           m.first_delivery_date, m.first_delivery_date_sourced, r.status, r.closed_date, r.consent_to_publish,
           r.summary, coalesce(i.n_items, 0) as n_items, coalesce(i.areas, []) as areas,
           coalesce(i.weapon_types, []) as weapon_types, r.source_url, r.confidence,
           r.is_synthetic or coalesce(i.any_synthetic, false) as is_synthetic
    from requests r
    join core.actors a on a.actor_id = r.state_id
    left join items i using (request_id)
    left join matches m using (request_id)
)

select * from final
