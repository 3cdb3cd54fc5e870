-- pillar_progress_history: one row per recorded status of a Joint Plan of Action item of one State ($state) and
-- pillar ($pillar): the full history (date, status, note, source), oldest first within each item.
with history as (
    select * from mart.filtered_action_history($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    where state_id = $state and pillar_id = $pillar
),

final as (
    select action_item_id, title, valid_from as status_date, status, note, source_url, confidence, is_synthetic
    from history
    order by action_item_id, valid_from
)

select * from final
