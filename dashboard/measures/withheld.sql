-- withheld_figures: one row: requests whose State did not consent to publication (core.withheld, the same in both
-- files), an all-time regional total that no filter changes and that is never broken down by State, area or date.
-- Only the synthetic switch applies: when it is off, only the non-synthetic withheld requests count.
create or replace macro withheld_figures(p_synthetic) as table
with final as (
    select case when p_synthetic then requests else requests - synthetic_requests end as requests_withheld,
           case when p_synthetic then synthetic_requests else 0 end as requests_withheld_synthetic
    from wh.core.withheld
)

select * from final;
