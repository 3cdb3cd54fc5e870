-- data_quality_orphans: one row per record that nothing else links to where something should (of kind $kind, or of
-- every kind when $kind is null).
with orphans as (
    select 'requests without items' as kind, request_id as id, summary as title
    from core.requests as r
    where not exists (select 1 from core.request_items as i where i.request_id = r.request_id)
    union all
    select 'offers never matched', offer_id, description
    from core.offers as o
    where not exists (select 1 from core.matches as m where m.offer_id = o.offer_id)
    union all
    select 'Joint Plan items without a status', action_item_id, title
    from core.action_items as a
    where not exists (select 1 from core.action_item_status as s where s.action_item_id = a.action_item_id)
    union all
    select 'events without participants', event_id, title
    from core.events as e
    where not exists (select 1 from core.participation as p where p.event_id = e.event_id)
),

final as (
    select kind, id, title from orphans where $kind is null or kind = $kind order by kind, id
)

select * from final
