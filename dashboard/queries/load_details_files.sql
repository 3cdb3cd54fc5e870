-- load_details_files: one row per source file of the latest load: path, sha256, encoding and row counts.
with latest as (
    select run_id from meta.load_runs order by finished_at desc limit 1
),

final as (
    select f.table_name, f.path, f.encoding, f.delimiter, f.rows_read, f.rows_loaded, f.rows_rejected, f.sha256
    from meta.load_files f
    where f.run_id = (select run_id from latest)
    order by f.table_name, f.path
)

select * from final
