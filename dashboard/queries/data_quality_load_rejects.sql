-- data_quality_load_rejects: one row per problem found in load $run_id (file, row, column, value, reason); a file
-- holds the problems of its own load only, so nothing when $run_id is another load.
with final as (
    select table_name, source_file, source_row, column_name, value, rule, reason
    from meta.rejects
    where $run_id = (select run_id from meta.load_runs order by finished_at desc limit 1)
    order by table_name, source_file, source_row, column_name
)

select * from final
