-- data_quality_history: one row per recorded load, newest first.
with final as (
    select run_id, finished_at, as_of, files, rows_read, rows_loaded, rows_rejected
    from meta.load_runs
    order by finished_at desc
)

select * from final
