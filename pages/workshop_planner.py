"""Workshop planner: coverage matrices (States x areas, States x pillars), the States not reached in the last N
months, and a shortlist of focus pairs scored with adjustable weights, each row explained in words. It ranks gaps in
coverage, never States (dashboard/measures/coverage.sql, judged at the period end).
"""

import streamlit as st

from dashboard.briefing.content import Spec
from dashboard.charts import workshop_planner as charts
from dashboard.figures import of_page
from dashboard.i18n import t
from dashboard.ui import blocks, chrome, embed, lookups, sidebar
from dashboard.ui import briefing as briefing_ui
from dashboard.ui.embed import embedded
from dashboard.warehouse import query

FIGURES = of_page("workshop_planner")

chrome.open_page(__file__)
filters = sidebar.sidebar_filters()
chrome.page_header("workshop_planner", counts_requests=True, synthetic=filters.synthetic)
view = chrome.view()
params = filters.params()
st.info(t("workshop_planner.not_a_ranking"), icon=":material/balance:")

area_labels, pillar_labels = lookups.labels("area"), lookups.labels("pillar")
matrices = {dim: query("workshop_planner_matrix", view, **params, dimension=dim) for dim in ("area", "pillar")}
blocks.synthetic_badge(
    sum(int(m["synthetic_rows"].sum()) for m in matrices.values()),
    sum(int(m["counted_rows"].sum()) for m in matrices.values()),
)

# --- matrices ----------------------------------------------------------------------------------------------------
st.subheader(t("workshop_planner.matrices_header"))
st.caption(t("workshop_planner.matrices_caption"))
for dim, labels in (("area", area_labels), ("pillar", pillar_labels)):
    matrix = matrices[dim]
    st.markdown(f"**{t(f'workshop_planner.matrix_{dim}')}**")
    if matrix.empty:
        blocks.empty_state("common.no_data_period", what=t("workshop_planner.what_matrix"))
        continue
    names = dict(zip(matrix["state_id"], matrix["state_name"], strict=False))
    blocks.chart_block(
        FIGURES[f"matrix_{dim}"],
        charts.matrix_figure(matrix, labels, names),
        charts.matrix_table(matrix, labels),
        column_config={"dimension": None, "kind": st.column_config.TextColumn(t("workshop_planner.col_dimension"))},
    )

# --- States not reached lately -------------------------------------------------------------------------------------
st.subheader(t("workshop_planner.not_reached_header"))
if embedded():  # no input: the N the link sets (?months=...), else the default, said in words
    months = int(embed.url_number("months", charts.DEFAULT_MONTHS, 1, 240))
    embed.locked([(t("workshop_planner.months_label"), str(months))])
else:
    months = int(
        st.number_input(
            t("workshop_planner.months_label"),
            min_value=1,
            max_value=240,
            value=charts.DEFAULT_MONTHS,
            step=1,
            key="wp_months",
            help=t("workshop_planner.months_help"),
        )
    )
states = query("workshop_planner_not_reached", view, **params, months=months)
not_reached = charts.not_reached_table(states)
since = states["recent_from"].iloc[0].strftime("%Y-%m-%d") if not states.empty else filters.start.isoformat()
if states.empty:
    blocks.empty_state("common.no_data_period", what=t("workshop_planner.what_matrix"))
elif not_reached.empty:
    blocks.note(FIGURES["not_reached"], t("workshop_planner.not_reached_none", n=months, since=since))
else:
    st.caption(t("workshop_planner.not_reached_caption", n=months, since=since))
    blocks.table_block(
        FIGURES["not_reached"],
        not_reached,
        column_config={
            "state_id": st.column_config.TextColumn(t("workshop_planner.col_code")),
            "state_name": st.column_config.TextColumn(t("workshop_planner.col_state")),
            "last_reached": st.column_config.DateColumn(t("workshop_planner.col_last_reached"), format="YYYY-MM-DD"),
            "months_since_last_reached": st.column_config.NumberColumn(t("workshop_planner.col_months_since")),
            "recent_from": st.column_config.DateColumn(t("workshop_planner.col_recent_from"), format="YYYY-MM-DD"),
        },
    )

# --- shortlist -----------------------------------------------------------------------------------------------------
st.subheader(t("workshop_planner.shortlist_header"))
weights, size = charts.DEFAULT_WEIGHTS, charts.DEFAULT_SIZE
if embedded():  # no inputs: the weights and length the link sets (?w_unmet=...&size=...), else the defaults
    weights = charts.Weights(
        unmet=embed.url_number("w_unmet", weights.unmet, 0.0, 100.0),
        jpoa=embed.url_number("w_jpoa", weights.jpoa, 0.0, 100.0),
        months=embed.url_number("w_months", weights.months, 0.0, 100.0),
    )
    size = int(embed.url_number("size", size, 1, 100))
    embed.locked(
        [
            (t("workshop_planner.w_unmet"), f"{weights.unmet:g}"),
            (t("workshop_planner.w_jpoa"), f"{weights.jpoa:g}"),
            (t("workshop_planner.w_months"), f"{weights.months:g}"),
            (t("workshop_planner.size_label"), str(size)),
        ]
    )
else:
    with st.expander(t("workshop_planner.weights_header"), expanded=True, icon=":material/tune:"):
        left, middle, right, last = st.columns(4)
        weights = charts.Weights(
            unmet=left.number_input(
                t("workshop_planner.w_unmet"),
                0.0,
                100.0,
                charts.DEFAULT_WEIGHTS.unmet,
                0.5,
                key="wp_w_unmet",
                help=t("workshop_planner.w_unmet_help"),
            ),
            jpoa=middle.number_input(
                t("workshop_planner.w_jpoa"),
                0.0,
                100.0,
                charts.DEFAULT_WEIGHTS.jpoa,
                0.5,
                key="wp_w_jpoa",
                help=t("workshop_planner.w_jpoa_help"),
            ),
            months=right.number_input(
                t("workshop_planner.w_months"),
                0.0,
                100.0,
                charts.DEFAULT_WEIGHTS.months,
                0.5,
                key="wp_w_months",
                help=t("workshop_planner.w_months_help"),
            ),
        )
        size = int(last.number_input(t("workshop_planner.size_label"), 1, 100, charts.DEFAULT_SIZE, 1, key="wp_size"))
st.caption(
    t(
        "workshop_planner.shortlist_caption",
        w_unmet=f"{weights.unmet:g}",
        w_jpoa=f"{weights.jpoa:g}",
        w_months=f"{weights.months:g}",
    )
)
scores = query("workshop_planner_shortlist", view, **params, **weights.params(), size=size)
shortlist = charts.shortlist_table(scores, area_labels, pillar_labels)
if shortlist.empty:
    blocks.empty_state("common.no_data_period", what=t("workshop_planner.what_shortlist"))
else:
    blocks.table_block(
        FIGURES["shortlist"],
        shortlist,
        column_config={
            "rank": st.column_config.NumberColumn(t("workshop_planner.col_rank")),
            "state_id": st.column_config.TextColumn(t("workshop_planner.col_code")),
            "state_name": st.column_config.TextColumn(t("workshop_planner.col_state")),
            "dimension": None,  # the code, for the downloads; the kind in words beside it
            "kind": st.column_config.TextColumn(t("workshop_planner.col_dimension")),
            "topic": None,
            "topic_label": st.column_config.TextColumn(t("workshop_planner.col_topic")),
            "focus_score": st.column_config.NumberColumn(t("workshop_planner.col_score"), format="%.2f"),
            "items_unmet": st.column_config.NumberColumn(t("workshop_planner.col_unmet")),
            "jpoa_not_completed": st.column_config.NumberColumn(t("workshop_planner.col_jpoa")),
            "months_since_covered": st.column_config.NumberColumn(t("workshop_planner.col_months")),
            "never_covered": st.column_config.CheckboxColumn(t("workshop_planner.col_never")),
            "reason": st.column_config.TextColumn(t("workshop_planner.col_reason"), width="large"),
        },
    )
    blocks.definitions(["focus_score", "items_unmet_in_area", "jpoa_not_completed", "months_since_covered"])
    # The shortlist in a briefing pack with these weights: the State's pack when the filter holds one State.
    one_state = filters.states[0] if len(filters.states) == 1 else None
    briefing_ui.pack_action(
        Spec(view, filters, one_state, shortlist=weights, shortlist_size=size, base_url=briefing_ui.base_url()),
        label="briefing.action_shortlist",
    )
