-- state_profile_roles: one row per event x role of the State $state among the filtered events (a State can hold
-- several roles at one event: host and participant, organiser and signatory), oldest first; disputed rows kept.
with participation as (
    select * from mart.filtered_participation($start, $end, [$state], $pillars, $areas, $funders, $synthetic)
    where actor_id = $state
),

roles as (
    select code as role, sort_order from core.vocab where vocabulary = 'role'
),

final as (
    select p.start_date, p.event_id, p.event_title, p.event_type, p.city, p.role, p.confidence,
           p.confidence = 'disputed' as disputed, p.note, p.source_url, p.is_synthetic
    from participation p
    left join roles r using (role)
    order by p.start_date, p.event_id, r.sort_order
)

select * from final
