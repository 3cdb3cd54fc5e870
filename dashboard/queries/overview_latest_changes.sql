-- overview_latest_changes: the most recent dated changes of the period (dashboard/measures: change_rows), newest
-- first: one row per change (an event that reached several States is one row listing them).
with changes as (
    select * from change_rows($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

final as (
    select change_date, date_precision, kind, string_agg(distinct state_id, ', ' order by state_id) as states, description,
           source_url, is_synthetic
    from changes
    group by change_date, date_precision, kind, ref_id, description, source_url, is_synthetic
    order by change_date desc, kind, ref_id
    limit $limit
)

select * from final
