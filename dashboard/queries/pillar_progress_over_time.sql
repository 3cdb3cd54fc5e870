-- pillar_progress_over_time: one row per Strategy pillar x year-end date of the period (the last capped at $end):
-- Joint Plan of Action items of the chosen States by status on that date, summed over those States.
with history as (
    select * from mart.filtered_action_history($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

dates as (
    select least(make_date(y::integer, 12, 31), $end::date) as as_of_date
    from range(year($start::date), year($end::date) + 1) t(y)
),

status_at as (
    select d.as_of_date, h.pillar_id, h.status, h.is_synthetic
    from dates d
    join history h on h.valid_from <= d.as_of_date and (h.valid_to is null or h.valid_to > d.as_of_date)
),

pillars as (
    select code as pillar_id, sort_order from core.vocab where vocabulary = 'pillar'
),

counted as (
    select pillar_id, as_of_date,
           count(*) as items,
           count(*) filter (where status = 'completed') as completed,
           count(*) filter (where is_synthetic) as synthetic_items
    from status_at
    group by pillar_id, as_of_date
),

final as (
    select c.pillar_id, c.as_of_date, c.items, c.completed, round(c.completed / c.items, 4) as share_completed,
           c.synthetic_items
    from counted c
    join pillars p using (pillar_id)
    order by p.sort_order, c.as_of_date
)

select * from final
