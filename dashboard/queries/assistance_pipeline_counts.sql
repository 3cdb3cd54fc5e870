-- assistance_pipeline_counts: one row: what the page counts (requests received, offers available, matches proposed:
-- dashboard/measures) and how many of them are synthetic (for the badge and the empty-state explanation).
with requests as (
    select * from request_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'all')
),

offers as (
    select * from offer_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'all')
),

matches as (
    select * from match_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'all')
),

final as (
    select r.requests_received, r.requests_received_synthetic, o.offers_available, o.offers_available_synthetic,
           m.matches_proposed, m.matches_proposed_synthetic
    from requests r, offers o, matches m
)

select * from final
