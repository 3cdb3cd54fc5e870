-- assistance_pipeline_open_ages: one row per age bucket x requesting State: the requests received in the period and
-- still open at its end, by the time they had waited by then (dashboard/measures: request_figures 'age_state'), and
-- the oldest of them in days.
with figures as (
    select * from request_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'age_state')
),

final as (
    select f.age_bucket, f.state_id, a.name_en as state_name, f.requests_open_at_end as requests,
           f.oldest_open_days, f.requests_open_at_end_synthetic as synthetic_rows
    from figures f
    join core.actors a on a.actor_id = f.state_id
)

select * from final order by state_id, age_bucket
