-- overview_timeline: one row per event of the period passing the filters (dashboard/measures: event_rows) x pillar it
-- addressed ('none' when it records none).
with events as (
    select * from event_rows($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

final as (
    select event_id, title, event_type, start_date, date_precision, city,
           unnest(case when len(pillars) = 0 then ['none'] else pillars end) as pillar,
           participants, is_synthetic, confidence, source_url
    from events
    order by start_date, event_id
)

select * from final
