"""Overview: key figures with their change, the event timeline by pillar, and the latest changes."""

import datetime as dt

import streamlit as st

from dashboard import settings, text
from dashboard.charts import overview as charts
from dashboard.i18n import t
from dashboard.ui import blocks, chrome, downloads, lookups, sidebar
from dashboard.warehouse import query

chrome.open_page(__file__)
filters = sidebar.sidebar_filters()
chrome.page_header("overview", counts_requests=True)

# Changes compare with the period of the same length just before, when the data covers it.
span = filters.end - filters.start
previous_start, previous_end = filters.start - span - dt.timedelta(days=1), filters.start - dt.timedelta(days=1)
first_date = lookups.choices().first_date
current_kpis = query("overview_kpis", chrome.view(), **filters.params())
previous_kpis = (
    query("overview_kpis", chrome.view(), **dict(filters.params(), start=previous_start, end=previous_end))
    if previous_start >= first_date
    else current_kpis.iloc[0:0]
)
# Single events up to a limit; beyond it monthly totals, so the page stays fast and light at any data size.
monthly = query("overview_timeline_monthly", chrome.view(), **filters.params())
too_many = int(monthly["events"].sum()) > settings.TIMELINE_MAX_EVENTS
timeline = monthly if too_many else query("overview_timeline", chrome.view(), **filters.params())

row = current_kpis.iloc[0]
counted = int(row["meetings"]) + int(row["requests_received"])
blocks.synthetic_badge(int(row["meetings_synthetic"]) + int(row["requests_synthetic"]), counted)

st.subheader(t("overview.kpi_header"))
if previous_kpis.empty:
    st.caption(t("overview.no_change_note", first=first_date.isoformat()))
else:
    st.caption(
        t("overview.change_note", days=span.days + 1, start=previous_start.isoformat(), end=previous_end.isoformat())
    )
figures = charts.key_figures(current_kpis, previous_kpis)
for start in range(0, len(figures), 4):
    for column, figure in zip(st.columns(4), figures[start : start + 4], strict=False):
        column.metric(
            t(f"overview.{figure.key}"),
            charts.format_value(figure),
            charts.format_delta(figure),
            delta_color="inverse" if figure.lower_is_better else "normal",
            help=t(f"overview.{figure.key}_help"),
            border=True,
        )

st.subheader(t("overview.timeline_header"))
if timeline.empty:
    blocks.empty_state("common.no_data_period", what=t("overview.what_events"))
elif too_many:
    figure = charts.timeline_monthly(timeline, lookups.labels("pillar"))
    caption = t(
        "overview.timeline_monthly_caption", n=int(timeline["events"].sum()), limit=settings.TIMELINE_MAX_EVENTS
    )
    blocks.chart_block(figure, timeline, "event_timeline_monthly", caption=caption)
else:
    figure = charts.timeline(timeline, lookups.labels("pillar"), lookups.labels("event_type"))
    blocks.chart_block(figure, timeline, "event_timeline", caption=t("overview.timeline_caption"))

st.subheader(t("overview.latest_header"))
st.caption(t("overview.latest_caption"))
latest = query("overview_latest_changes", chrome.view(), limit=settings.LATEST_CHANGES, **filters.params())
latest["kind"] = latest["kind"].map(lambda kind: t(f"overview.kind_{kind}"))
# Only a web address is a link; anything else a source field holds is shown as text.
latest.insert(latest.columns.get_loc("source_url"), "source", latest["source_url"].map(text.web_link))
latest.insert(latest.columns.get_loc("source_url"), "source_ref", latest["source_url"].map(text.reference))
latest = latest.drop(columns=["source_url"])
if latest.empty:
    blocks.empty_state("common.no_data_period", what=t("overview.what_changes"))
else:
    st.dataframe(
        latest,
        hide_index=True,
        column_config={
            "change_date": st.column_config.DateColumn(t("overview.col_date"), format="YYYY-MM-DD"),
            "kind": st.column_config.TextColumn(t("overview.col_kind")),
            "states": st.column_config.TextColumn(t("overview.col_states")),
            "description": st.column_config.TextColumn(t("overview.col_description"), width="large"),
            "source": st.column_config.LinkColumn(t("overview.col_source")),
            "source_ref": st.column_config.TextColumn(
                t("common.source_reference"), help=t("common.source_reference_help")
            ),
            "is_synthetic": st.column_config.CheckboxColumn(t("overview.col_synthetic")),
        },
    )
    downloads.download(latest, "overview_latest_changes")
