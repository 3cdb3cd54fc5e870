-- load_details_sources: one row per source cited by real (non-synthetic) rows (mart.source_facts): its title, type
-- (UN document, UN web page, government, press, secondary archive, other organisation) and publisher, and how many
-- rows of which tables rest on it. Synthetic rows cite no source, so none is behind these rows.
with final as (
    select source_url, title, source_type, source_type_en, publisher, note, rows_citing, tables, confidence,
           false as is_synthetic
    from mart.source_facts
    order by rows_citing desc, source_url
)

select * from final
