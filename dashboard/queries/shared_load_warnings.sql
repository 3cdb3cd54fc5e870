-- shared_load_warnings: the latest load's wipe-out warnings: tables it emptied or cut to a small part of the
-- previous published load.
with latest as (
    select run_id from meta.load_runs order by finished_at desc limit 1
),

final as (
    select w.table_name, w.rows_before, w.rows_after
    from meta.load_warnings as w
    where w.kind = 'wipe_out' and w.run_id in (select run_id from latest)
    order by w.table_name
)

select * from final
