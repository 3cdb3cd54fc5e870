-- assistance_pipeline_provider_rates: one row per provider with offers made in the period (in the chosen areas): offers made,
-- offers matched (at least one match, not declined, proposed by the period end, with any request), matches and
-- deliveries by then. Offers are not tied to a State: the State filter does not apply to them.
with offers as (
    select offer_id, provider_id, provider_name
    from mart.filtered_offers($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    group by offer_id, provider_id, provider_name
),

offer_matches as (
    select m.offer_id, count(*) as matches,
           count(*) filter (where m.delivered_date <= $end) as delivered
    from mart.match_facts m
    where m.status <> 'declined' and m.proposed_date <= $end and ($synthetic or not m.is_synthetic)
      and m.offer_id in (select offer_id from offers)
    group by m.offer_id
),

final as (
    select o.provider_id, o.provider_name,
           count(*) as offers_made,
           count(om.offer_id) as offers_matched,
           coalesce(sum(om.matches), 0)::bigint as matches,
           coalesce(sum(om.delivered), 0)::bigint as matches_delivered
    from offers o
    left join offer_matches om using (offer_id)
    group by o.provider_id, o.provider_name
    order by offers_made desc, o.provider_name
)

select * from final
