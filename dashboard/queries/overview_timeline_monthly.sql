-- overview_timeline_monthly: one row per pillar x month with events (dashboard/measures: event_figures): events held,
-- of them synthetic, and their participants. Drawn instead of single events when there are too many to show.
with final as (
    select pillar, month, events_held, events_held_synthetic, participants
    from event_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'pillar_month')
    order by month, pillar
)

select * from final
