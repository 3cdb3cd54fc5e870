-- assistance_pipeline_area_gap: one row per assistance area: items of filtered requests (requested, matched by the period
-- end, delivered by then, unmet = request open at the period end and no match by then) against offers made in the
-- period covering the area. Offers are not tied to a State: the State filter does not apply to them.
with items as (
    select * from mart.filtered_items($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

item_matches as (
    select m.item_id,
           count(*) > 0 as matched,
           coalesce(bool_or(m.delivered_date <= $end), false) as delivered
    from mart.match_facts m
    where m.status <> 'declined' and m.proposed_date <= $end and ($synthetic or not m.is_synthetic)
      and m.item_id in (select item_id from items)
    group by m.item_id
),

item_state as (
    select i.area,
           coalesce(im.matched, false) as matched,
           coalesce(im.delivered, false) as delivered,
           not (r.status <> 'open' and coalesce(r.closed_date <= $end, true)) as open_at_end
    from items i
    join mart.request_pipeline r using (request_id)
    left join item_matches im using (item_id)
),

requested as (
    select area, count(*) as items_requested,
           count(*) filter (where matched) as items_matched,
           count(*) filter (where delivered) as items_delivered,
           count(*) filter (where open_at_end and not matched) as items_unmet
    from item_state
    group by area
),

offered as (
    select area, count(distinct offer_id) as offers_made
    from mart.filtered_offers($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    group by area
),

final as (
    select area, v.sort_order,
           coalesce(items_requested, 0) as items_requested,
           coalesce(offers_made, 0) as offers_made,
           coalesce(items_matched, 0) as items_matched,
           coalesce(items_delivered, 0) as items_delivered,
           coalesce(items_unmet, 0) as items_unmet
    from requested
    full join offered using (area)
    left join core.vocab v on v.vocabulary = 'area' and v.code = area
    order by v.sort_order nulls last, area
)

select * from final
