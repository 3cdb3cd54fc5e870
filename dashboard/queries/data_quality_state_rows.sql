-- data_quality_state_rows: one row per record of kind $kind (every kind when null) naming the State $state (the rows
-- behind its completeness counts).
with records as (
    select 'meetings' as kind, e.event_id as id, e.start_date as date, e.title as title
    from core.participation as p
    inner join core.events as e on e.event_id = p.event_id
    where p.actor_id = $state
    union all
    select 'requests', request_id, received_date, summary from core.requests where state_id = $state
    union all
    select 'action_items', action_item_id, null, title from core.action_items where state_id = $state
    union all
    select 'action_plans', nap_id, submitted_date, title from core.national_action_plans where state_id = $state
),

final as (
    select distinct kind, id, date, title from records where $kind is null or kind = $kind order by kind, date nulls last, id
)

select * from final
