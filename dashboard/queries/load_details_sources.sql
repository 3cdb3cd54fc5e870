-- load_details_sources: one row per source cited by real (non-synthetic) rows: how many rows of which tables rest on it.
with cited as (
    select 'events' as table_name, source_url, confidence from core.events where not is_synthetic
    union all select 'participation', source_url, confidence from core.participation where not is_synthetic
    union all select 'actors', source_url, confidence from core.actors where not is_synthetic
    union all select 'national_action_plans', source_url, confidence from core.national_action_plans
              where not is_synthetic
    union all select 'procedure_steps', source_url, confidence from core.procedure_steps where not is_synthetic
    union all select 'pillars', source_url, confidence from core.pillars where not is_synthetic
),

final as (
    select source_url, count(*) as rows_citing,
           string_agg(distinct table_name, ', ' order by table_name) as tables,
           string_agg(distinct confidence, ', ' order by confidence) as confidence
    from cited
    group by source_url
    order by rows_citing desc, source_url
)

select * from final
