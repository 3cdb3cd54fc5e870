-- assistance_pipeline_request_options: one row per request received in the period (newest first): what the request
-- picker lists, with its matches by the period end so the page can preselect one that has some; at most $limit.
with final as (
    select request_id, state_name, received_date, matches_by_end
    from request_rows($start, $end, $states, $pillars, $areas, $funders, $synthetic)
)

select * from final order by received_date desc, request_id limit $limit
