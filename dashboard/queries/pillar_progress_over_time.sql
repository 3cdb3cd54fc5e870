-- pillar_progress_over_time: one row per Strategy pillar x year-end date of the period (the last one the period end):
-- Joint Plan of Action items of the chosen States with a status on that date and those completed, summed over the
-- States (dashboard/measures: jpoa_figures 'pillar', as of each date).
with dates as (
    select least(make_date(y::integer, 12, 31), $end::date) as as_of_date
    from range(year($start::date), year($end::date) + 1) t(y)
),

figures as (
    select d.as_of_date, f.*
    from dates d,
         lateral jpoa_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, d.as_of_date,
                              d.as_of_date, 'pillar') f
    where f.jpoa_items > 0
),

final as (
    select f.pillar_id, f.as_of_date, f.jpoa_items, f.jpoa_completed, f.share_completed,
           f.jpoa_items_synthetic, v.sort_order
    from figures f
    join core.vocab v on v.vocabulary = 'pillar' and v.code = f.pillar_id
)

select * exclude (sort_order) from final order by sort_order, as_of_date
