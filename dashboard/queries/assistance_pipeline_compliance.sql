-- assistance_pipeline_compliance: one row per year of receipt: filtered requests and how they stand against the one-week
-- distribution rule as of the end of the period: distributed within $rule_days days, breached (distributed later,
-- or still not distributed more than $rule_days days after receipt), or pending (not yet $rule_days days old).
with requests as (
    select * from mart.filtered_requests($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

judged as (
    select received_year,
           case
               when distributed_date <= $end then date_diff('day', received_date, distributed_date) <= $rule_days
               when date_diff('day', received_date, $end) > $rule_days then false
           end as within_rule
    from requests
),

final as (
    select received_year as year,
           count(*) as requests,
           count(*) filter (where within_rule) as within_rule,
           count(*) filter (where not within_rule) as breached,
           count(*) filter (where within_rule is null) as pending
    from judged
    group by received_year
    order by received_year
)

select * from final
