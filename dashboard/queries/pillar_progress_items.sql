-- pillar_progress_items: one row per Joint Plan of Action item of one State ($state) and pillar ($pillar): its status
-- as of $as_of (null when none was recorded yet) and since when, its status as of $since, and its source
-- (dashboard/measures: jpoa_rows).
with final as (
    select action_item_id, title, status_as_of as status, status_since, note, status_on_since as status_at_since,
           status_changes, source_url, confidence, is_synthetic
    from jpoa_rows($start, $end, [$state], [$pillar], $areas, $funders, $synthetic, $as_of, $since)
)

select * from final order by action_item_id
