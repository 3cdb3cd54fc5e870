-- assistance_pipeline_funnel: one row per step of the 1540 procedure (received, acknowledged, distributed, matched,
-- delivered): the requests received in the period that had reached it by the period end (dashboard/measures:
-- request_figures); synthetic_rows: the synthetic requests among them (request_judged).
with figures as (
    select * from request_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'all')
),

synthetic as (
    select count(*) filter (where is_synthetic) as received,
           count(*) filter (where is_synthetic and acknowledged_by_end) as acknowledged,
           count(*) filter (where is_synthetic and distributed_by_end) as distributed,
           count(*) filter (where is_synthetic and matched_by_end) as matched,
           count(*) filter (where is_synthetic and delivered_by_end) as delivered
    from request_judged($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

final as (
    select 1 as stage_order, 'received' as stage, requests_received as requests, s.received as synthetic_rows
    from figures, synthetic s
    union all select 2, 'acknowledged', requests_acknowledged, s.acknowledged from figures, synthetic s
    union all select 3, 'distributed', requests_distributed, s.distributed from figures, synthetic s
    union all select 4, 'matched', requests_matched, s.matched from figures, synthetic s
    union all select 5, 'delivered', requests_delivered, s.delivered from figures, synthetic s
)

select * from final order by stage_order
