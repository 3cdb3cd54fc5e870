-- shared_filter_choices: one row: the period the filters may cover and the codes each filter may take (allow-lists).
-- The period runs from the first date in the data to the data's as-of date (meta.load_runs.as_of of the latest load,
-- the day the ETL ran): the default period shows everything loaded, and its end can never be later.
with dates as (
    select min(d) as first_date
    from (
        select start_date as d from mart.event_facts where event_type <> 'milestone'
        union all select received_date from mart.request_pipeline
        union all select valid_from from mart.action_item_history
    )
),

latest as (
    select as_of from meta.load_runs order by finished_at desc limit 1
),

final as (
    select coalesce(d.first_date, l.as_of, current_date) as first_date,
           coalesce(l.as_of, current_date) as last_date,
           (select list(state_id order by state_id) from mart.ca_states) as states,
           (select list(code order by sort_order) from core.vocab where vocabulary = 'pillar') as pillars,
           (select list(code order by sort_order) from core.vocab where vocabulary = 'area') as areas,
           (select coalesce(list(distinct f order by f), []) from (select unnest(funders) as f from mart.event_facts))
               as funders
    from dates d
    left join latest l on true
)

select * from final
