-- state_profile_plans: one row per national 1540 implementation action plan of the State $state found in the
-- sources, whatever the period (a plan is context, not an output), oldest first.
with plans as (
    select * from core.national_action_plans
    where state_id = $state and ($synthetic or not is_synthetic)
),

final as (
    select nap_id, title, period_start, period_end, submitted_date, note, source_url, confidence, is_synthetic
    from plans
    order by period_start, nap_id
)

select * from final
