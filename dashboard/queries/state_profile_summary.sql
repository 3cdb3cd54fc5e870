-- state_profile_summary: one row: the figures the State profile's summary in words states for the State $state and
-- the period (dashboard/measures: request_figures, attendance_figures, jpoa_figures as of the period end and on
-- $since, plan_figures), with the synthetic rows behind them. dashboard/briefing/summary.py words them.
with requests as (
    select * from request_figures($start, $end, [$state], $pillars, $areas, $funders, $synthetic, 'all')
),

attendance as (
    select * from attendance_figures($start, $end, [$state], $pillars, $areas, $funders, $synthetic, 'all')
),

jpoa as (
    select * from jpoa_figures($start, $end, [$state], $pillars, $areas, $funders, $synthetic, $end, $since, 'all')
),

plans as (
    select * from plan_figures($start, $end, [$state], $pillars, $areas, $funders, $synthetic)
),

final as (
    select r.requests_received, r.requests_received_synthetic, r.distribution_within_rule, r.distribution_late,
           r.distribution_pending, r.distribution_not_judged, r.requests_open_at_end, r.requests_matched,
           r.requests_delivered, a.meetings_attended, a.meetings_attended_synthetic, a.meetings_disputed,
           j.jpoa_items, j.jpoa_items_synthetic, j.jpoa_completed, j.jpoa_completed_since, p.action_plans,
           p.action_plans_synthetic
    from requests r, attendance a, jpoa j, plans p
)

select * from final
