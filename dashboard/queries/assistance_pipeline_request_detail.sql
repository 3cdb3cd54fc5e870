-- assistance_pipeline_request_detail: one row: the chosen request with its dates and counts. The summary is replaced by
-- $withheld unless the requesting State consented to publication or $show_unpublished (internal view only).
with request as (
    select * from mart.request_pipeline where request_id = $request_id
),

final as (
    select request_id, state_name, channel, received_date, acknowledged_date, distributed_date, matched_date,
           delivered_date, days_to_distribute, status, closed_date, consent_to_publish,
           case when consent_to_publish or $show_unpublished then summary else $withheld end as summary,
           n_items, n_matches, n_delivered, confidence, is_synthetic
    from request
)

select * from final
