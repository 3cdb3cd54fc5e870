-- overview_kpis: one row: the key output figures for the filtered period (meetings held, States reached,
-- requests received / open at the end / matched / delivered, days to distribution, one-week rule share).
with events as (
    select * from mart.filtered_events($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    where event_type <> 'milestone'
),

reached as (
    select count(distinct actor_id) as states_reached
    from mart.filtered_participation($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    where is_central_asian_state and event_type <> 'milestone' and confidence <> 'disputed'
),

requests as (
    select * from mart.filtered_requests($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

request_figures as (
    select count(*) as requests_received,
           count(*) filter (where status = 'open' or closed_date > $end) as requests_open,
           count(*) filter (where matched_date <= $end) as requests_matched,
           count(*) filter (where delivered_date <= $end) as requests_delivered,
           median(days_to_distribute) as median_days_to_distribute,
           avg(distributed_within_7_days::integer) as share_within_7_days,
           count(*) filter (where is_synthetic) as requests_synthetic
    from requests
),

final as (
    select (select count(*) from events) as meetings,
           (select count(*) filter (where is_synthetic) from events) as meetings_synthetic,
           reached.states_reached, request_figures.*
    from reached, request_figures
)

select * from final
