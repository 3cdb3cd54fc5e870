-- overview_summary: one row: the figures the overview's summary in words states for the region (the States in the
-- filter) and the period (dashboard/measures: meeting_figures, attendance_figures, request_figures, jpoa_figures as
-- of the period end and on $since), with the synthetic rows behind them. dashboard/briefing/summary.py words them.
with meetings as (
    select * from meeting_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

attendance as (
    select * from attendance_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'all')
),

requests as (
    select * from request_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'all')
),

jpoa as (
    select * from jpoa_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, $end, $since, 'all')
),

final as (
    select m.meetings_held, m.meetings_held_synthetic, a.states_reached,
           r.requests_received, r.requests_received_synthetic, r.distribution_within_rule, r.distribution_late,
           r.distribution_pending, r.distribution_not_judged, r.requests_open_at_end, r.requests_matched,
           r.requests_delivered, j.jpoa_items, j.jpoa_items_synthetic, j.jpoa_completed, j.jpoa_completed_since
    from meetings m, attendance a, requests r, jpoa j
)

select * from final
