-- state_profile_changes: one row per dated change concerning the State $state in the period (events it took part
-- in, its requests, deliveries, Joint Plan item status changes, plans submitted), newest first.
with changes as (
    select * from mart.filtered_activity($start, $end, [$state], $pillars, $areas, $funders, $synthetic)
    where state_id = $state
),

final as (
    select change_date, kind, description, source_url, is_synthetic
    from changes
    order by change_date desc, kind, ref_id
)

select * from final
