-- Joint Plan of Action items with their status as of a date D (p_as_of; the period end unless a page offers its own
-- "as of" date) and as of an earlier date S (p_since; the period start unless chosen) (docs/MEASURES.md).
-- The period itself does not filter items: their statuses are read on those two dates.

-- jpoa_rows: one row per Joint Plan item of a Central Asian State in the State filter under a pillar in the pillar
-- filter (synthetic items and statuses only when p_synthetic): its status on D (null: none recorded by then), since
-- when, with that status's note and source, and its status on S.
create or replace macro jpoa_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic, p_as_of,
                                  p_since) as table
with history as (
    select * from wh.mart.action_item_history h
    where (p_synthetic or not h.is_synthetic)
      and (len(p_states) = 0 or list_contains(p_states, h.state_id))
      and (len(p_pillars) = 0 or list_contains(p_pillars, h.pillar_id))
),

items as (
    select action_item_id, any_value(state_id) as state_id, any_value(pillar_id) as pillar_id,
           any_value(title) as title, count(*) as status_changes, bool_or(is_synthetic) as is_synthetic
    from history
    group by action_item_id
),

on_as_of as (
    select action_item_id, status, valid_from, note, source_url, confidence
    from history
    where valid_from <= p_as_of and (valid_to is null or valid_to > p_as_of)
),

on_since as (
    select action_item_id, status
    from history
    where valid_from <= p_since and (valid_to is null or valid_to > p_since)
),

latest as (
    select action_item_id, source_url, confidence
    from history
    qualify row_number() over (partition by action_item_id order by valid_from desc) = 1
),

final as (
    select i.action_item_id, i.state_id, i.pillar_id, i.title,
           n.status as status_as_of, n.valid_from as status_since, n.note, s.status as status_on_since,
           n.status is not null as recorded_as_of, s.status is not null as recorded_on_since,
           i.status_changes, coalesce(n.source_url, l.source_url) as source_url,
           coalesce(n.confidence, l.confidence) as confidence, i.is_synthetic
    from items i
    left join on_as_of n using (action_item_id)
    left join on_since s using (action_item_id)
    left join latest l using (action_item_id)
)

select * from final;

-- jpoa_figures: items by status on D and completed on S, grouped by p_group: 'all' (exactly one row), 'state',
-- 'pillar' or 'cell' (State x pillar). jpoa_completed_since = completed on D minus completed on S.
create or replace macro jpoa_figures(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic, p_as_of,
                                     p_since, p_group) as table
with counted as (
    select j.* from (select 1) as one(x)
    left join jpoa_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic, p_as_of, p_since) j
      on true
),

grouped as (
    select case when p_group in ('state', 'cell') then state_id end as state_id,
           case when p_group in ('pillar', 'cell') then pillar_id end as pillar_id,
           count(action_item_id) filter (where recorded_as_of) as jpoa_items,
           count(action_item_id) filter (where recorded_as_of and is_synthetic) as jpoa_items_synthetic,
           count(action_item_id) filter (where status_as_of = 'completed') as jpoa_completed,
           count(action_item_id) filter (where status_as_of = 'in_progress') as jpoa_in_progress,
           count(action_item_id) filter (where status_as_of = 'not_started') as jpoa_not_started,
           count(action_item_id) filter (where recorded_on_since) as jpoa_items_on_since,
           count(action_item_id) filter (where status_on_since = 'completed') as jpoa_completed_on_since
    from counted
    group by all
)

select *, jpoa_completed - jpoa_completed_on_since as jpoa_completed_since,
       round(jpoa_completed / nullif(jpoa_items, 0), 4) as share_completed
from grouped
where p_group = 'all' or jpoa_items > 0 or jpoa_items_on_since > 0;
