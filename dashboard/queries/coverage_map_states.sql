-- coverage_map_states: one row per Central Asian State: meetings attended in the filtered period (distinct
-- non-milestone events, any role, attendance the sources dispute counted apart), the pillars those meetings
-- covered, when the State was last reached and how many months before $as_of, requests still open at the end of
-- the period, and assistance matches proposed in the period and not declined. in_filter: inside the State filter.
with states as (
    select state_id, iso3, name_en, (len($states) = 0 or list_contains($states, state_id)) as in_filter
    from mart.ca_states
),

participation as (
    select actor_id as state_id, event_id, start_date, pillars, confidence, is_synthetic
    from mart.filtered_participation($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    where is_central_asian_state and event_type <> 'milestone'
),

per_event as (
    -- a State may hold several roles at one event: it attended when any of them is not disputed
    select state_id, event_id, any_value(start_date) as start_date, any_value(pillars) as pillars,
           bool_or(confidence <> 'disputed') as counted,
           coalesce(bool_and(is_synthetic) filter (where confidence <> 'disputed'), false) as synthetic
    from participation
    group by state_id, event_id
),

attended as (
    select state_id,
           count(*) filter (where counted) as meetings_attended,
           count(*) filter (where counted and synthetic) as meetings_synthetic,
           count(*) filter (where not counted) as meetings_disputed,
           max(start_date) filter (where counted) as last_reached
    from per_event
    group by state_id
),

pillars as (
    select state_id, list(distinct pillar order by pillar) as pillar_list
    from (select state_id, unnest(pillars) as pillar from per_event where counted)
    where len($pillars) = 0 or list_contains($pillars, pillar)
    group by state_id
),

requests as (
    select state_id,
           count(*) filter (where status = 'open' or closed_date > $end) as requests_open,
           count(*) filter (where (status = 'open' or closed_date > $end) and is_synthetic) as requests_open_synthetic
    from mart.filtered_requests($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    group by state_id
),

matches as (
    select state_id, count(*) as matches, count(*) filter (where is_synthetic) as matches_synthetic
    from mart.filtered_matches($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    where status <> 'declined'
    group by state_id
),

final as (
    select s.state_id, s.iso3, s.name_en, s.in_filter,
           coalesce(a.meetings_attended, 0) as meetings_attended,
           coalesce(a.meetings_synthetic, 0) as meetings_synthetic,
           coalesce(a.meetings_disputed, 0) as meetings_disputed,
           len(coalesce(p.pillar_list, [])) as pillars_covered,
           array_to_string(coalesce(p.pillar_list, []), ', ') as pillar_list,
           a.last_reached,
           -- null when never reached (greatest() would skip the null and give 0)
           case when a.last_reached is not null
                then greatest(date_diff('month', a.last_reached, $as_of::date), 0) end as months_since_last_reached,
           coalesce(r.requests_open, 0) as requests_open,
           coalesce(r.requests_open_synthetic, 0) as requests_open_synthetic,
           coalesce(m.matches, 0) as matches,
           coalesce(m.matches_synthetic, 0) as matches_synthetic
    from states s
    left join attended a using (state_id)
    left join pillars p using (state_id)
    left join requests r using (state_id)
    left join matches m using (state_id)
    order by s.state_id
)

select * from final
