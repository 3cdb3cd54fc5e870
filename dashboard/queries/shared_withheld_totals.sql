-- One row: how many requests (and of them synthetic) are not published because the State did not consent.
-- A regional total only, the same in both files; never broken down by State, area or date.
with totals as (
    select requests, synthetic_requests
    from core.withheld
)
select * from totals
