-- assistance_pipeline_open_ages: one row per filtered request still open at the end of the period (not closed or withdrawn
-- by then), with its age in days at the period end and the furthest stage it had reached by then.
with requests as (
    select * from mart.filtered_requests($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

open_at_end as (
    select * from requests
    where not (status <> 'open' and coalesce(closed_date <= $end, true))
),

final as (
    select request_id, state_id, state_name, received_date,
           date_diff('day', received_date, $end) as age_days,
           case
               when delivered_date <= $end then 'delivered'
               when matched_date <= $end then 'matched'
               when distributed_date <= $end then 'distributed'
               when acknowledged_date <= $end then 'acknowledged'
               else 'received'
           end as stage
    from open_at_end
    order by age_days desc, request_id
)

select * from final
