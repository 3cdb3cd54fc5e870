-- Attendance of the Central Asian States at the meetings held in the period, judged at its end J = p_end
-- (docs/MEASURES.md). A State attended a meeting when it has a participation row there, in any role, that the sources
-- do not dispute; a meeting where its only rows are disputed is counted apart, never as attended.

-- attendance_rows: one row per Central Asian State (of the State filter) x meeting held where it has a
-- participation row: attended or disputed only, the meeting's date and pillars, synthetic when every counted row is.
create or replace macro attendance_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
as table
with final as (
    select state_id, event_id, any_value(start_date) as start_date, any_value(date_precision) as date_precision,
           any_value(pillars) as pillars,
           bool_or(not disputed) as attended,
           not bool_or(not disputed) as disputed_only,
           coalesce(bool_and(is_synthetic) filter (where not disputed), false) as is_synthetic
    from participation_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
    where is_meeting
    group by state_id, event_id
)

select * from final;

-- attendance_figures: per p_group 'state' (one row per Central Asian State in the State filter, reached or not) or
-- 'all' (exactly one row, the States of the filter taken together): States reached, meetings attended (synthetic
-- among them) and disputed only, the last meeting attended and whole calendar months from it to J, and the pillars
-- the meetings attended addressed (within the pillar filter when set).
create or replace macro attendance_figures(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic,
                                           p_group) as table
with states as (
    select state_id from wh.mart.ca_states where len(p_states) = 0 or list_contains(p_states, state_id)
),

rows as (
    select case when p_group = 'state' then s.state_id end as group_state, s.state_id, a.* exclude (state_id)
    from states s
    left join attendance_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) a
      on a.state_id = s.state_id
),

grouped as (
    select group_state as state_id,
           count(distinct state_id) filter (where attended) as states_reached,
           count(distinct event_id) filter (where attended) as meetings_attended,
           count(distinct event_id) filter (where attended and is_synthetic) as meetings_attended_synthetic,
           list(distinct event_id) filter (where attended) as attended_ids,
           list(distinct event_id) filter (where disputed_only) as disputed_ids,
           max(start_date) filter (where attended) as last_reached,
           arg_max(date_precision, start_date) filter (where attended) as last_reached_precision,
           list_sort(list_distinct(flatten(list(pillars) filter (where attended)))) as attended_pillars
    from rows
    group by group_state
),

final as (
    select state_id, states_reached, meetings_attended, meetings_attended_synthetic,
           len(list_filter(coalesce(disputed_ids, []), lambda e: not list_contains(coalesce(attended_ids, []), e)))
               as meetings_disputed,
           last_reached, last_reached_precision,
           date_sub('month', last_reached, p_end) as months_since_last_reached,
           list_filter(coalesce(attended_pillars, []), lambda p: len(p_pillars) = 0 or list_contains(p_pillars, p))
               as pillar_list
    from grouped
)

select * exclude (pillar_list), len(pillar_list) as pillars_covered, pillar_list from final;

-- role_figures: one row per Central Asian State (of the State filter) x role: the meetings held in the period that
-- the State attended in that role (participation the sources do not dispute); a State that hosted and took part in a
-- meeting counts it under both roles.
create or replace macro role_figures(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with final as (
    select state_id, role, count(distinct event_id) as meetings_attended
    from participation_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
    where is_meeting and not disputed
    group by state_id, role
)

select * from final;
