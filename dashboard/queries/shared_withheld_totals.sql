-- shared_withheld_totals: one row: requests not published because their State did not consent, and of them synthetic
-- (dashboard/measures: withheld_figures): an all-time regional total, the same in both files, that no filter changes
-- but the synthetic switch, never broken down by State, area or date.
with final as (
    select requests_withheld, requests_withheld_synthetic from withheld_figures($synthetic)
)

select * from final
