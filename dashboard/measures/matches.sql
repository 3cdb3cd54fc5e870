-- Matches proposed in the period, judged at its end J = p_end (docs/MEASURES.md).

-- match_rows: one row per match proposed in the period and not declined (status undated: see request_rows), of an
-- item of a requesting State in the State filter whose area is in the area filter; synthetic rows only when
-- p_synthetic. delivered_by_end: delivered on or before J.
create or replace macro match_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with final as (
    select m.match_id, m.item_id, m.request_id, m.offer_id, m.state_id, m.area, m.provider_id, m.provider_name,
           m.provider_latitude, m.provider_longitude, m.proposed_date,
           case when m.delivered_date <= p_end then m.delivered_date end as delivered_date,
           coalesce(m.delivered_date <= p_end, false) as delivered_by_end,
           m.consent_to_publish, m.is_synthetic
    from wh.mart.match_facts m
    where m.proposed_date between p_start and p_end
      and m.status <> 'declined'
      and (p_synthetic or not m.is_synthetic)
      and (len(p_states) = 0 or list_contains(p_states, m.state_id))
      and (len(p_areas) = 0 or list_contains(p_areas, m.area))
)

select * from final;

-- match_figures: matches proposed and delivered, grouped by p_group: 'all' (exactly one row), 'state' (requesting
-- State) or 'flow' (provider x requesting State).
create or replace macro match_figures(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic, p_group)
as table
with counted as (
    select m.* from (select 1) as one(x)
    left join match_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) m on true
),

grouped as (
    select case when p_group in ('state', 'flow') then state_id end as state_id,
           case when p_group = 'flow' then provider_id end as provider_id,
           case when p_group = 'flow' then provider_name end as provider_name,
           count(match_id) as matches_proposed,
           count(match_id) filter (where is_synthetic) as matches_proposed_synthetic,
           count(match_id) filter (where delivered_by_end) as matches_delivered
    from counted
    group by all
)

select * from grouped
where p_group = 'all' or matches_proposed > 0;
