-- match_facts: one row per match of a request item with an offer, with area, requesting State and provider.
with matches as (
    select * from core.matches
),

final as (
    select m.match_id, m.item_id, m.offer_id, m.proposed_date, year(m.proposed_date) as proposed_year, m.status,
           m.delivered_date, date_diff('day', m.proposed_date, m.delivered_date) as days_to_deliver, m.feedback,
           i.request_id, i.area, i.weapon_type, i.state_id, i.consent_to_publish,
           o.provider_id, a.name_en as provider_name, a.actor_type as provider_type,
           a.latitude as provider_latitude, a.longitude as provider_longitude,
           m.source_url, m.confidence,
           m.is_synthetic or i.is_synthetic or o.is_synthetic as is_synthetic
    from matches m
    join mart.request_item_facts i using (item_id)
    join core.offers o using (offer_id)
    join core.actors a on a.actor_id = o.provider_id
)

select * from final
