-- What each funder's money is recorded against in the period, judged at its end J = p_end (docs/MEASURES.md).
-- A funder is an actor named as a funder of an event (the event's funders or a participation row with role funder).
-- Funders are shown side by side, never ranked. Attribution is only what the data records: a meeting counts for
-- every funder it names; assistance counts for a funder only where it is the provider of the matched offer (offers
-- and matches record no funder); Joint Plan items record no funder at all.

-- funder_list: one row per funder: those of the funder filter, or every funder the data names when none is chosen;
-- is_provider: it made at least one offer on or before J (so its assistance can be counted, zero or more).
create or replace macro funder_list(p_end, p_funders, p_synthetic) as table
with named as (
    select distinct unnest(funders) as funder from wh.mart.event_facts
),

final as (
    select n.funder, coalesce(a.name_en, n.funder) as funder_name,
           exists (select 1 from wh.core.offers o
                   where o.provider_id = n.funder and o.offered_date <= p_end and (p_synthetic or not o.is_synthetic))
               as is_provider
    from named n
    left join wh.core.actors a on a.actor_id = n.funder
    where len(p_funders) = 0 or list_contains(p_funders, n.funder)
)

select * from final;

-- funder_meeting_rows: one row per funder x meeting held in the period (meeting_rows with every other shared filter)
-- that names it as a funder.
create or replace macro funder_meeting_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
as table
with meetings as (
    select unnest(m.funders) as funder, m.*
    from meeting_rows(p_start, p_end, p_states, p_pillars, p_areas, [], p_synthetic) m
),

final as (
    select m.* from meetings m where m.funder in (select funder from funder_list(p_end, p_funders, p_synthetic))
)

select * from final;

-- funder_reach_rows: one row per funder x Central Asian State x role x meeting of funder_meeting_rows the State
-- attended in that role (participation the sources do not dispute).
create or replace macro funder_reach_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
as table
with final as (
    select f.funder, p.state_id, p.role, p.event_id, f.start_date, p.is_synthetic
    from funder_meeting_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) f
    join participation_rows(p_start, p_end, p_states, p_pillars, p_areas, [], p_synthetic) p using (event_id)
    where not p.disputed
)

select * from final;

-- funder_match_rows: one row per funder x match of match_rows (proposed in the period, not declined) whose offer
-- it provided.
create or replace macro funder_match_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
as table
with final as (
    select f.funder, m.*
    from funder_list(p_end, p_funders, p_synthetic) f
    join match_rows(p_start, p_end, p_states, p_pillars, p_areas, [], p_synthetic) m on m.provider_id = f.funder
)

select * from final;

-- funder_figures: one row per funder (p_group 'funder') or per funder x year (p_group 'year': the year a meeting
-- started or a match was proposed; only years with an output): meetings held, participants where recorded, States
-- reached, and, when the funder is a provider, requests matched and assistance delivered (null: not recorded).
create or replace macro funder_figures(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic, p_group)
as table
with funders as (
    select * from funder_list(p_end, p_funders, p_synthetic)
),

meetings as (
    select funder, case when p_group = 'year' then year(start_date) end as year,
           count(*) as meetings_held, count(*) filter (where is_synthetic) as meetings_held_synthetic,
           sum(participants) as participants, count(participants) as meetings_with_participants
    from funder_meeting_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
    group by all
),

reach as (
    select funder, case when p_group = 'year' then year(start_date) end as year,
           count(distinct state_id) as states_reached
    from funder_reach_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
    group by all
),

matches as (
    select funder, case when p_group = 'year' then year(proposed_date) end as year,
           count(distinct request_id) as requests_matched,
           count(distinct request_id) filter (where delivered_by_end) as requests_delivered,
           count(*) filter (where is_synthetic) as matches_synthetic
    from funder_match_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
    group by all
),

keys as (
    select funder, null::bigint as year from funders where p_group <> 'year'
    union select funder, year from meetings where p_group = 'year'
    union select funder, year from matches where p_group = 'year'
),

final as (
    select k.funder, f.funder_name, k.year, f.is_provider,
           coalesce(m.meetings_held, 0) as meetings_held,
           coalesce(m.meetings_held_synthetic, 0) as meetings_held_synthetic,
           m.participants, coalesce(m.meetings_with_participants, 0) as meetings_with_participants,
           coalesce(r.states_reached, 0) as states_reached,
           case when f.is_provider then coalesce(x.requests_matched, 0) end as requests_matched,
           case when f.is_provider then coalesce(x.requests_delivered, 0) end as requests_delivered,
           coalesce(x.matches_synthetic, 0) as matches_synthetic
    from keys k
    join funders f using (funder)
    left join meetings m on m.funder = k.funder and m.year is not distinct from k.year
    left join reach r on r.funder = k.funder and r.year is not distinct from k.year
    left join matches x on x.funder = k.funder and x.year is not distinct from k.year
)

select * from final;

-- funder_role_figures: one row per funder x Central Asian State x role: the meetings the funder funded that the State
-- attended in that role.
create or replace macro funder_role_figures(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
as table
with final as (
    select funder, state_id, role, count(distinct event_id) as meetings_attended,
           count(distinct event_id) filter (where is_synthetic) as meetings_attended_synthetic
    from funder_reach_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic)
    group by all
)

select * from final;
