-- pillar_progress_changes: one row per Joint Plan of Action item (of the chosen States and pillars) whose status as of
-- $as_of differs from its status as of $since (null: not yet recorded then), with the date of its latest change.
with history as (
    select * from mart.filtered_action_history($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

at_as_of as (
    select action_item_id, state_id, pillar_id, title, status, valid_from, source_url, is_synthetic
    from history
    where valid_from <= $as_of and (valid_to is null or valid_to > $as_of)
),

at_since as (
    select action_item_id, status
    from history
    where valid_from <= $since and (valid_to is null or valid_to > $since)
),

pillars as (
    select code as pillar_id, sort_order from core.vocab where vocabulary = 'pillar'
),

final as (
    select n.state_id, n.pillar_id, n.action_item_id, n.title, s.status as status_at_since, n.status,
           n.valid_from as changed_on, n.source_url, n.is_synthetic
    from at_as_of n
    left join at_since s using (action_item_id)
    join pillars p using (pillar_id)
    where s.status is distinct from n.status
    order by n.state_id, p.sort_order, n.action_item_id
)

select * from final
