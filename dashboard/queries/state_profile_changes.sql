-- state_profile_changes: one row per dated change concerning the State $state in the period (dashboard/measures:
-- change_rows: events it took part in, its requests, deliveries, Joint Plan item status changes, plans submitted),
-- newest first.
with final as (
    select change_date, date_precision, kind, description, source_url, is_synthetic, ref_id
    from change_rows($start, $end, [$state], $pillars, $areas, $funders, $synthetic)
    where state_id = $state
)

select * exclude (ref_id) from final order by change_date desc, kind, ref_id
