-- assistance_pipeline_counts: one row: how many filtered requests, offers and matches the assistance pipeline page counts,
-- and how many of them are synthetic (for the synthetic-data badge and the empty-state explanation).
with requests as (
    select * from mart.filtered_requests($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

offers as (
    select offer_id, bool_or(is_synthetic) as is_synthetic
    from mart.filtered_offers($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    group by offer_id
),

matches as (
    select * from mart.filtered_matches($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

final as (
    select (select count(*) from requests) as requests,
           (select count(*) filter (where is_synthetic) from requests) as requests_synthetic,
           (select count(*) from offers) as offers,
           (select count(*) filter (where is_synthetic) from offers) as offers_synthetic,
           (select count(*) from matches) as matches,
           (select count(*) filter (where is_synthetic) from matches) as matches_synthetic
)

select * from final
