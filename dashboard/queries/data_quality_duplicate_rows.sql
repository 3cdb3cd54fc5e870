-- data_quality_duplicate_rows: one row per record of the source table $table_name whose key column $key_column is
-- one of $ids (the records of one group of possible duplicates).
with final as (
    select * exclude (loaded_from, loaded_row)
    from query_table('core.' || $table_name)
    where list_contains($ids, columns(lambda c: c = $key_column))
)

select * from final
