-- state_profile_role_figures: one row per role in which the State $state attended meetings in the period
-- (dashboard/measures: role_figures; disputed attendance not counted), in the vocabulary's order.
with final as (
    select f.role, f.meetings_attended, v.sort_order
    from role_figures($start, $end, [$state], $pillars, $areas, $funders, $synthetic) f
    left join core.vocab v on v.vocabulary = 'role' and v.code = f.role
)

select role, meetings_attended from final order by sort_order nulls last, role
