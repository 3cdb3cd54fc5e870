-- coverage_map_flows: one row per assistance provider x requesting Central Asian State: matches proposed in the
-- filtered period and not declined (how many delivered, how many synthetic), with the provider's seat and the
-- State's capital. has_seat is false when the provider has no recorded coordinates (the page cannot draw it).
with matches as (
    select * from mart.filtered_matches($start, $end, $states, $pillars, $areas, $funders, $synthetic)
    where status <> 'declined'
),

flows as (
    select m.provider_id, any_value(m.provider_name) as provider_name, m.state_id,
           any_value(m.provider_latitude) as provider_latitude, any_value(m.provider_longitude) as provider_longitude,
           count(*) as matches,
           count(*) filter (where m.status = 'delivered') as delivered,
           count(*) filter (where m.is_synthetic) as synthetic
    from matches m
    group by m.provider_id, m.state_id
),

final as (
    select f.provider_id, f.provider_name, f.state_id, s.name_en as state_name,
           f.provider_latitude, f.provider_longitude, s.latitude as state_latitude, s.longitude as state_longitude,
           f.matches, f.delivered, f.synthetic,
           f.provider_latitude is not null and f.provider_longitude is not null
               and s.latitude is not null and s.longitude is not null as has_seat
    from flows f
    join mart.ca_states s using (state_id)
    order by f.matches desc, f.provider_id, f.state_id
)

select * from final
