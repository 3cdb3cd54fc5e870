-- ca_states: one row per Central Asian State (the five the dashboard covers), with capital coordinates.
with states as (
    select * from core.actors
    where actor_type = 'state' and actor_id in ('KAZ', 'KGZ', 'TJK', 'TKM', 'UZB')
),

final as (
    select actor_id as state_id, iso3, name_en, name_ru, seat_city as capital, latitude, longitude,
           source_url, confidence
    from states
)

select * from final
