-- activity_log: one row per dated change anyone may want to hear about ("what changed since date X"):
-- events held, requests received and distributed, assistance delivered, action item status changes, plans submitted.
-- date_precision: how precisely change_date is known (an event known only to the month sits on its 1st).
with event_rows as (
    select start_date as change_date, 'event' as kind, unnest(case when len(ca_states) = 0 then [null] else ca_states end)
               as state_id, title as description, event_id as ref_id, null::varchar as request_id,
           source_url, is_synthetic, date_precision
    from mart.event_facts
),

area_labels as (
    select x.request_id, string_agg(v.label_en, ', ' order by v.sort_order) as areas_text
    from (select request_id, unnest(areas) as area from mart.request_pipeline) x
    join core.vocab v on v.vocabulary = 'area' and v.code = x.area
    group by x.request_id
),

request_rows as (
    select r.received_date, 'request_received', r.state_id,
           'Request received: ' || coalesce(l.areas_text, 'no items listed'),
           r.request_id, r.request_id, r.source_url, r.is_synthetic, 'day'
    from mart.request_pipeline r
    left join area_labels l using (request_id)
    union all
    select distributed_date, 'request_distributed', state_id,
           'Request distributed to providers after ' || date_diff('day', received_date, distributed_date) || ' days',
           request_id, request_id, source_url, is_synthetic, 'day'
    from mart.request_pipeline where distributed_date is not null
),

delivery_rows as (
    select m.delivered_date, 'assistance_delivered', m.state_id,
           'Assistance delivered by ' || m.provider_name || ' (' || v.label_en || ')',
           m.match_id, m.request_id, m.source_url, m.is_synthetic, 'day'
    from mart.match_facts m
    join core.vocab v on v.vocabulary = 'area' and v.code = m.area
    where m.delivered_date is not null
),

status_rows as (
    select valid_from, 'action_item_status', state_id,
           'Pillar ' || pillar_id || ': "' || title || '" now ' || replace(status, '_', ' '),
           action_item_id, null, source_url, is_synthetic, 'day'
    from mart.action_item_history
),

plan_rows as (
    select submitted_date, 'action_plan_submitted', state_id, 'National action plan submitted: ' || title,
           nap_id, null, source_url, is_synthetic, 'day'
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
