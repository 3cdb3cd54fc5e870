-- load_details_history: one row per recorded load, newest first.
with final as (
    select run_id, started_at, finished_at, files, rows_read, rows_loaded, rows_rejected, strict, sources
    from meta.load_runs
    order by finished_at desc
)

select * from final
