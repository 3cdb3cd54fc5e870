-- workshop_planner_matrix: one row per Central Asian State of the State filter x topic of $dimension ('area' or
-- 'pillar'): months since a meeting on the topic last reached the State, never covered, unmet request items (areas)
-- and Joint Plan items not completed (pillars) at the period end (dashboard/measures: coverage_pair_rows).
with final as (
    select p.*, s.name_en as state_name
    from coverage_pair_rows($start, $end, $states, $pillars, $areas, $funders, $synthetic, $dimension) p
    join mart.ca_states s using (state_id)
)

select * from final order by state_id, sort_order
