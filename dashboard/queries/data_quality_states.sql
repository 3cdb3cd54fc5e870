-- data_quality_states: one row per Central Asian State: how many records of each kind name it (0: none at all).
with states as (
    select actor_id as state_id, name_en as state_name
    from core.actors
    where actor_type = 'state' and list_contains($central_asia, actor_id)
),

final as (
    select
        s.state_id,
        s.state_name,
        (select count(distinct p.event_id) from core.participation as p where p.actor_id = s.state_id) as meetings,
        (select count(*) from core.requests as r where r.state_id = s.state_id) as requests,
        (select count(*) from core.action_items as a where a.state_id = s.state_id) as action_items,
        (select count(*) from core.national_action_plans as n where n.state_id = s.state_id) as action_plans
    from states as s
    order by s.state_id
)

select * from final
