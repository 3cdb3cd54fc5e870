-- assistance_pipeline_rule_by_year: one row per year of receipt: the requests received in the period and how they
-- stood against the one-week distribution rule at the period end (dashboard/measures: request_figures): within one
-- week, late, not yet due, withdrawn before distribution (not judged), the requests judged (within one week or
-- late), the share within one week and the synthetic requests among those received (synthetic_rows).
with final as (
    select year, requests_received as requests, distribution_within_rule as within_rule,
           distribution_late as late, distribution_pending as pending, distribution_not_judged as not_judged,
           distribution_within_rule + distribution_late as judged, share_within_rule,
           requests_received_synthetic as synthetic_rows
    from request_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'year')
)

select * from final order by year
