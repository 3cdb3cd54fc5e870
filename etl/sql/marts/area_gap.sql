-- area_gap: one row per assistance area x year x synthetic flag: items requested, matched, delivered and
-- still unmet (open, no match) against offers made. The gap a workshop organiser plans from.
with requested as (
    select area, received_year as year, is_synthetic,
           count(*) as items_requested,
           count(*) filter (where matched) as items_matched,
           count(*) filter (where delivered) as items_delivered,
           count(*) filter (where is_open and not matched) as items_unmet
    from mart.request_item_status
    group by all
),

offered as (
    select area, offered_year as year, is_synthetic, count(*) as offers_made
    from mart.offer_areas
    group by all
),

final as (
    select area, year, is_synthetic,
           coalesce(items_requested, 0) as items_requested, coalesce(items_matched, 0) as items_matched,
           coalesce(items_delivered, 0) as items_delivered, coalesce(items_unmet, 0) as items_unmet,
           coalesce(offers_made, 0) as offers_made
    from requested
    full join offered using (area, year, is_synthetic)
)

select * from final
