-- coverage_map_states: one row per Central Asian State (all five; in_filter: inside the State filter): meetings
-- attended in the period (synthetic among them) and attendance the sources dispute, the pillars those meetings
-- covered, when it was last reached and whole months from then to the period end, requests received in the period
-- and open at its end, and assistance matches proposed in the period and not declined (dashboard/measures:
-- attendance_figures, request_figures, match_figures, each grouped by State).
with states as (
    select state_id, iso3, name_en, (len($states) = 0 or list_contains($states, state_id)) as in_filter
    from mart.ca_states
),

attendance as (
    select * from attendance_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'state')
),

requests as (
    select * from request_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'state')
),

matches as (
    select * from match_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'state')
),

final as (
    select s.state_id, s.iso3, s.name_en, s.in_filter,
           coalesce(a.meetings_attended, 0) as meetings_attended,
           coalesce(a.meetings_attended_synthetic, 0) as meetings_attended_synthetic,
           coalesce(a.meetings_disputed, 0) as meetings_disputed,
           coalesce(a.pillars_covered, 0) as pillars_covered,
           array_to_string(coalesce(a.pillar_list, []), ', ') as pillar_list,
           a.last_reached, a.last_reached_precision, a.months_since_last_reached,
           coalesce(r.requests_open_at_end, 0) as requests_open_at_end,
           coalesce(r.requests_open_at_end_synthetic, 0) as requests_open_at_end_synthetic,
           coalesce(m.matches_proposed, 0) as matches_proposed,
           coalesce(m.matches_proposed_synthetic, 0) as matches_proposed_synthetic
    from states s
    left join attendance a using (state_id)
    left join requests r using (state_id)
    left join matches m using (state_id)
)

select * from final order by state_id
