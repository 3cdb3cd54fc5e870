-- workshop_planner_shortlist: the $size State x topic pairs (areas and pillars together) with the highest focus
-- score for the weights chosen, ties by State then topic (dashboard/measures: focus_pair_scores). It ranks gaps in
-- coverage, never States.
with final as (
    select f.*, s.name_en as state_name
    from focus_pair_scores($start, $end, $states, $pillars, $areas, $funders, $synthetic, $w_unmet, $w_jpoa,
                           $w_months) f
    join mart.ca_states s using (state_id)
)

select * from final order by focus_score desc, state_id, dimension, sort_order limit $size
