-- funder_outputs_by_year: one row per funder x year with an output (a meeting funded started, or a match with its
-- offer was proposed): meetings funded, States reached, requests matched and delivered (dashboard/measures:
-- funder_figures grouped by year).
with final as (
    select funder, funder_name, year, meetings_held, meetings_held_synthetic, participants, states_reached,
           requests_matched, requests_delivered, matches_synthetic
    from funder_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'year')
)

select * from final order by funder_name, funder, year
