-- assistance_pipeline_provider_rates: one row per provider with offers available during the period (in the chosen
-- areas): offers available and taken up by the period end, with any request (dashboard/measures: offer_figures
-- 'provider'). Offers are not tied to a State: the State filter does not apply to them.
with final as (
    select provider_id, provider_name, offers_available, offers_taken_up, share_taken_up,
           offers_available_synthetic as synthetic_rows
    from offer_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'provider')
)

select * from final order by offers_available desc, provider_name
