-- data_quality_publishers: one row per recorded load: who published it from the import page and where its uploads
-- are kept (internal file only; empty for loads run in a terminal).
with final as (
    select run_id, published_by, uploads
    from meta.load_runs
)

select * from final
