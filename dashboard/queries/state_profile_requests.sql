-- state_profile_requests: one row per 1540 assistance request of the State $state received in the period, newest first:
-- stage and status as of $end, areas, providers matched (offers proposed and not declined by then) and consent.
-- The summary is null unless the State consented to publishing it or $show_unpublished (the internal view).
with requests as (
    select * from mart.filtered_requests($start, $end, [$state], $pillars, $areas, $funders, $synthetic)
),

area_names as (
    select x.request_id, string_agg(v.label_en, ', ' order by v.sort_order) as areas
    from (select request_id, unnest(areas) as area from requests) x
    join core.vocab v on v.vocabulary = 'area' and v.code = x.area
    group by x.request_id
),

matched as (
    select i.request_id,
           string_agg(distinct a.name_en, ', ' order by a.name_en) as providers,
           count(*) as matches,
           count(*) filter (where m.delivered_date <= $end) as delivered
    from core.matches m
    join core.request_items i using (item_id)
    join core.offers o using (offer_id)
    join core.actors a on a.actor_id = o.provider_id
    where m.status <> 'declined' and m.proposed_date <= $end
      and i.request_id in (select request_id from requests)
    group by i.request_id
),

final as (
    select r.request_id, r.received_date, r.channel,
           case
               when r.delivered_date <= $end then 'delivered'
               when r.matched_date <= $end then 'matched'
               when r.distributed_date <= $end then 'distributed'
               when r.acknowledged_date <= $end then 'acknowledged'
               else 'received'
           end as stage,
           case when r.status <> 'open' and r.closed_date <= $end then r.status else 'open' end as status,
           r.n_items as items, coalesce(n.areas, '') as areas,
           coalesce(m.providers, '') as providers, coalesce(m.matches, 0) as matches,
           coalesce(m.delivered, 0) as delivered_matches,
           r.days_to_distribute, r.distributed_within_7_days,
           r.consent_to_publish,
           case when r.consent_to_publish or $show_unpublished then r.summary end as summary,
           r.source_url, r.confidence, r.is_synthetic
    from requests r
    left join area_names n using (request_id)
    left join matched m using (request_id)
    order by r.received_date desc, r.request_id
)

select * from final
