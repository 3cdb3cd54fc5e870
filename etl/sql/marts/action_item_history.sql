-- action_item_history: one row per period in which a Joint Plan of Action item held one status
-- (valid_from inclusive, valid_to exclusive; valid_to null while current), so progress is known as of any date.
with changes as (
    select * from core.action_item_status
),

periods as (
    select action_item_id, status, status_date as valid_from,
           lead(status_date) over (partition by action_item_id order by status_date) as valid_to,
           note, source_url, confidence, is_synthetic
    from changes
),

final as (
    select p.action_item_id, i.state_id, i.pillar_id, i.title, p.status, p.valid_from, p.valid_to, p.note,
           coalesce(p.source_url, i.source_url) as source_url, p.confidence,
           p.is_synthetic or i.is_synthetic as is_synthetic
    from periods p
    join core.action_items i using (action_item_id)
)

select * from final
