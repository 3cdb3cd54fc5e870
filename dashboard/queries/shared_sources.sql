-- shared_sources: one row per source listed in the sources table: its title and its type in words (UN document,
-- UN web page, government, press, secondary archive, other organisation), shown beside every source cited.
with final as (
    select s.source_url, s.title, v.label_en as source_type
    from core.sources s
    left join core.vocab v on v.vocabulary = 'source_type' and v.code = s.source_type
    order by s.source_url
)

select * from final
