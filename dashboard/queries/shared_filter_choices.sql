-- shared_filter_choices: one row: the period the warehouse covers and the codes each filter may take (allow-lists).
with dates as (
    select min(d) as first_date, max(d) as last_date
    from (
        select start_date as d from mart.event_facts where event_type <> 'milestone'
        union all select received_date from mart.request_pipeline
        union all select valid_from from mart.action_item_history
    )
),

final as (
    select coalesce(first_date, current_date) as first_date, coalesce(last_date, current_date) as last_date,
           (select list(state_id order by state_id) from mart.ca_states) as states,
           (select list(code order by sort_order) from core.vocab where vocabulary = 'pillar') as pillars,
           (select list(code order by sort_order) from core.vocab where vocabulary = 'area') as areas,
           (select coalesce(list(distinct f order by f), []) from (select unnest(funders) as f from mart.event_facts))
               as funders
    from dates
)

select * from final
