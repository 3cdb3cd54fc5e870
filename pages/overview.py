"""Overview: key figures with their change, the event timeline by pillar, and the latest changes."""

import streamlit as st

from dashboard import filters as flt
from dashboard import settings
from dashboard.briefing.content import Spec, region_scope
from dashboard.briefing.summary import region_summary
from dashboard.charts import overview as charts
from dashboard.charts.common import key_figures
from dashboard.figures import OVERVIEW_KEYS, of_page
from dashboard.i18n import t
from dashboard.ui import blocks, chrome, lookups, sidebar
from dashboard.ui import briefing as briefing_ui
from dashboard.warehouse import query

FIGURES = of_page("overview")

chrome.open_page(__file__)
requested_since = briefing_ui.url_since()  # read before the sidebar rewrites the URL
filters = sidebar.sidebar_filters()
chrome.page_header("overview", counts_requests=True, synthetic=filters.synthetic)
view = chrome.view()

# Changes compare with the period of the same length just before, when the data covers it.
first_date = lookups.choices().first_date
previous = flt.previous_period(filters, first_date)
current = query("overview_key_figures", view, **filters.params())
before = query("overview_key_figures", view, **previous.params()) if previous else None
row = current.iloc[0]
counted = int(row["meetings_held"]) + int(row["requests_received"])
blocks.synthetic_badge(int(row["meetings_held_synthetic"]) + int(row["requests_received_synthetic"]), counted)

# The summary in words and the briefing pack, built with this page's filters, view and "since" date.
summary_slot = st.container()
date_column, action_column = briefing_ui.action_row()
since = briefing_ui.since_date(filters, requested_since, date_column)
summary_row = query("overview_summary", view, **filters.params(), since=since or filters.start).iloc[0]
scope = region_scope(filters, lookups.actor_names())
with summary_slot:
    briefing_ui.summary(FIGURES["summary"], region_summary(summary_row, scope, filters.start, filters.end, since))
briefing_ui.pack_action(Spec(view, filters, since=since, base_url=briefing_ui.base_url()), action_column)

st.subheader(t("overview.kpi_header"))
if previous:
    days = (filters.end - filters.start).days + 1
    st.caption(t("overview.change_note", days=days, start=previous.start.isoformat(), end=previous.end.isoformat()))
else:
    st.caption(t("overview.no_change_note", first=first_date.isoformat()))
blocks.key_figures(
    FIGURES["key_figures"],
    key_figures(
        current,
        OVERVIEW_KEYS,
        before,
        percent=["share_within_rule"],
        lower_is_better=["requests_open_at_end", "median_days_to_distribute"],
    ),
)

st.subheader(t("overview.timeline_header"))
events = int(row["events_held"])
pillar_labels = lookups.labels("pillar")
if not events:
    blocks.empty_state("common.no_data_period", what=t("overview.what_events"))
elif events > settings.TIMELINE_MAX_EVENTS:
    # Beyond a limit monthly totals, so the page stays fast and light at any data size.
    monthly = query("overview_timeline_monthly", view, **filters.params())
    blocks.chart_block(
        FIGURES["event_timeline_monthly"],
        charts.timeline_monthly(monthly, pillar_labels),
        monthly,
        caption=t("overview.timeline_monthly_caption", n=events, limit=settings.TIMELINE_MAX_EVENTS),
    )
else:
    timeline = query("overview_timeline", view, **filters.params())
    blocks.chart_block(
        FIGURES["event_timeline"],
        charts.timeline(timeline, pillar_labels, lookups.labels("event_type")),
        charts.timeline_table(timeline),
        caption=t("overview.timeline_caption"),
    )

st.subheader(t("overview.latest_header"))
st.caption(t("overview.latest_caption"))
latest = charts.changes_table(query("overview_latest_changes", view, limit=settings.LATEST_CHANGES, **filters.params()))
if latest.empty:
    blocks.empty_state("common.no_data_period", what=t("overview.what_changes"))
else:
    blocks.table_block(
        FIGURES["latest_changes"],
        latest,
        column_config={
            "change_date": st.column_config.TextColumn(t("overview.col_date"), help=t("common.date_as_known_help")),
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
