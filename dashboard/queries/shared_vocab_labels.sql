-- shared_vocab_labels: one row per code of a vocabulary, with its English label, in the contract's order.
with labels as (
    select code, label_en as label, sort_order from core.vocab where vocabulary = $vocabulary
),

final as (
    select code, label from labels order by sort_order
)

select * from final
