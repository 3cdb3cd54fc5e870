-- data_quality_freshness: one row per source table: when its files last changed, against its expected interval.
with files as (
    select
        f.run_id,
        r.finished_at,
        f.table_name,
        -- A table changed when its files did: their checksums (or, where a file holds withheld rows, its totals).
        string_agg(coalesce(f.sha256, f.path || ':' || f.rows_read), ',' order by coalesce(f.sha256, f.path)) as fingerprint,
        sum(f.rows_loaded) as rows_loaded
    from meta.load_files as f
    inner join meta.load_runs as r on r.run_id = f.run_id
    group by all
),

changes as (
    select
        *,
        lag(fingerprint) over (partition by table_name order by finished_at) as previous
    from files
),

last_change as (
    select
        table_name,
        max(finished_at) filter (where previous is null or previous <> fingerprint) as changed_at,
        arg_max(rows_loaded, finished_at) as rows_loaded
    from changes
    group by table_name
),

expected as (
    select
        unnest($table_names) as table_name,
        unnest($update_days) as update_days,
        generate_subscripts($table_names, 1) as table_order
),

final as (
    select
        e.table_name,
        e.update_days,
        l.changed_at,
        l.rows_loaded,
        date_diff('day', l.changed_at::date, $today) as age_days,
        case
            when e.update_days is null then 'reference'
            when l.changed_at is null then 'overdue'
            when date_diff('day', l.changed_at::date, $today) <= e.update_days then 'fresh'
            when date_diff('day', l.changed_at::date, $today) <= e.update_days * 1.5 then 'due'
            else 'overdue'
        end as freshness
    from expected as e
    left join last_change as l on l.table_name = e.table_name
    order by e.table_order
)

select * from final
