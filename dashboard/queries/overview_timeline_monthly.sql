-- overview_timeline_monthly: one row per pillar x month with filtered events: how many, of them synthetic, and
-- their participants. Drawn instead of single events when there are too many to show one by one.
with events as (
    select * from mart.filtered_events($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

by_pillar as (
    select date_trunc('month', start_date)::date as month, is_synthetic, participants,
           unnest(case when len(pillars) = 0 then ['none'] else pillars end) as pillar
    from events
),

final as (
    select pillar, month, count(*) as events, count(*) filter (where is_synthetic) as synthetic_events,
           sum(participants) as participants
    from by_pillar
    group by pillar, month
    order by month, pillar
)

select * from final
