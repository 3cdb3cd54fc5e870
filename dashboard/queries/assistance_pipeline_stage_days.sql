-- assistance_pipeline_stage_days: one row per request x stage it had completed by the period end, with the days it
-- took (dashboard/measures: request_judged days_to_acknowledge, days_to_distribute, days_to_first_match,
-- days_to_delivery). At most $max_dots requests per stage: a fixed sample (by a hash of the request id), since beyond
-- that a browser cannot draw the dots and they add nothing; the summary counts every request.
with requests as (
    select * from request_judged($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

intervals as (
    select request_id, state_name, received_date, 1 as stage_order, 'acknowledge' as stage, days_to_acknowledge as days,
           is_synthetic
    from requests where acknowledged_by_end
    union all
    select request_id, state_name, received_date, 2, 'distribute', days_to_distribute, is_synthetic
    from requests where distributed_by_end
    union all
    select request_id, state_name, received_date, 3, 'match', days_to_first_match, is_synthetic
    from requests where matched_by_end
    union all
    select request_id, state_name, received_date, 4, 'deliver', days_to_delivery, is_synthetic
    from requests where delivered_by_end
),

final as (
    select stage_order, stage, request_id, state_name, received_date, days, is_synthetic
    from intervals
    qualify row_number() over (partition by stage order by hash(request_id), request_id) <= $max_dots
)

select * from final order by stage_order, days, request_id
