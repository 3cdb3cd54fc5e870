-- state_profile_key_figures: one row: the key figures of the State $state for the period (the filters with the
-- State filter set to it), each read from its measure macro (dashboard/measures), Joint Plan items as of the period
-- end, with the synthetic rows behind them.
with attendance as (
    select * from attendance_figures($start, $end, [$state], $pillars, $areas, $funders, $synthetic, 'all')
),

requests as (
    select * from request_figures($start, $end, [$state], $pillars, $areas, $funders, $synthetic, 'all')
),

jpoa as (
    select * from jpoa_figures($start, $end, [$state], $pillars, $areas, $funders, $synthetic, $end, $start, 'all')
),

plans as (
    select * from plan_figures($start, $end, [$state], $pillars, $areas, $funders, $synthetic)
),

final as (
    select a.meetings_attended, a.meetings_attended_synthetic, a.meetings_disputed,
           r.requests_received, r.requests_received_synthetic, r.requests_open_at_end, r.requests_matched,
           r.requests_delivered, j.jpoa_items, j.jpoa_items_synthetic, j.jpoa_completed,
           p.action_plans, p.action_plans_synthetic
    from attendance a, requests r, jpoa j, plans p
)

select * from final
