-- overview_key_figures: one row: the overview's key figures for the period and the filters, each read from its
-- measure macro (dashboard/measures), with the synthetic rows behind them and the events held (for the timeline).
with meetings as (
    select * from meeting_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

attendance as (
    select * from attendance_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'all')
),

requests as (
    select * from request_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'all')
),

events as (
    select * from event_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'all')
),

final as (
    select m.meetings_held, m.meetings_held_synthetic, a.states_reached,
           r.requests_received, r.requests_received_synthetic, r.requests_open_at_end, r.requests_matched,
           r.requests_delivered, r.median_days_to_distribute, r.share_within_rule, e.events_held
    from meetings m, attendance a, requests r, events e
)

select * from final
