-- filtered_offers: mart.offer_areas rows (one per offer x area) made in the period, in the chosen areas.
-- Offers are not tied to a State or pillar: those filters do not apply.
create or replace macro mart.filtered_offers(p_start, p_end, p_states, p_pillars, p_areas, p_funders, p_synthetic) as table
with final as (
    select * from mart.offer_areas o
    where o.offered_date between p_start and p_end
      and (p_synthetic or not o.is_synthetic)
      and (len(p_areas) = 0 or list_contains(p_areas, o.area))
)
select * from final
