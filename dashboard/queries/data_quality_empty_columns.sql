-- data_quality_empty_columns: one row per column of a source table that is empty in half its rows or more.
with sources as (
    select 'sources' as table_name, column_name, count as rows, null_percentage from (summarize core.sources)
),

pillars as (
    select 'pillars' as table_name, column_name, count as rows, null_percentage from (summarize core.pillars)
),

actors as (
    select 'actors' as table_name, column_name, count as rows, null_percentage from (summarize core.actors)
),

events as (
    select 'events' as table_name, column_name, count as rows, null_percentage from (summarize core.events)
),

participation as (
    select 'participation' as table_name, column_name, count as rows, null_percentage from (summarize core.participation)
),

procedure_steps as (
    select 'procedure_steps' as table_name, column_name, count as rows, null_percentage from (summarize core.procedure_steps)
),

national_action_plans as (
    select 'national_action_plans' as table_name, column_name, count as rows, null_percentage from (summarize core.national_action_plans)
),

requests as (
    select 'requests' as table_name, column_name, count as rows, null_percentage from (summarize core.requests)
),

request_items as (
    select 'request_items' as table_name, column_name, count as rows, null_percentage from (summarize core.request_items)
),

offers as (
    select 'offers' as table_name, column_name, count as rows, null_percentage from (summarize core.offers)
),

matches as (
    select 'matches' as table_name, column_name, count as rows, null_percentage from (summarize core.matches)
),

action_items as (
    select 'action_items' as table_name, column_name, count as rows, null_percentage from (summarize core.action_items)
),

action_item_status as (
    select 'action_item_status' as table_name, column_name, count as rows, null_percentage from (summarize core.action_item_status)
),

all_columns as (
    select * from sources
    union all
    select * from pillars
    union all
    select * from actors
    union all
    select * from events
    union all
    select * from participation
    union all
    select * from procedure_steps
    union all
    select * from national_action_plans
    union all
    select * from requests
    union all
    select * from request_items
    union all
    select * from offers
    union all
    select * from matches
    union all
    select * from action_items
    union all
    select * from action_item_status
),

final as (
    select table_name, column_name, rows, null_percentage / 100 as share_empty
    from all_columns
    where rows > 0 and null_percentage >= 50 and column_name not in ('loaded_from', 'loaded_row')
    order by share_empty desc, table_name, column_name
)

select * from final
