-- assistance_pipeline_request_items: one row per item of the chosen request, whatever its area, matched and delivered
-- by the period end and by whom (dashboard/measures: item_rows). The description is $withheld unless the State
-- consented to publication or $show_unpublished.
with items as (
    select * from item_rows($start, $end, [], $pillars, [], $funders, $synthetic)
    where request_id = $request_id
),

final as (
    select i.item_no, i.area, i.weapon_type,
           case when i.consent_to_publish or $show_unpublished then d.description else $withheld end as description,
           i.matched_by_end as matched, i.delivered_by_end as delivered,
           array_to_string(i.providers_by_end, ', ') as providers, i.is_synthetic
    from items i
    join mart.request_item_facts d using (item_id)
)

select * from final order by item_no
