-- pillar_progress_changes: one row per Joint Plan of Action item (of the chosen States and pillars) recorded by $as_of
-- whose status then differs from its status as of $since (null: not yet recorded then), with the date of its latest
-- change (dashboard/measures: jpoa_rows).
with items as (
    select * from jpoa_rows($start, $end, $states, $pillars, $areas, $funders, $synthetic, $as_of, $since)
    where recorded_as_of and status_on_since is distinct from status_as_of
),

final as (
    select i.state_id, i.pillar_id, i.action_item_id, i.title, i.status_on_since as status_at_since,
           i.status_as_of as status, i.status_since as changed_on, i.source_url, i.is_synthetic, v.sort_order
    from items i
    join core.vocab v on v.vocabulary = 'pillar' and v.code = i.pillar_id
)

select * exclude (sort_order) from final order by state_id, sort_order, action_item_id
