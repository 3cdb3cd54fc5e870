-- state_profile_roles: one row per event x role of the State $state at the events of the period passing the filters
-- (dashboard/measures: participation_rows; milestones and disputed rows kept, marked), oldest first.
with participation as (
    select * from participation_rows($start, $end, [$state], $pillars, $areas, $funders, $synthetic)
),

roles as (
    select code as role, sort_order from core.vocab where vocabulary = 'role'
),

final as (
    select p.start_date, p.date_precision, p.event_id, p.event_title, p.event_type, p.city, p.role, p.confidence, p.disputed, p.note,
           p.source_url, p.is_synthetic, r.sort_order
    from participation p
    left join roles r using (role)
)

select * exclude (sort_order) from final order by start_date, event_id, sort_order
