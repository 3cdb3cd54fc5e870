-- assistance_pipeline_request_timeline: one row per dated step of the chosen request: its procedure steps (received,
-- acknowledged, distributed, closed) on the lane 'request', then each match's proposal and delivery on a lane of
-- its own (one per match), with the item and the provider; is_synthetic: the request's, or the match's.
with request as (
    select * from mart.request_pipeline where request_id = $request_id
),

steps as (
    select 0 as lane_order, 'request' as lane, step, step_date, null::bigint as item_no,
           null::varchar as provider_name, null::varchar as match_status, null::varchar as match_id,
           (select is_synthetic from request) as is_synthetic
    from (
        select 1 as k, 'received' as step, received_date as step_date from request
        union all select 2, 'acknowledged', acknowledged_date from request
        union all select 3, 'distributed', distributed_date from request
        union all select 4, status, closed_date from request where status <> 'open'
    )
    where step_date is not null
),

matches as (
    select dense_rank() over (order by m.proposed_date, m.match_id) as lane_order, m.match_id,
           i.item_no, m.provider_name, m.status, m.proposed_date, m.delivered_date, m.is_synthetic
    from mart.match_facts m
    join mart.request_item_facts i using (item_id)
    where m.request_id = $request_id
),

match_steps as (
    select lane_order, 'match' as lane, 'proposed' as step, proposed_date as step_date, item_no, provider_name,
           status as match_status, match_id, is_synthetic
    from matches
    union all
    select lane_order, 'match', 'delivered', delivered_date, item_no, provider_name, status, match_id, is_synthetic
    from matches where delivered_date is not null
),

final as (
    select lane_order, lane, match_id, item_no, provider_name, match_status, step, step_date, is_synthetic
    from (select * from steps union all by name select * from match_steps)
    order by lane_order, step_date, step
)

select * from final
