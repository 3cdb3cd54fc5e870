-- meetings_count: one row: the events held in the period passing the shared filters and the synthetic ones among
-- them (dashboard/measures: event_figures 'all').
with final as (
    select events_held, events_held_synthetic
    from event_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'all')
)

select * from final
