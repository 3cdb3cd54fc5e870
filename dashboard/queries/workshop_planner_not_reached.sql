-- workshop_planner_not_reached: one row per Central Asian State of the State filter: whether a meeting held in the
-- last $months months of the period reached it, and when one last did (dashboard/measures: coverage_state_rows).
with final as (
    select r.*, s.name_en as state_name
    from coverage_state_rows($start, $end, $states, $pillars, $areas, $funders, $synthetic, $months) r
    join mart.ca_states s using (state_id)
)

select * from final order by state_id
