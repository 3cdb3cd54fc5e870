-- pillar_progress_history: one row per recorded status of a Joint Plan of Action item of one State ($state) and
-- pillar ($pillar), whatever the dates (the record, not a measure): date, status, note, source, oldest first within
-- each item; synthetic rows only when $synthetic.
with history as (
    select * from mart.action_item_history
    where state_id = $state and pillar_id = $pillar and ($synthetic or not is_synthetic)
),

final as (
    select action_item_id, title, valid_from as status_date, status, note, source_url, confidence, is_synthetic
    from history
)

select * from final order by action_item_id, status_date
