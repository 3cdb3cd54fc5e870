-- assistance_pipeline_stage_summary: one row per stage interval (receipt -> acknowledgement, receipt -> distribution,
-- distribution -> first match, first match -> delivery): the requests that completed it by the period end and the
-- distribution of the days it took (dashboard/measures: request_judged): minimum, quartiles by linear interpolation,
-- median, maximum, mean; synthetic_rows: the synthetic requests among them.
with requests as (
    select * from request_judged($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

intervals as (
    select 1 as stage_order, 'acknowledge' as stage, days_to_acknowledge as days, is_synthetic from requests
    where acknowledged_by_end
    union all select 2, 'distribute', days_to_distribute, is_synthetic from requests where distributed_by_end
    union all select 3, 'match', days_to_first_match, is_synthetic from requests where matched_by_end
    union all select 4, 'deliver', days_to_delivery, is_synthetic from requests where delivered_by_end
),

final as (
    select stage_order, stage, count(*) as requests,
           min(days) as min_days,
           quantile_cont(days, 0.25) as q1_days,
           quantile_cont(days, 0.5) as median_days,
           quantile_cont(days, 0.75) as q3_days,
           max(days) as max_days,
           round(avg(days), 1) as mean_days,
           count(*) filter (where is_synthetic) as synthetic_rows
    from intervals
    group by stage_order, stage
)

select * from final order by stage_order
