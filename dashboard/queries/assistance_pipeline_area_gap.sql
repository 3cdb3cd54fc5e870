-- assistance_pipeline_area_gap: one row per assistance area: items of the requests received in the period (requested,
-- matched by the period end, delivered by then, unmet at the end) against the offers available during the period
-- covering the area (dashboard/measures: item_figures, offer_figures 'area'). Offers are not tied to a State: the
-- State filter does not apply to them.
with items as (
    select * from item_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'area')
),

offers as (
    select * from offer_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'area')
),

final as (
    select area, v.sort_order,
           coalesce(i.items_requested, 0) as items_requested,
           coalesce(o.offers_available, 0) as offers_available,
           coalesce(i.items_matched, 0) as items_matched,
           coalesce(i.items_delivered, 0) as items_delivered,
           coalesce(i.items_unmet, 0) as items_unmet,
           i.share_items_matched,
           coalesce(i.items_requested_synthetic, 0) as items_requested_synthetic,
           coalesce(o.offers_available_synthetic, 0) as offers_available_synthetic
    from items i
    full join offers o using (area)
    left join core.vocab v on v.vocabulary = 'area' and v.code = area
)

select * from final order by sort_order nulls last, area
