-- Coverage gaps for workshop planning, judged at the period end J = p_end (docs/MEASURES.md): for each Central Asian
-- State and topic (an assistance area or a Strategy pillar), when a meeting on the topic last reached the State, the
-- request items still unmet and the Joint Plan items not completed. These rank gaps in coverage, never States: the
-- Committee's matrices are not a compliance tool.

-- coverage_pair_rows: one row per Central Asian State of the State filter x topic of p_dim ('area': the assistance
-- areas, within the area filter when set; 'pillar': the pillars, within the pillar filter): the last meeting held in
-- the period (meeting_rows; the funder filter and the synthetic switch apply) addressing the topic that the State
-- attended (participation the sources do not dispute), whole months from it to J, never covered when there is none;
-- unmet request items in the area at J (item_rows; null for a pillar: requests carry no pillar) and Joint Plan items
-- under the pillar not completed at J (jpoa_rows; null for an area: the plan is organised by pillar).
create or replace macro coverage_pair_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic, p_dim)
as table
with states as (
    select state_id from wh.mart.ca_states where len(p_states) = 0 or list_contains(p_states, state_id)
),

topics as (
    select code as topic, sort_order
    from wh.core.vocab
    where vocabulary = p_dim
      and (p_dim <> 'area' or len(p_areas) = 0 or list_contains(p_areas, code))
      and (p_dim <> 'pillar' or len(p_pillars) = 0 or list_contains(p_pillars, code))
),

covered as (
    select a.state_id, unnest(case when p_dim = 'area' then m.areas else m.pillars end) as topic, m.start_date,
           a.is_synthetic
    from attendance_rows(p_start, p_end, p_states, [], [], p_funders, p_synthetic) a
    join meeting_rows(p_start, p_end, p_states, [], [], p_funders, p_synthetic) m using (event_id)
    where a.attended
),

last_covered as (
    select state_id, topic, max(start_date) as last_covered, count(*) as meetings_covering,
           count(*) filter (where is_synthetic) as meetings_covering_synthetic
    from covered
    group by all
),

unmet as (
    select state_id, area as topic, count(*) filter (where unmet_at_end) as items_unmet,
           count(*) filter (where unmet_at_end and is_synthetic) as items_unmet_synthetic
    from item_rows(p_start, p_end, p_states, [], [], p_funders, p_synthetic)
    where p_dim = 'area'
    group by all
),

jpoa as (
    select state_id, pillar_id as topic,
           count(*) filter (where recorded_as_of and status_as_of <> 'completed') as jpoa_not_completed,
           count(*) filter (where recorded_as_of and status_as_of <> 'completed' and is_synthetic)
               as jpoa_not_completed_synthetic
    from jpoa_rows(p_start, p_end, p_states, [], [], p_funders, p_synthetic, p_end, p_start)
    where p_dim = 'pillar'
    group by all
),

final as (
    select s.state_id, p_dim as dimension, t.topic, t.sort_order, l.last_covered,
           date_sub('month', l.last_covered, p_end) as months_since_covered,
           l.last_covered is null as never_covered,
           coalesce(l.meetings_covering, 0) as meetings_covering,
           case when p_dim = 'area' then coalesce(u.items_unmet, 0) end as items_unmet,
           case when p_dim = 'pillar' then coalesce(j.jpoa_not_completed, 0) end as jpoa_not_completed,
           coalesce(l.meetings_covering_synthetic, 0) + coalesce(u.items_unmet_synthetic, 0)
               + coalesce(j.jpoa_not_completed_synthetic, 0) as synthetic_rows,
           coalesce(l.meetings_covering, 0) + coalesce(u.items_unmet, 0) + coalesce(j.jpoa_not_completed, 0)
               as counted_rows
    from states s
    cross join topics t
    left join last_covered l on l.state_id = s.state_id and l.topic = t.topic
    left join unmet u on u.state_id = s.state_id and u.topic = t.topic
    left join jpoa j on j.state_id = s.state_id and j.topic = t.topic
)

select * from final;

-- focus_pair_scores: every pair of coverage_pair_rows, areas and pillars together, scored for the next workshop's
-- focus: p_w_unmet x unmet request items + p_w_jpoa x Joint Plan items not completed + p_w_months x years since the
-- State was last covered on the topic (a pair never covered counts the whole period, from p_start to J). Highest
-- score first; ties by State, then dimension and topic order. A score ranks a gap in coverage, not a State.
create or replace macro focus_pair_scores(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic,
                                          p_w_unmet, p_w_jpoa, p_w_months) as table
with pairs as (
    select * from coverage_pair_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic, 'area')
    union all
    select * from coverage_pair_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic, 'pillar')
),

scored as (
    select *,
           coalesce(months_since_covered, date_sub('month', p_start, p_end)) as months_counted,
           round(p_w_unmet * coalesce(items_unmet, 0) + p_w_jpoa * coalesce(jpoa_not_completed, 0)
                 + p_w_months * coalesce(months_since_covered, date_sub('month', p_start, p_end)) / 12.0, 2)
               as focus_score
    from pairs
)

select * from scored
order by focus_score desc, state_id, dimension, sort_order;

-- coverage_state_rows: one row per Central Asian State of the State filter: whether a meeting held in the last
-- p_months whole months before J (from J minus p_months, not before p_start) reached it (attendance_figures), and
-- the last meeting in the whole period that did, with whole months from it to J.
create or replace macro coverage_state_rows(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic,
                                            p_months) as table
with recent as (
    select state_id, states_reached > 0 as reached_recently, meetings_attended as meetings_recently
    from attendance_figures(greatest(p_start, (p_end - to_months(p_months))::date), p_end, p_states, p_pillars,
                            p_areas, p_funders, p_synthetic, 'state')
),

whole as (
    select state_id, last_reached, months_since_last_reached, meetings_attended_synthetic
    from attendance_figures(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic, 'state')
),

final as (
    select r.state_id, r.reached_recently, r.meetings_recently, w.last_reached, w.months_since_last_reached,
           w.meetings_attended_synthetic,
           greatest(p_start, (p_end - to_months(p_months))::date) as recent_from
    from recent r
    join whole w using (state_id)
)

select * from final;
