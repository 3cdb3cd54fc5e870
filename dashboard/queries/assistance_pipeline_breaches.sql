-- assistance_pipeline_breaches: one row per filtered request that breached the one-week distribution rule as of the end of
-- the period: distributed more than $rule_days days after receipt, or still undistributed more than $rule_days
-- days after receipt. days = days to distribution, or days waited by the period end when not yet distributed.
with requests as (
    select * from mart.filtered_requests($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

as_of_end as (
    select request_id, state_name, received_date,
           case when distributed_date <= $end then distributed_date end as distributed_date,
           case
               when distributed_date <= $end then date_diff('day', received_date, distributed_date)
               else date_diff('day', received_date, $end)
           end as days,
           distributed_date is null or distributed_date > $end as still_waiting,
           case when status <> 'open' and coalesce(closed_date <= $end, true) then status else 'open' end as status
    from requests
),

final as (
    select request_id, state_name, received_date, distributed_date, days, still_waiting, status
    from as_of_end
    where days > $rule_days
    order by received_date desc, request_id
)

select * from final
