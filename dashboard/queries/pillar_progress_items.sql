-- pillar_progress_items: one row per Joint Plan of Action item of one State ($state) and pillar ($pillar): its status
-- as of $as_of (null when no status was recorded yet) and since when, its status as of $since, and its source.
with history as (
    select * from mart.filtered_action_history($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    where state_id = $state and pillar_id = $pillar
),

items as (
    select action_item_id, any_value(title) as title, count(*) as status_changes, bool_or(is_synthetic) as is_synthetic
    from history
    group by action_item_id
),

at_as_of as (
    select action_item_id, status, valid_from, note, source_url, confidence
    from history
    where valid_from <= $as_of and (valid_to is null or valid_to > $as_of)
),

at_since as (
    select action_item_id, status
    from history
    where valid_from <= $since and (valid_to is null or valid_to > $since)
),

latest as (
    select action_item_id, source_url, confidence
    from history
    qualify row_number() over (partition by action_item_id order by valid_from desc) = 1
),

final as (
    select i.action_item_id, i.title, n.status, n.valid_from as status_since, n.note, s.status as status_at_since,
           i.status_changes, coalesce(n.source_url, l.source_url) as source_url,
           coalesce(n.confidence, l.confidence) as confidence, i.is_synthetic
    from items i
    left join at_as_of n using (action_item_id)
    left join at_since s using (action_item_id)
    left join latest l using (action_item_id)
    order by i.action_item_id
)

select * from final
