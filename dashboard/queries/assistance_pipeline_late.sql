-- assistance_pipeline_late: one row per request received in the period that was late against the one-week rule at
-- the period end (dashboard/measures: request_judged, distribution_at_end = 'late'), newest first: distributed more
-- than the rule's days after receipt, or not distributed by the period end although that many days had passed.
-- days: to distribution, or waited by the period end.
with final as (
    select request_id, state_name, received_date, distributed_date, days_waited as days,
           not distributed_by_end as still_waiting, status_at_end as status, is_synthetic
    from request_judged($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    where distribution_at_end = 'late'
)

select * from final order by received_date desc, request_id
