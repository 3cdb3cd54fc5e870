-- Request items of the requests in the period, judged at its end J = p_end (docs/MEASURES.md).

-- item_rows: one row per item of a request of request_judged (same filters), whose own area is in the area filter
-- when one is set: matched / delivered by J and unmet at J (request still open, item not matched by J).
create or replace macro item_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with requests as (
    select request_id, open_at_end
    from request_judged(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
),

items as (
    select i.*, r.open_at_end
    from wh.mart.request_item_facts i
    join requests r using (request_id)
    where (len(p_areas) = 0 or list_contains(p_areas, i.area))
      and (p_synthetic or not i.is_synthetic)
),

-- matches proposed by J and not declined (status undated: see request_rows)
matches as (
    select m.item_id, count(*) as matches_by_end,
           count(*) filter (where m.delivered_date <= p_end) as deliveries_by_end,
           list(distinct m.provider_name order by m.provider_name) as providers_by_end
    from wh.mart.match_facts m
    where m.status <> 'declined' and m.proposed_date <= p_end and (p_synthetic or not m.is_synthetic)
      and m.item_id in (select item_id from items)
    group by m.item_id
),

final as (
    select i.item_id, i.request_id, i.item_no, i.area, i.weapon_type, i.state_id, i.received_date,
           coalesce(m.matches_by_end, 0) > 0 as matched_by_end,
           coalesce(m.deliveries_by_end, 0) > 0 as delivered_by_end,
           i.open_at_end and coalesce(m.matches_by_end, 0) = 0 as unmet_at_end,
           coalesce(m.providers_by_end, []) as providers_by_end,
           i.consent_to_publish, i.is_synthetic
    from items i
    left join matches m using (item_id)
)

select * from final;

-- item_figures: the item measures of item_rows grouped by p_group: 'all' (exactly one row), 'area' or 'state',
-- with the share of items matched.
create or replace macro item_figures(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic, p_group)
as table
with counted as (
    select i.* from (select 1) as one(x)
    left join item_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) i on true
),

grouped as (
    select case when p_group = 'area' then area end as area,
           case when p_group = 'state' then state_id end as state_id,
           count(item_id) as items_requested,
           count(item_id) filter (where is_synthetic) as items_requested_synthetic,
           count(item_id) filter (where matched_by_end) as items_matched,
           count(item_id) filter (where delivered_by_end) as items_delivered,
           count(item_id) filter (where unmet_at_end) as items_unmet
    from counted
    group by all
)

select *, items_matched / nullif(items_requested, 0) as share_items_matched
from grouped
where p_group = 'all' or items_requested > 0;
