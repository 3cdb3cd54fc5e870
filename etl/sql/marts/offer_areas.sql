-- offer_areas: one row per offer x area offered, with the provider.
with offers as (
    select * from core.offers
),

final as (
    select o.offer_id, unnest(o.areas) as area, o.weapon_types, o.offered_date, year(o.offered_date) as offered_year,
           o.provider_id, a.name_en as provider_name, a.actor_type as provider_type,
           a.latitude as provider_latitude, a.longitude as provider_longitude,
           o.description, o.source_url, o.confidence, o.is_synthetic
    from offers o
    join core.actors a on a.actor_id = o.provider_id
)

select * from final
