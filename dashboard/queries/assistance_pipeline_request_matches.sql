-- assistance_pipeline_request_matches: one row per match recorded for the chosen request's items, whatever its date
-- or status (the record, not a measure): provider, dates, status. Feedback is $withheld unless the State consented
-- to publication or $show_unpublished.
with matches as (
    select m.*, i.item_no
    from mart.match_facts m
    join mart.request_item_facts i using (item_id)
    where m.request_id = $request_id and ($synthetic or not m.is_synthetic)
),

final as (
    select match_id, item_no, area, provider_name, proposed_date, status, delivered_date, days_to_deliver,
           case when consent_to_publish or $show_unpublished then feedback else $withheld end as feedback, is_synthetic
    from matches
)

select * from final order by proposed_date, match_id
