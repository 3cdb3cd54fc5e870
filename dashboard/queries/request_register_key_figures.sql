-- request_register_key_figures: one row: the register's key figures for the period and the filters (dashboard/
-- measures: request_figures): requests received, not consented for publication, distributed within one week (share
-- of those judged at the period end) and open at the period end, with the synthetic rows behind them.
with final as (
    select requests_received, requests_received_synthetic, requests_unpublished, share_within_rule,
           requests_open_at_end
    from request_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'all')
)

select * from final
