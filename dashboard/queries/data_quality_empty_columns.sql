-- data_quality_empty_columns: one row per column of a source table that is empty in half its rows or more
-- (counted exactly: rows less the filled ones).
with sources as (
    unpivot (select 'sources' as _table, count(*) as _rows, count(columns(*)) from core.sources)
    on columns(* exclude (_table, _rows)) into name column_name value filled
),

pillars as (
    unpivot (select 'pillars' as _table, count(*) as _rows, count(columns(*)) from core.pillars)
    on columns(* exclude (_table, _rows)) into name column_name value filled
),

actors as (
    unpivot (select 'actors' as _table, count(*) as _rows, count(columns(*)) from core.actors)
    on columns(* exclude (_table, _rows)) into name column_name value filled
),

events as (
    unpivot (select 'events' as _table, count(*) as _rows, count(columns(*)) from core.events)
    on columns(* exclude (_table, _rows)) into name column_name value filled
),

participation as (
    unpivot (select 'participation' as _table, count(*) as _rows, count(columns(*)) from core.participation)
    on columns(* exclude (_table, _rows)) into name column_name value filled
),

procedure_steps as (
    unpivot (select 'procedure_steps' as _table, count(*) as _rows, count(columns(*)) from core.procedure_steps)
    on columns(* exclude (_table, _rows)) into name column_name value filled
),

national_action_plans as (
    unpivot (select 'national_action_plans' as _table, count(*) as _rows, count(columns(*)) from core.national_action_plans)
    on columns(* exclude (_table, _rows)) into name column_name value filled
),

requests as (
    unpivot (select 'requests' as _table, count(*) as _rows, count(columns(*)) from core.requests)
    on columns(* exclude (_table, _rows)) into name column_name value filled
),

request_items as (
    unpivot (select 'request_items' as _table, count(*) as _rows, count(columns(*)) from core.request_items)
    on columns(* exclude (_table, _rows)) into name column_name value filled
),

offers as (
    unpivot (select 'offers' as _table, count(*) as _rows, count(columns(*)) from core.offers)
    on columns(* exclude (_table, _rows)) into name column_name value filled
),

matches as (
    unpivot (select 'matches' as _table, count(*) as _rows, count(columns(*)) from core.matches)
    on columns(* exclude (_table, _rows)) into name column_name value filled
),

action_items as (
    unpivot (select 'action_items' as _table, count(*) as _rows, count(columns(*)) from core.action_items)
    on columns(* exclude (_table, _rows)) into name column_name value filled
),

action_item_status as (
    unpivot (select 'action_item_status' as _table, count(*) as _rows, count(columns(*)) from core.action_item_status)
    on columns(* exclude (_table, _rows)) into name column_name value filled
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
    select _table as table_name, column_name, _rows as rows, _rows - filled as empty_rows,
           (_rows - filled) / _rows as share_empty
    from all_columns
    where _rows > 0 and (_rows - filled) * 2 >= _rows and column_name not in ('loaded_from', 'loaded_row')
    order by share_empty desc, table_name, column_name
)

select * from final
