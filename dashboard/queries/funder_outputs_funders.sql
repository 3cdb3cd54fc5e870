-- funder_outputs_funders: one row per funder (of the funder filter, or every funder the data names), in alphabetical
-- order of name, never ranked: meetings funded, participants where recorded, States reached, and requests matched and
-- delivered with its offers (null: not recorded, it made no offer) (dashboard/measures: funder_figures).
with final as (
    select * exclude (year)
    from funder_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'funder')
)

select * from final order by funder_name, funder
