-- assistance_pipeline_request_options: one row per request received in the period (newest first): what the request
-- picker lists, and whether it was matched by the period end so the page can preselect one that was; at most $limit.
with final as (
    select request_id, state_name, received_date, matched_by_end
    from request_judged($start, $end, $states, $pillars, $areas, $funders, $synthetic)
)

select * from final order by received_date desc, request_id limit $limit
