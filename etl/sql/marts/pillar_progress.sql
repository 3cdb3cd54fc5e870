-- pillar_progress: one row per Central Asian State x pillar x year-end date x synthetic flag: Joint Plan of
-- Action items by status as of 31 December of each year (and as of the load date for the current year).
with dates as (
    select least(make_date(y::integer, 12, 31), $as_of) as as_of_date
    from range((select year(min(valid_from)) from mart.action_item_history), year($as_of::date) + 1) t(y)
),

status_at as (
    select d.as_of_date, h.state_id, h.pillar_id, h.is_synthetic, h.status
    from dates d
    join mart.action_item_history h
      on h.valid_from <= d.as_of_date and (h.valid_to is null or h.valid_to > d.as_of_date)
),

final as (
    select state_id, pillar_id, as_of_date, is_synthetic,
           count(*) as items,
           count(*) filter (where status = 'completed') as completed,
           count(*) filter (where status = 'in_progress') as in_progress,
           count(*) filter (where status = 'not_started') as not_started,
           round(count(*) filter (where status = 'completed') / count(*), 4) as share_completed
    from status_at
    group by all
)

select * from final
