"""Pillar progress: States x pillars I-IV, Joint Plan of Action items completed as of a date, the change since
an earlier date, a drill-down to each item's status history, and progress over time. Never a ranking of States."""

import streamlit as st

from dashboard.charts import pillar_progress as charts
from dashboard.figures import JPOA_CELL, of_page
from dashboard.i18n import t
from dashboard.ui import blocks, chrome, embed, lookups, sidebar
from dashboard.ui.embed import embedded
from dashboard.warehouse import query

FIGURES = of_page("pillar_progress")
HEATMAP_KEY = f"chart_{FIGURES['heatmap'].name}"  # the heatmap's widget key (blocks.chart_block)
STATE_KEY = "pp_state"
PILLAR_KEY = "pp_pillar"
#: An embedded page's dates and drill-down cell, from its link.
AS_OF_PARAM, SINCE_PARAM, STATE_PARAM, PILLAR_PARAM = "as_of", "since", "state", "pillar"


def pick_cell() -> None:
    """A click on a heatmap cell chooses that State and pillar in the drill-down."""
    event = st.session_state.get(HEATMAP_KEY)
    points = event["selection"]["points"] if event else []
    for point in points:
        data = point.get("customdata")
        if data and len(data) >= 2:
            st.session_state[STATE_KEY], st.session_state[PILLAR_KEY] = str(data[0]), str(data[1])
            return


chrome.open_page(__file__)
filters = sidebar.sidebar_filters()
view = chrome.view()
chrome.page_header("pillar_progress")
st.caption(t("pillar_progress.not_a_score"))
options = lookups.choices()
names, pillar_labels, status_labels = lookups.actor_names(), lookups.labels("pillar"), lookups.labels("item_status")

if embedded():  # no date inputs: the dates the link sets (?as_of=...&since=...), else the period's, said in words
    as_of = embed.url_date(AS_OF_PARAM, filters.end, options.first_date, options.last_date)
    since = embed.url_date(SINCE_PARAM, filters.start, options.first_date, options.last_date)
    embed.locked([(t("pillar_progress.as_of"), as_of.isoformat()), (t("pillar_progress.since"), since.isoformat())])
else:
    left, right, _ = st.columns([1, 1, 2])
    as_of = left.date_input(
        t("pillar_progress.as_of"),
        value=filters.end,
        min_value=options.first_date,
        max_value=options.last_date,
        format="YYYY-MM-DD",
        help=t("pillar_progress.as_of_help"),
    )
    since = right.date_input(
        t("pillar_progress.since"),
        value=filters.start,
        min_value=options.first_date,
        max_value=options.last_date,
        format="YYYY-MM-DD",
        help=t("pillar_progress.since_help"),
    )
as_of, since = as_of or filters.end, since or filters.start
if since > as_of:
    st.warning(t("pillar_progress.dates_swapped"), icon=":material/swap_horiz:")
    as_of, since = since, as_of
dates = {"as_of": as_of, "since": since}
as_of_label, since_label = charts.day_label(as_of), charts.day_label(since)

cells = query("pillar_progress_cells", view, **filters.params(), **dates)
total = int(cells["jpoa_items"].sum())
if total == 0:
    with_synthetic = query("pillar_progress_cells", view, **dict(filters.params(), synthetic=True), **dates)
    if not filters.synthetic and int(with_synthetic["jpoa_items"].sum()) > 0:
        blocks.empty_state("common.no_synthetic_only", what=t("pillar_progress.what_items"))
    else:
        blocks.empty_state("common.no_data_period", what=t("pillar_progress.what_items"))
    st.stop()

blocks.synthetic_badge(int(cells["jpoa_items_synthetic"].sum()), total)
st.caption(t("pillar_progress.filters_note"))
table = charts.cell_table(cells, names, pillar_labels, since)

st.subheader(t("pillar_progress.heatmap_header", as_of=as_of_label))
blocks.chart_block(
    FIGURES["heatmap"],
    charts.heatmap(table, since),
    charts.cells_listed(table),
    caption=t("pillar_progress.heatmap_caption", as_of=as_of_label, since=since_label),
    column_config={
        "state": t("pillar_progress.col_state"),
        "pillar": t("pillar_progress.col_pillar"),
        "items": t("pillar_progress.col_items"),
        "completed": t("pillar_progress.col_completed"),
        "in_progress": t("pillar_progress.col_in_progress"),
        "not_started": t("pillar_progress.col_not_started"),
        "items_since": t("pillar_progress.col_items_since"),
        "completed_since": t("pillar_progress.col_completed_since"),
        "completed_change": t("pillar_progress.col_change"),
        "share_completed": st.column_config.NumberColumn(t("pillar_progress.col_share"), format="%.2f"),
        "cell_text": t("pillar_progress.col_cell"),
    },
    **({} if embedded() else {"on_select": pick_cell, "selection_mode": "points"}),
)
blocks.definitions(JPOA_CELL)

# Drill-down: the selectboxes always work; a click on a cell sets them (pick_cell).
st.subheader(t("pillar_progress.drill_header"))
st.caption(t("pillar_progress.drill_caption", as_of=as_of_label))
links = {
    "source": st.column_config.LinkColumn(t("pillar_progress.col_source"), display_text=r"https?://([^/]+)"),
    "source_ref": st.column_config.TextColumn(t("common.source_reference"), help=t("common.source_reference_help")),
    "synthetic": st.column_config.CheckboxColumn(t("pillar_progress.col_synthetic")),
    "item": t("pillar_progress.col_item"),
    "measure": st.column_config.TextColumn(t("pillar_progress.col_title"), width="large"),
    "note": t("pillar_progress.col_note"),
}
states, pillars = charts.state_order(table["state_id"]), charts.pillar_order(table["pillar_id"])
if st.session_state.get(STATE_KEY) not in states or st.session_state.get(PILLAR_KEY) not in pillars:
    # Start on the first cell (in the fixed order) that holds items.
    first = table[table["items"] > 0].iloc[0]
    st.session_state[STATE_KEY], st.session_state[PILLAR_KEY] = first["state_id"], first["pillar_id"]
if embedded():  # no pickers: the cell the link names (?state=...&pillar=...), else the first that holds items
    state = embed.url_choice(STATE_PARAM, states, st.session_state[STATE_KEY])
    pillar = embed.url_choice(PILLAR_PARAM, pillars, st.session_state[PILLAR_KEY])
    embed.locked(
        [
            (t("pillar_progress.drill_state"), names.get(state, state)),
            (t("pillar_progress.drill_pillar"), pillar_labels.get(pillar, pillar)),
        ]
    )
else:
    pick_state, pick_pillar, _ = st.columns([1, 1, 2])
    state = pick_state.selectbox(
        t("pillar_progress.drill_state"), states, key=STATE_KEY, format_func=lambda c: f"{names.get(c, c)} ({c})"
    )
    pillar = pick_pillar.selectbox(
        t("pillar_progress.drill_pillar"), pillars, key=PILLAR_KEY, format_func=lambda p: pillar_labels.get(p, p)
    )
items = query("pillar_progress_items", view, **filters.params(), **dates, state=state, pillar=pillar)
if items.empty:
    blocks.empty_state("pillar_progress.drill_none")
else:
    blocks.table_block(
        FIGURES["items"],
        charts.items_table(items, status_labels),
        suffix=f"_{state}_{pillar}",
        column_config={
            **links,
            "status": t("pillar_progress.col_status", as_of=as_of_label),
            "status_since": st.column_config.DateColumn(
                t("pillar_progress.col_status_since_date"), format="YYYY-MM-DD"
            ),
            "status_then": t("pillar_progress.col_status_then", since=since_label),
            "status_changes": t("pillar_progress.col_changes"),
        },
    )
    st.markdown(f"**{t('pillar_progress.history_header')}**")
    history = query("pillar_progress_history", view, **filters.params(), state=state, pillar=pillar)
    blocks.table_block(
        FIGURES["history"],
        charts.history_table(history, status_labels),
        suffix=f"_{state}_{pillar}",
        column_config={
            **links,
            "date": st.column_config.DateColumn(t("pillar_progress.col_date"), format="YYYY-MM-DD"),
            "status": t("pillar_progress.col_status_plain"),
        },
    )

st.subheader(t("pillar_progress.change_header", since=since_label))
st.caption(t("pillar_progress.change_caption", as_of=as_of_label, since=since_label))
blocks.chart_block(
    FIGURES["change"],
    charts.change_heatmap(table),
    charts.change_listed(table),
    column_config={
        "state": t("pillar_progress.col_state"),
        "pillar": t("pillar_progress.col_pillar"),
        "completed_since": t("pillar_progress.col_completed_since"),
        "completed": t("pillar_progress.col_completed"),
        "completed_change": t("pillar_progress.col_change"),
    },
)
changes = query("pillar_progress_changes", view, **filters.params(), **dates)
with st.expander(t("pillar_progress.changed_items_header"), icon=":material/history:"):
    if changes.empty:
        st.caption(t("pillar_progress.no_changes", as_of=as_of_label, since=since_label))
    else:
        st.caption(t("pillar_progress.changed_items_caption", n=len(changes), as_of=as_of_label, since=since_label))
        blocks.table_block(
            FIGURES["changed_items"],
            charts.changes_table(changes, names, pillar_labels, status_labels),
            column_config={
                **links,
                "state": t("pillar_progress.col_state"),
                "pillar": t("pillar_progress.col_pillar"),
                "was": t("pillar_progress.col_was", since=since_label),
                "now": t("pillar_progress.col_now", as_of=as_of_label),
                "changed_on": st.column_config.DateColumn(t("pillar_progress.col_changed_on"), format="YYYY-MM-DD"),
            },
        )

st.subheader(t("pillar_progress.over_time_header"))
over_time = query("pillar_progress_over_time", view, **filters.params())
if over_time.empty:
    blocks.empty_state("pillar_progress.no_over_time")
else:
    blocks.chart_block(
        FIGURES["over_time"],
        charts.over_time(over_time, pillar_labels),
        charts.over_time_table(over_time, pillar_labels),
        caption=t("pillar_progress.over_time_caption"),
        column_config={
            "pillar": t("pillar_progress.col_pillar"),
            "as_of_date": st.column_config.DateColumn(t("pillar_progress.col_as_of_date"), format="YYYY-MM-DD"),
            "items": t("pillar_progress.col_items"),
            "completed": t("pillar_progress.col_completed"),
            "share_completed": st.column_config.NumberColumn(t("pillar_progress.col_share"), format="%.2f"),
        },
    )
