-- state_profile_state: one row for the Central Asian State $state: English and Russian name, capital and source.
with states as (
    select * from mart.ca_states where state_id = $state
),

final as (
    select state_id, iso3, name_en, name_ru, capital, source_url, confidence from states
)

select * from final
