-- request_register_requests: one row per request received in the period (internal view only: published or not;
-- only the unpublished ones when $unpublished_only), newest first, as it stood at the period end (dashboard/measures:
-- request_rows): consent, distribution and how it stood against the one-week rule, stage, status, items, matches and
-- deliveries by then, areas and summary.
with requests as (
    select * from request_rows($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    where not $unpublished_only or not consent_to_publish
),

area_names as (
    select x.request_id, string_agg(v.label_en, ', ' order by v.sort_order) as areas
    from (select request_id, unnest(areas) as area from requests) x
    join core.vocab v on v.vocabulary = 'area' and v.code = x.area
    group by x.request_id
),

final as (
    select r.request_id, r.state_name, r.received_date, r.consent_to_publish, r.distributed_date,
           r.days_to_distribute, r.distribution_at_end, r.stage_at_end, r.status_at_end, r.n_items,
           r.matches_by_end, r.deliveries_by_end, coalesce(n.areas, '') as areas, r.summary, r.confidence,
           r.is_synthetic
    from requests r
    left join area_names n using (request_id)
)

select * from final order by received_date desc, request_id
