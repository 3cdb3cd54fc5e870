-- assistance_pipeline_request_items: one row per item of the chosen request: area, weapon type, whether matched or delivered
-- and by whom. The description is $withheld unless the State consented to publication or $show_unpublished.
with items as (
    select * from mart.request_item_status where request_id = $request_id
),

provider_names as (
    select i.item_id, string_agg(a.name_en, ', ' order by a.name_en) as providers
    from items i, unnest(i.providers) as p(provider_id)
    join core.actors a on a.actor_id = p.provider_id
    group by i.item_id
),

final as (
    select i.item_no, i.area, i.weapon_type,
           case when i.consent_to_publish or $show_unpublished then i.description else $withheld end as description,
           i.matched, i.delivered, coalesce(p.providers, '') as providers, i.is_synthetic
    from items i
    left join provider_names p using (item_id)
    order by i.item_no
)

select * from final
