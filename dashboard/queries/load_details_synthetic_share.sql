-- load_details_synthetic_share: one row per core table holding facts: rows in all, rows flagged synthetic
-- (illustrative demonstration data) and rows sourced (real, each citing its source).
with counts as (
    select 1 as k, 'events' as table_name, count(*) as total, count(*) filter (where is_synthetic) as synthetic
    from core.events
    union all select 2, 'participation', count(*), count(*) filter (where is_synthetic) from core.participation
    union all select 3, 'actors', count(*), count(*) filter (where is_synthetic) from core.actors
    union all select 4, 'pillars', count(*), count(*) filter (where is_synthetic) from core.pillars
    union all select 5, 'procedure_steps', count(*), count(*) filter (where is_synthetic) from core.procedure_steps
    union all select 6, 'national_action_plans', count(*), count(*) filter (where is_synthetic)
              from core.national_action_plans
    union all select 7, 'requests', count(*), count(*) filter (where is_synthetic) from core.requests
    union all select 8, 'request_items', count(*), count(*) filter (where is_synthetic) from core.request_items
    union all select 9, 'offers', count(*), count(*) filter (where is_synthetic) from core.offers
    union all select 10, 'matches', count(*), count(*) filter (where is_synthetic) from core.matches
    union all select 11, 'action_items', count(*), count(*) filter (where is_synthetic) from core.action_items
    union all select 12, 'action_item_status', count(*), count(*) filter (where is_synthetic)
              from core.action_item_status
),

final as (
    select table_name, total, synthetic, total - synthetic as sourced from counts order by k
)

select * from final
