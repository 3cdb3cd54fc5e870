-- assistance_pipeline_stage_summary: one row per stage interval (receipt->acknowledgement, receipt->distribution,
-- distribution->first match, first match->delivery): requests that completed it by the end of the period and the
-- distribution of the days it took (minimum, quartiles by linear interpolation, median, maximum, mean).
with requests as (
    select * from mart.filtered_requests($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

intervals as (
    select 1 as stage_order, 'acknowledge' as stage, days_to_acknowledge as days
    from requests where acknowledged_date <= $end
    union all
    select 2, 'distribute', days_to_distribute from requests where distributed_date <= $end
    union all
    select 3, 'match', days_to_match from requests where matched_date <= $end
    union all
    select 4, 'deliver', days_to_deliver from requests where delivered_date <= $end
),

final as (
    select stage_order, stage, count(*) as requests,
           min(days) as min_days,
           quantile_cont(days, 0.25) as q1_days,
           quantile_cont(days, 0.5) as median_days,
           quantile_cont(days, 0.75) as q3_days,
           max(days) as max_days,
           round(avg(days), 1) as mean_days
    from intervals
    group by stage_order, stage
    order by stage_order
)

select * from final
