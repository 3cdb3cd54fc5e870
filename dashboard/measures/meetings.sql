-- Events and meetings held in the period, and the participation rows of the Central Asian States at them
-- (docs/MEASURES.md). Synthetic events and participation rows count only when p_synthetic.

-- event_rows: one row per event (milestones included) starting in the period that passes the shared filters: when a
-- State filter is set, a chosen Central Asian State has a participation row at the event (any role, disputed rows
-- included, so the event can be shown with its dispute); when a pillar / area / funder filter is set, the event shares
-- a value with it (its funders and organisers: those named on the event and the actors with that participation role).
create or replace macro event_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with state_events as (
    select distinct p.event_id
    from wh.mart.event_participation p
    where p.is_central_asian_state and list_contains(p_states, p.actor_id) and (p_synthetic or not p.is_synthetic)
),

final as (
    select e.event_id, e.title, e.event_type, e.event_type <> 'milestone' as is_meeting, e.start_date, e.end_date,
           e.date_precision, e.year, e.city, e.country_id, e.latitude, e.longitude, e.pillars, e.areas,
           e.organisers, e.funders, e.participants, e.summary, e.source_url, e.confidence, e.is_synthetic
    from wh.mart.event_facts e
    where e.start_date between p_start and p_end
      and (p_synthetic or not e.is_synthetic)
      and (len(p_states) = 0 or e.event_id in (select event_id from state_events))
      and (len(p_pillars) = 0 or len(list_intersect(e.pillars, p_pillars)) > 0)
      and (len(p_areas) = 0 or len(list_intersect(e.areas, p_areas)) > 0)
      and (len(p_funders) = 0 or len(list_intersect(e.funders, p_funders)) > 0)
)

select * from final;

-- participation_rows: one row per participation row (event x Central Asian State x role) of a State in the State
-- filter at an event of event_rows, disputed rows included and marked.
create or replace macro participation_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
as table
with events as (
    select event_id, is_meeting
    from event_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
),

final as (
    select p.event_id, p.event_title, p.event_type, e.is_meeting, p.start_date, p.date_precision, p.city, p.pillars,
           p.actor_id as state_id, p.role, p.note, p.confidence, p.confidence = 'disputed' as disputed,
           p.source_url, p.is_synthetic
    from wh.mart.event_participation p
    join events e using (event_id)
    where p.is_central_asian_state
      and (len(p_states) = 0 or list_contains(p_states, p.actor_id))
      and (p_synthetic or not p.is_synthetic)
)

select * from final;

-- meeting_rows: one row per meeting held (an event of event_rows that is not a milestone), with the Central Asian
-- States of the State filter that attended it (a participation row the sources do not dispute).
create or replace macro meeting_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with attended as (
    select event_id, list(distinct state_id order by state_id) as states_attended
    from participation_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
    where not disputed
    group by event_id
),

final as (
    select e.*, coalesce(a.states_attended, []) as states_attended
    from event_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) e
    left join attended a using (event_id)
    where e.is_meeting
)

select * from final;

-- meeting_figures: meetings held and their recorded participants (exactly one row).
create or replace macro meeting_figures(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
as table
with final as (
    select count(*) as meetings_held,
           count(*) filter (where is_synthetic) as meetings_held_synthetic,
           sum(participants) as participants,
           count(participants) as meetings_with_participants
    from meeting_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
)

select * from final;

-- event_figures: events held (milestones included), grouped by p_group: 'all' (exactly one row) or 'pillar_month'
-- (each event once under each pillar it addressed, 'none' when it records none, by the month it started).
create or replace macro event_figures(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic, p_group)
as table
with events as (
    select e.event_id, e.is_synthetic, e.participants, date_trunc('month', e.start_date)::date as month,
           unnest(case when p_group = 'pillar_month'
                       then (case when len(e.pillars) = 0 then ['none'] else e.pillars end)
                       else [null::varchar] end) as pillar
    from event_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) e
),

counted as (
    select e.* from (select 1) as one(x) left join events e on true
),

grouped as (
    select case when p_group = 'pillar_month' then pillar end as pillar,
           case when p_group = 'pillar_month' then month end as month,
           count(event_id) as events_held,
           count(event_id) filter (where is_synthetic) as events_held_synthetic,
           sum(participants) as participants
    from counted
    group by all
)

select * from grouped
where p_group = 'all' or events_held > 0;
