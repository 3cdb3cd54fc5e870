-- request_item_status: one row per request item, with its request's State and dates and whether it was
-- matched (a match not declined) or delivered.
with items as (
    select * from core.request_items
),

item_matches as (
    select item_id,
           count(*) filter (where status <> 'declined') as n_matches,
           bool_or(status = 'delivered') as delivered,
           list(distinct o.provider_id order by o.provider_id) filter (where m.status <> 'declined') as providers
    from core.matches m
    join core.offers o using (offer_id)
    group by item_id
),

final as (
    select i.item_id, i.request_id, i.item_no, i.area, i.weapon_type, i.description,
           r.state_id, r.received_date, r.received_year, r.status as request_status, r.is_open,
           r.consent_to_publish,
           coalesce(m.n_matches, 0) > 0 as matched,
           coalesce(m.delivered, false) as delivered,
           coalesce(m.providers, []) as providers,
           i.source_url, i.confidence, i.is_synthetic or r.is_synthetic as is_synthetic
    from items i
    join mart.request_pipeline r using (request_id)
    left join item_matches m using (item_id)
)

select * from final
