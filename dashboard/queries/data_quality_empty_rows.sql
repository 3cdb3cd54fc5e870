-- data_quality_empty_rows: one row per record of the source table $table_name whose column $column_name is empty
-- (the rows behind its mostly-empty count; the page passes only a contract table and column name).
with final as (
    select * exclude (loaded_from, loaded_row)
    from query_table('core.' || $table_name)
    where columns(lambda c: c = $column_name) is null
)

select * from final
