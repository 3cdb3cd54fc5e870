-- state_profile_requests: one row per 1540 assistance request of the State $state received in the period, newest
-- first, as it stood at the period end (dashboard/measures: request_rows): stage and status, areas, providers matched
-- (proposed by then, not declined) and consent. The summary is null unless the State consented to publishing it or
-- $show_unpublished (the internal view).
with requests as (
    select * from request_rows($start, $end, [$state], $pillars, $areas, $funders, $synthetic)
),

area_names as (
    select x.request_id, string_agg(v.label_en, ', ' order by v.sort_order) as areas
    from (select request_id, unnest(areas) as area from requests) x
    join core.vocab v on v.vocabulary = 'area' and v.code = x.area
    group by x.request_id
),

final as (
    select r.request_id, r.received_date, r.channel, r.stage_at_end, r.status_at_end, r.n_items,
           coalesce(n.areas, '') as areas, array_to_string(r.providers_by_end, ', ') as providers,
           r.matches_by_end, r.deliveries_by_end, r.days_to_distribute, r.consent_to_publish,
           case when r.consent_to_publish or $show_unpublished then r.summary end as summary,
           r.source_url, r.confidence, r.is_synthetic
    from requests r
    left join area_names n using (request_id)
)

select * from final order by received_date desc, request_id
