-- assistance_pipeline_stage_days: one row per filtered request x stage it had completed by the end of the period, with the
-- days it took: receipt->acknowledgement, receipt->distribution, distribution->first match, first match->delivery.
with requests as (
    select * from mart.filtered_requests($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

intervals as (
    select request_id, state_name, received_date, 1 as stage_order, 'acknowledge' as stage,
           days_to_acknowledge as days
    from requests where acknowledged_date <= $end
    union all
    select request_id, state_name, received_date, 2, 'distribute', days_to_distribute
    from requests where distributed_date <= $end
    union all
    select request_id, state_name, received_date, 3, 'match', days_to_match
    from requests where matched_date <= $end
    union all
    select request_id, state_name, received_date, 4, 'deliver', days_to_deliver
    from requests where delivered_date <= $end
),

final as (
    select stage_order, stage, request_id, state_name, received_date, days
    from intervals
    order by stage_order, days, request_id
)

select * from final
