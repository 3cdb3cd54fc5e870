-- coverage_map_flows: one row per assistance provider x requesting Central Asian State (the focus State $focus only,
-- when one is chosen): matches proposed in the period and not declined, delivered by its end, synthetic among them
-- (dashboard/measures: match_figures 'flow'), with the provider's seat and the State's capital. has_seat is false
-- when either end has no recorded coordinates (the page cannot draw it).
with flows as (
    select * from match_figures($start, $end, $states, $pillars, $areas, $funders, $synthetic, 'flow')
    where $focus is null or state_id = $focus
),

final as (
    select f.provider_id, f.provider_name, f.state_id, s.name_en as state_name,
           a.latitude as provider_latitude, a.longitude as provider_longitude,
           s.latitude as state_latitude, s.longitude as state_longitude,
           f.matches_proposed, f.matches_delivered, f.matches_proposed_synthetic,
           a.latitude is not null and a.longitude is not null
               and s.latitude is not null and s.longitude is not null as has_seat
    from flows f
    join core.actors a on a.actor_id = f.provider_id
    join mart.ca_states s using (state_id)
)

select * from final order by matches_proposed desc, provider_id, state_id
