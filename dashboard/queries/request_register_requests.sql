-- request_register_requests: one row per assistance request received in the period (internal view only: published or
-- not), newest first, with its consent status, the one-week distribution check (as of the load) and its areas.
with requests as (
    select * from mart.filtered_requests($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

area_names as (
    select x.request_id, string_agg(v.label_en, ', ' order by v.sort_order) as areas
    from (select request_id, unnest(areas) as area from requests) x
    join core.vocab v on v.vocabulary = 'area' and v.code = x.area
    group by x.request_id
),

final as (
    select r.request_id, r.state_name, r.received_date, r.consent_to_publish, r.distributed_date,
           r.days_to_distribute, r.distributed_within_7_days, r.stage, r.status, r.n_items, r.n_matches,
           r.n_delivered, coalesce(n.areas, '') as areas, r.summary, r.confidence, r.is_synthetic
    from requests r
    left join area_names n using (request_id)
    order by r.received_date desc, r.request_id
)

select * from final
