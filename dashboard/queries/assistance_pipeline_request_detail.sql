-- assistance_pipeline_request_detail: one row: the chosen request as it stood at the period end (dashboard/measures:
-- request_rows), with its items and matches by then. The summary is replaced by $withheld unless the requesting
-- State consented to publication or $show_unpublished (internal view only).
with final as (
    select request_id, state_name, channel, received_date, distributed_date, days_to_distribute, status_at_end,
           stage_at_end, distribution_at_end, consent_to_publish,
           case when consent_to_publish or $show_unpublished then summary else $withheld end as summary,
           n_items, matches_by_end, deliveries_by_end, confidence, is_synthetic
    from request_rows($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    where request_id = $request_id
)

select * from final
