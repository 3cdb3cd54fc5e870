-- shared_actor_names: one row per actor: id, English name, type.
with final as (
    select actor_id, name_en, actor_type from core.actors order by actor_id
)

select * from final
