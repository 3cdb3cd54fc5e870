-- distribution_rule: one row: distribution_rule_days, the one numeric service level of the 1540 procedure (distribute
-- a request to potential providers within this many days of receipt), read from core.procedure_steps (the first
-- step with a service_level_days), and the step it comes from. Without procedure data the dashboard's reading of "one
-- week" applies (7 days, from_procedure_data false). Every measure and text that uses the rule reads it here.
with steps as (
    select step_no, title_en, service_level_days
    from core.procedure_steps
    where service_level_days is not null
    order by step_no
    limit 1
),

final as (
    select coalesce((select service_level_days from steps), 7)::integer as distribution_rule_days,
           (select step_no from steps) as step_no,
           (select title_en from steps) as step_title,
           exists (select 1 from steps) as from_procedure_data
)

select * from final
