-- shared_load_status: one row: the latest published load (when, how many files and rows).
with runs as (
    select * from meta.load_runs order by finished_at desc limit 1
),

final as (
    select run_id, started_at, finished_at, as_of, files, rows_read, rows_loaded, rows_rejected, etl_version
    from runs
)

select * from final
