-- pillar_progress_cells: one row per Central Asian State x Strategy pillar (the full grid of the chosen States and
-- pillars, empty cells included): Joint Plan of Action items by status as of $as_of, and the items completed
-- as of $since, so a cell can say "3 of 5 completed, +2 since <date>". States in their fixed order (by code).
with history as (
    select * from mart.filtered_action_history($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

grid as (
    select s.state_id, v.code as pillar_id, v.sort_order
    from mart.ca_states s
    cross join core.vocab v
    where v.vocabulary = 'pillar'
      and (len($states) = 0 or list_contains($states, s.state_id))
      and (len($pillars) = 0 or list_contains($pillars, v.code))
),

at_as_of as (
    select state_id, pillar_id,
           count(*) as items,
           count(*) filter (where status = 'completed') as completed,
           count(*) filter (where status = 'in_progress') as in_progress,
           count(*) filter (where status = 'not_started') as not_started,
           count(*) filter (where is_synthetic) as synthetic_items
    from history
    where valid_from <= $as_of and (valid_to is null or valid_to > $as_of)
    group by state_id, pillar_id
),

at_since as (
    select state_id, pillar_id,
           count(*) as items_since,
           count(*) filter (where status = 'completed') as completed_since
    from history
    where valid_from <= $since and (valid_to is null or valid_to > $since)
    group by state_id, pillar_id
),

final as (
    select g.state_id, g.pillar_id,
           coalesce(n.items, 0) as items,
           coalesce(n.completed, 0) as completed,
           coalesce(n.in_progress, 0) as in_progress,
           coalesce(n.not_started, 0) as not_started,
           coalesce(s.items_since, 0) as items_since,
           coalesce(s.completed_since, 0) as completed_since,
           coalesce(n.completed, 0) - coalesce(s.completed_since, 0) as completed_change,
           coalesce(n.synthetic_items, 0) as synthetic_items
    from grid g
    left join at_as_of n using (state_id, pillar_id)
    left join at_since s using (state_id, pillar_id)
    order by g.state_id, g.sort_order
)

select * from final
