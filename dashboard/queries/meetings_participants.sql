-- meetings_participants: one row per participation row of the event $event_id (mart.event_participation): every
-- State and organisation by role (host, participant, observer ... organiser, funder), with the confidence and note
-- the data records (a disputed attendance keeps its note naming both sources) and its source. States first (the
-- Central Asian ones first), then organisations, by name.
with roles as (
    select code as role, sort_order from core.vocab where vocabulary = 'role'
),

final as (
    select p.role, p.actor_id, p.actor_name, p.actor_type, p.is_central_asian_state, p.confidence,
           p.confidence = 'disputed' as disputed, p.note, p.source_url, p.is_synthetic, r.sort_order
    from mart.event_participation p
    left join roles r using (role)
    where p.event_id = $event_id and ($synthetic or not p.is_synthetic)
)

select * exclude (sort_order) from final
order by sort_order, actor_type <> 'state', not is_central_asian_state, actor_name
