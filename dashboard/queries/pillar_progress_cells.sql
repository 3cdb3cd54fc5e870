-- pillar_progress_cells: one row per Central Asian State x Strategy pillar (the full grid of the chosen States and
-- pillars, empty cells included): Joint Plan of Action items by status as of $as_of, those completed as of $since and
-- the change, and the share completed (dashboard/measures: jpoa_figures 'cell'). States in their fixed order (code).
with grid as (
    select s.state_id, v.code as pillar_id, v.sort_order
    from mart.ca_states s
    cross join core.vocab v
    where v.vocabulary = 'pillar'
      and (len($states) = 0 or list_contains($states, s.state_id))
      and (len($pillars) = 0 or list_contains($pillars, v.code))
),

cells as (
    select * from jpoa_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, $as_of, $since, 'cell')
),

final as (
    select g.state_id, g.pillar_id,
           coalesce(c.jpoa_items, 0) as jpoa_items,
           coalesce(c.jpoa_completed, 0) as jpoa_completed,
           coalesce(c.jpoa_in_progress, 0) as jpoa_in_progress,
           coalesce(c.jpoa_not_started, 0) as jpoa_not_started,
           coalesce(c.jpoa_items_on_since, 0) as jpoa_items_on_since,
           coalesce(c.jpoa_completed_on_since, 0) as jpoa_completed_on_since,
           coalesce(c.jpoa_completed_since, 0) as jpoa_completed_since,
           c.share_completed,
           coalesce(c.jpoa_items_synthetic, 0) as jpoa_items_synthetic,
           g.sort_order
    from grid g
    left join cells c using (state_id, pillar_id)
)

select * exclude (sort_order) from final order by state_id, sort_order
