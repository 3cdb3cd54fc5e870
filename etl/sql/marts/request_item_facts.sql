-- request_item_facts: one row per request item, with its request's State, date of receipt and consent. Whether an
-- item was matched or delivered by a given date is judged by the measure layer (dashboard/measures/request_items.sql).
with items as (
    select * from core.request_items
),

final as (
    select i.item_id, i.request_id, i.item_no, i.area, i.weapon_type, i.description,
           r.state_id, r.received_date, r.received_year, r.consent_to_publish,
           i.source_url, i.confidence, i.is_synthetic or r.is_synthetic as is_synthetic
    from items i
    join mart.request_pipeline r using (request_id)
)

select * from final
