-- load_details_synthetic_share: one row per core table: rows in all and rows flagged synthetic.
with counts as (
    select 'events' as table_name, count(*) as total, count(*) filter (where is_synthetic) as synthetic from core.events
    union all select 'participation', count(*), count(*) filter (where is_synthetic) from core.participation
    union all select 'requests', count(*), count(*) filter (where is_synthetic) from core.requests
    union all select 'request_items', count(*), count(*) filter (where is_synthetic) from core.request_items
    union all select 'offers', count(*), count(*) filter (where is_synthetic) from core.offers
    union all select 'matches', count(*), count(*) filter (where is_synthetic) from core.matches
    union all select 'action_items', count(*), count(*) filter (where is_synthetic) from core.action_items
    union all select 'action_item_status', count(*), count(*) filter (where is_synthetic) from core.action_item_status
),

final as (
    select table_name, total, synthetic, total - synthetic as sourced from counts
)

select * from final
