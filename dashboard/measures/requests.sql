-- Requests in the period, judged at its end J = p_end (docs/MEASURES.md). Every step counts only if it is dated on
-- or before J; nothing here is judged against the load date. R = mart.distribution_rule.distribution_rule_days.

-- request_judged: one row per request received in the period (p_start..p_end), of a State in the State filter, with
-- at least one item in a chosen area when an area filter is set; synthetic rows only when p_synthetic. Pillar and
-- funder filters do not apply (requests carry neither). Each judged column as it stood at J. The first match is the
-- first one proposed and not declined: a match's status carries no date, so a proposal declined later is left out
-- even when a past period is judged (hindsight, said where matches are shown). request_rows adds the matches by J.
create or replace macro request_judged(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with rule as (
    select distribution_rule_days from wh.mart.distribution_rule
),

requests as (
    select r.*,
           case when p_synthetic then r.first_match_date else r.first_match_date_sourced end as first_match_any,
           case when p_synthetic then r.first_delivery_date else r.first_delivery_date_sourced end as first_delivery_any
    from wh.mart.request_pipeline r
    where r.received_date between p_start and p_end
      and (p_synthetic or not r.is_synthetic)
      and (len(p_states) = 0 or list_contains(p_states, r.state_id))
      and (len(p_areas) = 0 or len(list_intersect(r.areas, p_areas)) > 0)
),

at_end as (
    select r.request_id, r.state_id, r.state_name, r.received_date, r.received_year, r.channel,
           case when r.acknowledged_date <= p_end then r.acknowledged_date end as acknowledged_date,
           case when r.distributed_date <= p_end then r.distributed_date end as distributed_date,
           case when r.first_match_any <= p_end then r.first_match_any end as first_match_date,
           case when r.first_delivery_any <= p_end then r.first_delivery_any end as first_delivery_date,
           case when r.status <> 'open' and r.closed_date <= p_end then r.status else 'open' end as status_at_end,
           case when r.status <> 'open' and r.closed_date <= p_end then r.closed_date end as closed_date,
           r.n_items, r.areas, r.consent_to_publish, r.summary, r.source_url, r.confidence, r.is_synthetic,
           (select distribution_rule_days from rule) as distribution_rule_days
    from requests r
),

judged as (
    select *,
           acknowledged_date is not null as acknowledged_by_end,
           distributed_date is not null as distributed_by_end,
           first_match_date is not null as matched_by_end,
           first_delivery_date is not null as delivered_by_end,
           status_at_end = 'open' as open_at_end,
           date_diff('day', received_date, acknowledged_date) as days_to_acknowledge,
           date_diff('day', received_date, distributed_date) as days_to_distribute,
           date_diff('day', coalesce(distributed_date, received_date), first_match_date) as days_to_first_match,
           date_diff('day', first_match_date, first_delivery_date) as days_to_delivery,
           -- days to distribution, or, while not distributed by J, days waited by J
           coalesce(date_diff('day', received_date, distributed_date), date_diff('day', received_date, p_end))
               as days_waited
    from at_end
),

final as (
    select *,
           case
               when distributed_by_end then
                   case when days_to_distribute <= distribution_rule_days then 'within_rule' else 'late' end
               when status_at_end = 'withdrawn' then 'not_judged'
               when days_waited > distribution_rule_days then 'late'
               else 'pending'
           end as distribution_at_end,
           case
               when delivered_by_end then 'delivered'
               when matched_by_end then 'matched'
               when distributed_by_end then 'distributed'
               when acknowledged_by_end then 'acknowledged'
               else 'received'
           end as stage_at_end,
           case when status_at_end = 'open' then date_diff('day', received_date, p_end) end as age_days_at_end,
           -- whole calendar months (DuckDB date_sub: a month is complete on the same day of the month, or on the
           -- month's last day when that is earlier)
           case when status_at_end = 'open' then date_sub('month', received_date, p_end) end as age_months_at_end
    from judged
)

select *,
       case
           when age_months_at_end is null then null
           when age_months_at_end < 3 then 'lt_3m'
           when age_months_at_end < 12 then '3_12m'
           when age_months_at_end < 24 then '1_2y'
           when age_months_at_end < 60 then '2_5y'
           else 'gt_5y'
       end as age_bucket
from final;

-- request_rows: request_judged with, for each request, its matches proposed by J and not declined, those delivered
-- by J and their providers (the same matches as its first match and first delivery).
create or replace macro request_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with requests as (
    select * from request_judged(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
),

matches as (
    select m.request_id,
           count(*) as matches_by_end,
           count(*) filter (where m.delivered_date <= p_end) as deliveries_by_end,
           list(distinct m.provider_name order by m.provider_name) as providers_by_end
    from wh.mart.match_facts m
    where m.status <> 'declined' and m.proposed_date <= p_end and (p_synthetic or not m.is_synthetic)
      and m.request_id in (select request_id from requests)
    group by m.request_id
),

final as (
    select r.*, coalesce(m.matches_by_end, 0) as matches_by_end, coalesce(m.deliveries_by_end, 0) as deliveries_by_end,
           coalesce(m.providers_by_end, []) as providers_by_end
    from requests r
    left join matches m using (request_id)
)

select * from final;

-- request_figures: the request measures of request_rows, grouped by p_group: 'all' (exactly one row, zeros when
-- nothing counts), 'year' (of receipt), 'state', or 'age_state' (open requests by age bucket and State). A key
-- column is null unless the grouping uses it.
create or replace macro request_figures(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic, p_group)
as table
with counted as (
    -- one row with nulls when nothing counts, so that 'all' still gives its one row of zeros
    select r.* from (select 1) as one(x)
    left join request_judged(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) r on true
),

grouped as (
    select case when p_group = 'year' then received_year end as year,
           case when p_group in ('state', 'age_state') then state_id end as state_id,
           case when p_group = 'age_state' then age_bucket end as age_bucket,
           count(request_id) as requests_received,
           count(request_id) filter (where is_synthetic) as requests_received_synthetic,
           count(request_id) filter (where open_at_end) as requests_open_at_end,
           count(request_id) filter (where open_at_end and is_synthetic) as requests_open_at_end_synthetic,
           count(request_id) filter (where acknowledged_by_end) as requests_acknowledged,
           count(request_id) filter (where distributed_by_end) as requests_distributed,
           count(request_id) filter (where matched_by_end) as requests_matched,
           count(request_id) filter (where delivered_by_end) as requests_delivered,
           count(request_id) filter (where not consent_to_publish) as requests_unpublished,
           count(request_id) filter (where distribution_at_end = 'within_rule') as distribution_within_rule,
           count(request_id) filter (where distribution_at_end = 'late') as distribution_late,
           count(request_id) filter (where distribution_at_end = 'pending') as distribution_pending,
           count(request_id) filter (where distribution_at_end = 'not_judged') as distribution_not_judged,
           median(days_to_distribute) as median_days_to_distribute,
           max(age_days_at_end) as oldest_open_days
    from counted
    group by all
)

select *,
       distribution_within_rule / nullif(distribution_within_rule + distribution_late, 0) as share_within_rule
from grouped
where (p_group = 'all' or requests_received > 0) and (p_group <> 'age_state' or age_bucket is not null);
