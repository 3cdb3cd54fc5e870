-- assistance_pipeline_funnel: one row per stage of the 1540 procedure (received, acknowledged, distributed, matched,
-- delivered): how many filtered requests had reached it by the end of the period (a dated step on or before $end).
with requests as (
    select * from mart.filtered_requests($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

reached as (
    select 1 as stage_order, 'received' as stage, count(*) as requests from requests
    union all
    select 2, 'acknowledged', count(*) filter (where acknowledged_date <= $end) from requests
    union all
    select 3, 'distributed', count(*) filter (where distributed_date <= $end) from requests
    union all
    select 4, 'matched', count(*) filter (where matched_date <= $end) from requests
    union all
    select 5, 'delivered', count(*) filter (where delivered_date <= $end) from requests
),

final as (
    select stage_order, stage, requests from reached order by stage_order
)

select * from final
