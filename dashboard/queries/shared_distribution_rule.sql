-- shared_distribution_rule: one row: the distribution rule's number of days (distribution_rule_days, from the
-- procedure data) for texts that state the rule; the measures read the same mart themselves.
with final as (
    select distribution_rule_days, from_procedure_data from mart.distribution_rule
)

select * from final
