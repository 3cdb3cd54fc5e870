-- briefing_sources: one row per source in $urls (the sources the facts of a briefing pack cite) that the sources
-- table lists: its title, type (in English) and publisher.
with final as (
    select source_url, title, source_type, source_type_en, publisher
    from mart.source_facts
    where list_contains($urls, source_url)
)

select * from final order by source_url
