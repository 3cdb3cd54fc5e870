"""Data quality: freshness per table, completeness per State, mostly empty columns, possible duplicates, records
linked to nothing, and the load history with who published. The public view shows counts only."""

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import access, settings, snapshots, text
from dashboard.charts import data_quality as charts
from dashboard.figures import of_page
from dashboard.filters import load_label
from dashboard.i18n import t
from dashboard.ui import blocks, chrome, sidebar
from dashboard.warehouse import query, reading_load, snapshot_loads
from etl.contract import TABLES_BY_NAME, UPDATE_DAYS

FIGURES = of_page("data_quality")
KINDS = ("meetings", "requests", "action_items", "action_plans")


def m(key: str, **values: object) -> str:
    return t(f"data_quality.{key}", **values)


def capitalised(words: str) -> str:
    """'national action plans' -> 'National action plans' (str.capitalize would lower 'Joint Plan')."""
    return words[:1].upper() + words[1:]


def clickable(figure: str, mode: str = "single-row") -> dict[str, object]:
    """In the internal view a summary's numbers open their rows on a click (a selected row or cell); the public
    view's tables are counts only and select nothing."""
    if public:
        return {}
    return {"on_select": "rerun", "selection_mode": mode}


def _selection(figure: str) -> dict:
    state = st.session_state.get(f"table_{FIGURES[figure].name}") if not public else None
    return (state or {}).get("selection") or {}


def picked(figure: str, frame: pd.DataFrame) -> pd.Series | None:
    """The summary row a person clicked in this figure's table (internal view), if any."""
    rows = [r for r in _selection(figure).get("rows", []) if 0 <= r < min(len(frame), settings.TABLE_ROWS)]
    if not rows:
        if not public:
            st.caption(m("click_hint"))
        return None
    return frame.iloc[rows[0]]


def picked_cell(figure: str, frame: pd.DataFrame) -> tuple[pd.Series, str] | None:
    """The summary row and column of the cell a person clicked in this figure's table (internal view), if any."""
    cells = [(r, c) for r, c in _selection(figure).get("cells", []) if 0 <= r < len(frame) and c in frame.columns]
    if not cells:
        if not public:
            st.caption(m("click_cell_hint"))
        return None
    row, column = cells[0]
    return frame.iloc[row], column


def rows_behind(figure: str, title: str, **params: object) -> None:
    """The rows a clicked number counts, fetched with bound parameters; the first rows shown, all in the download."""
    found = query(FIGURES[figure].queries[0], view, **params)
    st.markdown(m("rows_behind", what=title, n=len(found)))
    blocks.table_block(FIGURES[figure], found)


def load_rejects(run_id: str, shown_run: str) -> None:
    """The problems of a load: its own file holds them (the file read now, or the load's kept snapshot)."""
    if run_id == shown_run:
        rows_behind("load_rejects", m("rows_of_load", load=load_label(run_id)), run_id=run_id)
    elif run_id in snapshot_loads(view):
        with reading_load(view, run_id):
            rows_behind("load_rejects", m("rows_of_load", load=load_label(run_id)), run_id=run_id)
    else:
        st.info(m("load_not_kept", load=load_label(run_id)), icon=":material/history:")


chrome.open_page(__file__)
sidebar.as_of_filter()  # this page has no shared filters: the as-of selector alone
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
    **clickable("freshness"),
)
if (row := picked("freshness", freshness)) is not None and row["table_name"] in TABLES_BY_NAME:
    rows_behind("table_rows", m("rows_of_table", table=row["table_name"]), table_name=row["table_name"])

st.subheader(m("states_header"))
st.caption(m("states_caption"))
states = query("data_quality_states", view, central_asia=list(settings.CENTRAL_ASIA))
blocks.table_block(
    FIGURES["states"],
    states,
    column_config={
        "state_id": st.column_config.TextColumn(m("col_state_id")),
        "state_name": st.column_config.TextColumn(m("col_state")),
        **{kind: st.column_config.NumberColumn(capitalised(m(f"kind_{kind}"))) for kind in KINDS},
    },
    **clickable("states", "single-cell"),
)
# Public: a State without published requests may have unpublished ones, so "no requests" is not said there.
for kind, names in charts.states_without(states, KINDS[:1] + KINDS[2:] if public else KINDS).items():
    if names:
        st.caption(m("states_missing", kind=m(f"kind_{kind}"), states=text.markdown(", ".join(names))))
if (cell := picked_cell("states", states)) is not None:
    state, column = cell
    kind = column if column in KINDS else None
    what = m("kind_" + kind) if kind else m("kind_all")
    rows_behind(
        "state_rows",
        m("rows_of_state", kind=what, state=text.markdown(state["state_name"])),
        state=state["state_id"],
        kind=kind,
    )

st.subheader(m("empty_header"))
st.caption(m("empty_caption"))
empty = query("data_quality_empty_columns", view)
if empty.empty:
    st.success(m("empty_none"), icon=":material/check_circle:")
else:
    blocks.table_block(
        FIGURES["empty_columns"],
        empty,
        column_config={
            "table_name": st.column_config.TextColumn(m("col_table")),
            "column_name": st.column_config.TextColumn(m("col_column")),
            "rows": st.column_config.NumberColumn(m("col_rows")),
            "empty_rows": st.column_config.NumberColumn(m("col_empty_rows")),
            "share_empty": st.column_config.ProgressColumn(
                m("col_share_empty"), format="percent", min_value=0, max_value=1
            ),
        },
        **clickable("empty_columns"),
    )
    if (row := picked("empty_columns", empty)) is not None and row["table_name"] in TABLES_BY_NAME:
        rows_behind(
            "empty_rows",
            m("rows_of_empty", table=row["table_name"], column=text.markdown(row["column_name"])),
            table_name=row["table_name"],
            column_name=row["column_name"],
        )

st.subheader(m("duplicates_header"))
st.caption(m("duplicates_caption"))
duplicates = query("data_quality_duplicates", view)
if duplicates.empty:
    st.success(m("duplicates_none"), icon=":material/check_circle:")
elif public:  # how many of each kind, never the records (the frame given to st.dataframe reaches the browser whole)
    blocks.table_block(FIGURES["duplicates"], charts.counts_by_kind(duplicates))
else:
    blocks.table_block(FIGURES["duplicates"], duplicates, **clickable("duplicates"))
    if (row := picked("duplicates", duplicates)) is not None and row["table_name"] in TABLES_BY_NAME:
        rows_behind(
            "duplicate_rows",
            m("rows_of_duplicates", kind=text.markdown(row["kind"]), shared=text.markdown(row["shared"])),
            table_name=row["table_name"],
            key_column=TABLES_BY_NAME[row["table_name"]].key[0],
            ids=row["ids"].split(", "),
        )

st.subheader(m("orphans_header"))
st.caption(m("orphans_caption"))
orphans = charts.counts_by_kind(query("data_quality_orphans", view, kind=None))
if orphans.empty:
    st.success(m("orphans_none"), icon=":material/check_circle:")
else:
    blocks.table_block(FIGURES["orphans"], orphans, **clickable("orphans"))
    if (row := picked("orphans", orphans)) is not None:
        rows_behind("orphan_rows", m("rows_of_orphans", kind=text.markdown(row["kind"])), kind=row["kind"])

st.subheader(m("history_header"))
st.caption(m("history_caption"))
history = query("data_quality_history", view)
if public:
    blocks.table_block(FIGURES["history"], history)
else:
    history = charts.history_with_publishers(history, query("data_quality_publishers", view))
    blocks.table_block(FIGURES["history_internal"], history, **clickable("history_internal"))
    if (row := picked("history_internal", history)) is not None:
        load_rejects(row["run_id"], history["run_id"].iloc[0])

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
