-- source_facts: one row per source cited by real (non-synthetic) rows, with its title, type and publisher from
-- core.sources, and how many rows of which tables rest on it. A reader weighs a UN document differently from a
-- press report: the type travels with the source.
with cited as (
    select 'pillars' as table_name, source_url, confidence from core.pillars where not is_synthetic
    union all select 'actors', source_url, confidence from core.actors where not is_synthetic
    union all select 'events', source_url, confidence from core.events where not is_synthetic
    union all select 'participation', source_url, confidence from core.participation where not is_synthetic
    union all select 'procedure_steps', source_url, confidence from core.procedure_steps where not is_synthetic
    union all select 'national_action_plans', source_url, confidence from core.national_action_plans
              where not is_synthetic
    union all select 'requests', source_url, confidence from core.requests where not is_synthetic
    union all select 'request_items', source_url, confidence from core.request_items where not is_synthetic
    union all select 'offers', source_url, confidence from core.offers where not is_synthetic
    union all select 'matches', source_url, confidence from core.matches where not is_synthetic
    union all select 'action_items', source_url, confidence from core.action_items where not is_synthetic
    union all select 'action_item_status', source_url, confidence from core.action_item_status where not is_synthetic
),

counted as (
    select source_url, count(*) as rows_citing,
           string_agg(distinct table_name, ', ' order by table_name) as tables,
           string_agg(distinct confidence, ', ' order by confidence) as confidence
    from cited
    group by source_url
),

final as (
    select c.source_url, s.title, s.source_type, v.label_en as source_type_en, v.label_ru as source_type_ru,
           s.publisher, s.note, c.rows_citing, c.tables, c.confidence
    from counted c
    join core.sources s using (source_url)
    join core.vocab v on v.vocabulary = 'source_type' and v.code = s.source_type
)

select * from final
