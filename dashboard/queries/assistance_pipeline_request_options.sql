-- assistance_pipeline_request_options: one row per filtered request (newest first): what the request selector lists, with its
-- number of matches (not declined) so the page can preselect one that has some.
with requests as (
    select * from mart.filtered_requests($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

final as (
    select request_id, state_name, received_date, n_matches
    from requests
    order by received_date desc, request_id
)

select * from final
