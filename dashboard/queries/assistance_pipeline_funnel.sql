-- assistance_pipeline_funnel: one row per step of the 1540 procedure (received, acknowledged, distributed, matched,
-- delivered): the requests received in the period that had reached it by the period end (dashboard/measures:
-- request_figures).
with figures as (
    select * from request_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'all')
),

final as (
    select 1 as stage_order, 'received' as stage, requests_received as requests from figures
    union all select 2, 'acknowledged', requests_acknowledged from figures
    union all select 3, 'distributed', requests_distributed from figures
    union all select 4, 'matched', requests_matched from figures
    union all select 5, 'delivered', requests_delivered from figures
)

select * from final order by stage_order
