-- meetings_event: one row: the event $event_id as recorded (mart.event_facts), whatever the period: a link from
-- another page opens it even when the filters leave it out (the page says so). Demo events only when $synthetic.
with names as (
    select actor_id, name_en from core.actors
),

lookup as (
    select map(list(actor_id), list(name_en)) as name_of from core.actors
),

final as (
    select e.event_id, e.title, e.event_type, e.start_date, e.end_date, e.date_precision, e.city,
           c.name_en as country, e.pillars,
           list_transform(e.organisers, lambda x: coalesce(l.name_of[x], x)) as organisers,
           list_transform(e.funders, lambda x: coalesce(l.name_of[x], x)) as funders,
           e.participants, e.summary, e.source_url, e.confidence, e.is_synthetic
    from mart.event_facts e
    cross join lookup l
    left join names c on c.actor_id = e.country_id
    where e.event_id = $event_id and ($synthetic or not e.is_synthetic)
)

select * from final
