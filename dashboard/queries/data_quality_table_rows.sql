-- data_quality_table_rows: one row per record of the source table $table_name (the rows behind its freshness count;
-- the page passes only a contract table name).
with final as (
    select * exclude (loaded_from, loaded_row) from query_table('core.' || $table_name)
)

select * from final
