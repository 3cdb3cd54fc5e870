-- Offers available during the period, judged at its end J = p_end (docs/MEASURES.md).

-- offer_rows: one row per offer made on or before J (however early), covering a chosen area when an area filter is
-- set; synthetic rows only when p_synthetic. The State filter does not apply: offers are not tied to a requesting
-- State. The public file holds no offer matched only to unpublished requests. taken_up_by_end: at least one match
-- proposed on or before J and not declined, with any request (status undated: see request_rows).
create or replace macro offer_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with offers as (
    select o.offer_id, o.provider_id, a.name_en as provider_name, o.offered_date, o.areas, o.is_synthetic
    from wh.core.offers o
    join wh.core.actors a on a.actor_id = o.provider_id
    where o.offered_date <= p_end
      and (p_synthetic or not o.is_synthetic)
      and (len(p_areas) = 0 or len(list_intersect(o.areas, p_areas)) > 0)
),

matches as (
    select m.offer_id, count(*) as matches_by_end
    from wh.mart.match_facts m
    where m.status <> 'declined' and m.proposed_date <= p_end and (p_synthetic or not m.is_synthetic)
      and m.offer_id in (select offer_id from offers)
    group by m.offer_id
),

final as (
    select o.*, coalesce(m.matches_by_end, 0) as matches_by_end, coalesce(m.matches_by_end, 0) > 0 as taken_up_by_end
    from offers o
    left join matches m using (offer_id)
)

select * from final;

-- offer_figures: offers available and taken up, grouped by p_group: 'all' (exactly one row), 'provider', or 'area'
-- (an offer counts once under each area it covers, within the area filter when set).
create or replace macro offer_figures(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic, p_group)
as table
with offers as (
    select o.*,
           unnest(case when p_group = 'area'
                       then list_filter(o.areas, lambda a: len(p_areas) = 0 or list_contains(p_areas, a))
                       else [null::varchar] end) as area
    from offer_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) o
),

counted as (
    select o.* from (select 1) as one(x) left join offers o on true
),

grouped as (
    select case when p_group = 'provider' then provider_id end as provider_id,
           case when p_group = 'provider' then provider_name end as provider_name,
           case when p_group = 'area' then area end as area,
           count(offer_id) as offers_available,
           count(offer_id) filter (where is_synthetic) as offers_available_synthetic,
           count(offer_id) filter (where taken_up_by_end) as offers_taken_up
    from counted
    group by all
)

select *, offers_taken_up / nullif(offers_available, 0) as share_taken_up
from grouped
where p_group = 'all' or offers_available > 0;
