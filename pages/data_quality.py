"""Data quality: freshness per table, completeness per State, mostly empty columns, possible duplicates, records
linked to nothing, and the load history with who published. The public view shows counts only."""

import datetime as dt

import streamlit as st

from dashboard import access, settings, snapshots, text
from dashboard.charts import data_quality as charts
from dashboard.figures import of_page
from dashboard.filters import load_label
from dashboard.i18n import t
from dashboard.ui import blocks, chrome
from dashboard.warehouse import query, snapshot_loads
from etl.contract import UPDATE_DAYS

FIGURES = of_page("data_quality")
KINDS = ("meetings", "requests", "action_items", "action_plans")


def m(key: str, **values: object) -> str:
    return t(f"data_quality.{key}", **values)


chrome.open_page(__file__)
chrome.page_header("data_quality", counts_requests=True)
view = chrome.view()
public = view == access.PUBLIC
if public:
    st.info(m("public_counts"), icon=":material/lock:")

st.subheader(m("freshness_header"))
st.caption(m("freshness_caption"))
freshness = query(
    "data_quality_freshness",
    view,
    table_names=list(UPDATE_DAYS),
    update_days=list(UPDATE_DAYS.values()),
    today=dt.date.today(),
)
blocks.table_block(
    FIGURES["freshness"],
    charts.freshness_table(freshness, {code: m(code) for code in ("fresh", "due", "overdue", "reference")}),
    column_config={
        "table_name": st.column_config.TextColumn(m("col_table")),
        "update_days": st.column_config.NumberColumn(m("col_every")),
        "changed_at": st.column_config.DatetimeColumn(m("col_changed"), format="YYYY-MM-DD HH:mm"),
        "age_days": st.column_config.NumberColumn(m("col_age")),
        "rows_loaded": st.column_config.NumberColumn(m("col_rows")),
        "freshness": st.column_config.TextColumn(m("col_freshness")),
    },
)

st.subheader(m("states_header"))
st.caption(m("states_caption"))
states = query("data_quality_states", view, central_asia=list(settings.CENTRAL_ASIA))
blocks.table_block(FIGURES["states"], states)
# Public: a State without published requests may have unpublished ones, so "no requests" is not said there.
for kind, names in charts.states_without(states, KINDS[:1] + KINDS[2:] if public else KINDS).items():
    if names:
        st.caption(m("states_missing", kind=m(f"kind_{kind}"), states=text.markdown(", ".join(names))))
if not public and not states.empty:
    names = dict(zip(states["state_id"], states["state_name"], strict=True))
    state = st.selectbox(m("state_rows_pick"), list(names), format_func=lambda code: names[code], key="dq_state")
    blocks.table_block(FIGURES["state_rows"], query("data_quality_state_rows", view, state=state))

st.subheader(m("empty_header"))
st.caption(m("empty_caption"))
empty = query("data_quality_empty_columns", view)
if empty.empty:
    st.success(m("empty_none"), icon=":material/check_circle:")
else:
    blocks.table_block(
        FIGURES["empty_columns"],
        empty,
        column_config={"share_empty": st.column_config.ProgressColumn(format="percent", min_value=0, max_value=1)},
    )

st.subheader(m("duplicates_header"))
st.caption(m("duplicates_caption"))
duplicates = query("data_quality_duplicates", view)
if duplicates.empty:
    st.success(m("duplicates_none"), icon=":material/check_circle:")
else:
    # Public: how many of each kind, never the records (the frame given to st.dataframe reaches the browser whole).
    blocks.table_block(FIGURES["duplicates"], charts.counts_by_kind(duplicates) if public else duplicates)

st.subheader(m("orphans_header"))
st.caption(m("orphans_caption"))
orphans = query("data_quality_orphans", view)
if orphans.empty:
    st.success(m("orphans_none"), icon=":material/check_circle:")
else:
    blocks.table_block(FIGURES["orphans"], charts.counts_by_kind(orphans) if public else orphans)

st.subheader(m("history_header"))
st.caption(m("history_caption"))
history = query("data_quality_history", view)
if public:
    blocks.table_block(FIGURES["history"], history)
else:
    blocks.table_block(
        FIGURES["history_internal"],
        charts.history_with_publishers(history, query("data_quality_publishers", view)),
    )

st.subheader(m("changes_header"))
st.caption(m("changes_caption"))
loads = [snapshots.LATEST, *snapshot_loads(view)]
if len(loads) < 2:
    st.info(m("changes_none"), icon=":material/history:")
else:

    def shown(load: str) -> str:
        return m("latest_load") if load == snapshots.LATEST else load_label(load)

    left, right = st.columns(2)
    old = left.selectbox(m("changes_from"), loads[1:], format_func=shown, key="dq_from")
    new = right.selectbox(m("changes_to"), loads, format_func=shown, key="dq_to")
    found = {
        name: c
        for name, c in snapshots.changes(view, old, new).items()
        if len(c.added) + len(c.changed) + len(c.removed)
    }
    if not found:
        st.success(m("changes_same"), icon=":material/check_circle:")
    for name, change in found.items():
        counts = {"added": len(change.added), "changed": len(change.changed), "removed": len(change.removed)}
        if public:  # counts only: a changed row of a withheld table could say more than the regional total
            st.caption(m("changes_table", table=name, **counts))
            continue
        with st.expander(m("changes_table", table=name, **counts)):
            tabs = st.tabs([m("tab_added"), m("tab_changed"), m("tab_removed")])
            for tab, frame in zip(tabs, (change.added, change.changed, change.removed), strict=True):
                with tab:
                    if frame.empty:
                        st.caption(m("nothing_here"))
                    else:
                        st.dataframe(frame, hide_index=True)
