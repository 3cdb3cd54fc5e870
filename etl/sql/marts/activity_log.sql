-- activity_log: one row per dated change anyone may want to hear about ("what changed since date X"):
-- events held, requests received and distributed, assistance delivered, action item status changes, plans submitted.
with event_rows as (
    select start_date as change_date, 'event' as kind, unnest(case when len(ca_states) = 0 then [null] else ca_states end)
               as state_id, title as description, event_id as ref_id, null::varchar as request_id,
           source_url, is_synthetic
    from mart.event_facts
),

request_rows as (
    select received_date, 'request_received', state_id, 'Request received: ' || array_to_string(areas, ', '),
           request_id, request_id, source_url, is_synthetic
    from mart.request_pipeline
    union all
    select distributed_date, 'request_distributed', state_id,
           'Request distributed to providers after ' || days_to_distribute || ' days',
           request_id, request_id, source_url, is_synthetic
    from mart.request_pipeline where distributed_date is not null
),

delivery_rows as (
    select delivered_date, 'assistance_delivered', state_id, 'Assistance delivered by ' || provider_name || ' (' || area || ')',
           match_id, request_id, source_url, is_synthetic
    from mart.match_facts where delivered_date is not null
),

status_rows as (
    select valid_from, 'action_item_status', state_id,
           'Pillar ' || pillar_id || ': "' || title || '" now ' || replace(status, '_', ' '),
           action_item_id, null, source_url, is_synthetic
    from mart.action_item_history
),

plan_rows as (
    select submitted_date, 'action_plan_submitted', state_id, 'National action plan submitted: ' || title,
           nap_id, null, source_url, is_synthetic
    from core.national_action_plans where submitted_date is not null
),

final as (
    select * from event_rows
    union all select * from request_rows
    union all select * from delivery_rows
    union all select * from status_rows
    union all select * from plan_rows
)

select * from final
