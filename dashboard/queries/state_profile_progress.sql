-- state_profile_progress: one row per Strategy pillar (of the pillar filter) under which the State $state has Joint
-- Plan items recorded by the period end: items by status then (dashboard/measures: jpoa_figures 'pillar').
with final as (
    select f.pillar_id, f.jpoa_items, f.jpoa_completed, f.jpoa_in_progress, f.jpoa_not_started,
           f.jpoa_items_synthetic, v.sort_order
    from jpoa_figures($start, $end, [$state], $pillars, $areas, $funders, $synthetic, $end, $start, 'pillar') f
    join core.vocab v on v.vocabulary = 'pillar' and v.code = f.pillar_id
    where f.jpoa_items > 0
)

select * exclude (sort_order) from final order by sort_order
