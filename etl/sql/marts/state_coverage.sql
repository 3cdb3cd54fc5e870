-- state_coverage: one row per Central Asian State: meetings taken part in (any role, milestones excluded),
-- pillars those meetings covered, when the State was last reached, and its requests (as of the load date).
with attended as (
    select actor_id as state_id,
           count(distinct event_id) as events_attended,
           count(distinct event_id) filter (where not is_synthetic) as events_attended_sourced,
           max(start_date) as last_reached,
           list(distinct role order by role) as roles
    from mart.event_participation
    where is_central_asian_state and event_type <> 'milestone'
    group by actor_id
),

pillars as (
    select actor_id as state_id, list(distinct pillar order by pillar) as pillars_covered
    from (select actor_id, unnest(pillars) as pillar from mart.event_participation
          where is_central_asian_state and event_type <> 'milestone')
    group by actor_id
),

requests as (
    select state_id, count(*) as requests_total, count(*) filter (where is_open) as requests_open,
           bool_or(is_synthetic) as requests_synthetic
    from mart.request_pipeline
    group by state_id
),

final as (
    select s.state_id, s.name_en, s.name_ru, s.latitude, s.longitude,
           coalesce(a.events_attended, 0) as events_attended,
           coalesce(a.events_attended_sourced, 0) as events_attended_sourced,
           coalesce(p.pillars_covered, []) as pillars_covered,
           len(coalesce(p.pillars_covered, [])) as n_pillars_covered,
           a.last_reached,
           date_diff('month', a.last_reached, $as_of) as months_since_last_reached,
           coalesce(a.roles, []) as roles,
           coalesce(r.requests_total, 0) as requests_total, coalesce(r.requests_open, 0) as requests_open,
           coalesce(r.requests_synthetic, false) as requests_synthetic
    from mart.ca_states s
    left join attended a using (state_id)
    left join pillars p using (state_id)
    left join requests r using (state_id)
)

select * from final
