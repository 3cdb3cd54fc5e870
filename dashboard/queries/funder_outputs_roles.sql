-- funder_outputs_roles: one row per funder x Central Asian State x role: the meetings it funded that the State
-- attended in that role (dashboard/measures: funder_role_figures), with the names to show.
with figures as (
    select * from funder_role_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic)
),

final as (
    select f.funder, coalesce(fa.name_en, f.funder) as funder_name, f.state_id, s.name_en as state_name, f.role,
           f.meetings_attended, f.meetings_attended_synthetic
    from figures f
    left join core.actors fa on fa.actor_id = f.funder
    left join mart.ca_states s using (state_id)
)

select * from final order by funder_name, funder, state_id, role
