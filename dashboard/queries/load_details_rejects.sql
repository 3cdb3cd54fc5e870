-- load_details_rejects: one row per problem found in the latest load (file, row, column, value, reason), first 1,000.
with final as (
    select table_name, source_file, source_row, column_name, value, rule, reason
    from meta.rejects
    order by table_name, source_file, source_row
    limit 1000
)

select * from final
