"""Funder outputs: what each funder's money is recorded against, side by side (never ranked), over time against the
project's phases and milestones, with the tables a donor report needs (CSV, Excel, HXL). Every figure is judged at
the period end (dashboard/measures/funders.sql); "not recorded" wherever the data attributes nothing to a funder.
"""

import streamlit as st

from dashboard import text
from dashboard.charts import funder_outputs as charts
from dashboard.figures import FUNDER_KEYS, of_page
from dashboard.i18n import t
from dashboard.ui import blocks, chrome, lookups, sidebar
from dashboard.ui.downloads import download_workbook
from dashboard.warehouse import query

FIGURES = of_page("funder_outputs")
PER_ROW = 3  # funders side by side per row of key figures

chrome.open_page(__file__)
filters = sidebar.sidebar_filters()
chrome.page_header("funder_outputs", counts_requests=True, synthetic=filters.synthetic)
view = chrome.view()
params = filters.params()

funders = query("funder_outputs_funders", view, **params)
if funders.empty:
    blocks.empty_state("funder_outputs.no_funders", what=t("funder_outputs.what_funders"))
    st.stop()

by_year = query("funder_outputs_by_year", view, **params)
blocks.synthetic_badge(
    int(funders["meetings_held_synthetic"].sum()) + int(funders["matches_synthetic"].sum()),
    int(funders["meetings_held"].sum()) + int(funders["requests_matched"].fillna(0).sum()),
)
st.caption(t("funder_outputs.side_by_side"))


rows = list(funders.sort_values(["funder_name", "funder"]).iterrows())
for start in range(0, len(rows), PER_ROW):
    for column, (_, row) in zip(st.columns(PER_ROW), rows[start : start + PER_ROW], strict=False):
        with column:
            st.subheader(text.markdown(row["funder_name"]))
            blocks.key_figures(FIGURES["key_figures"], charts.key_figures_of(row, FUNDER_KEYS), per_row=1)
            st.caption(charts.participants_text(row))
            if not row["is_provider"]:
                st.caption(t("funder_outputs.assistance_not_recorded", funder=text.markdown(row["funder_name"])))
blocks.note(FIGURES["jpoa_not_recorded"], t("funder_outputs.jpoa_not_recorded"))

st.subheader(t("funder_outputs.summary_header"))
summary = charts.summary_table(funders)
blocks.table_block(
    FIGURES["summary"],
    summary,
    column_config={
        "funder": st.column_config.TextColumn(t("funder_outputs.col_code")),
        "funder_name": st.column_config.TextColumn(t("funder_outputs.col_funder")),
        "meetings_held": st.column_config.NumberColumn(t("funder_outputs.col_meetings")),
        "participants": st.column_config.NumberColumn(t("funder_outputs.col_participants")),
        "meetings_with_participants": st.column_config.NumberColumn(t("funder_outputs.col_meetings_with_participants")),
        "states_reached": st.column_config.NumberColumn(t("funder_outputs.col_states")),
        "requests_matched": st.column_config.NumberColumn(t("funder_outputs.col_matched")),
        "requests_delivered": st.column_config.NumberColumn(t("funder_outputs.col_delivered")),
        "not_recorded": st.column_config.TextColumn(t("funder_outputs.col_not_recorded"), width="large"),
    },
)
blocks.definitions(FUNDER_KEYS)

st.subheader(t("funder_outputs.over_time_header"))
if by_year.empty:
    blocks.empty_state("funder_outputs.no_outputs", what=t("funder_outputs.what_outputs"))
else:
    blocks.chart_block(
        FIGURES["over_time"],
        charts.over_time(by_year, funders, filters.start, filters.end),
        by_year,
        caption=t("funder_outputs.over_time_caption"),
    )
with st.expander(t("funder_outputs.timeline_header"), icon=":material/timeline:"):
    st.dataframe(
        charts.timeline_table(),
        hide_index=True,
        column_config={
            "label": st.column_config.TextColumn(t("funder_outputs.col_label")),
            "start": st.column_config.TextColumn(t("funder_outputs.col_start")),
            "end": st.column_config.TextColumn(t("funder_outputs.col_end")),
            "kind": st.column_config.TextColumn(t("funder_outputs.col_kind")),
        },
    )

st.subheader(t("funder_outputs.roles_header"))
st.caption(t("funder_outputs.roles_caption"))
roles = query("funder_outputs_roles", view, **params)
if roles.empty:
    blocks.empty_state("common.no_data_period", what=t("funder_outputs.what_roles"))
else:
    blocks.table_block(
        FIGURES["roles"],
        charts.roles_table(roles, lookups.labels("role")),
        column_config={
            "funder": st.column_config.TextColumn(t("funder_outputs.col_code")),
            "funder_name": st.column_config.TextColumn(t("funder_outputs.col_funder")),
            "state_id": st.column_config.TextColumn(t("funder_outputs.col_code")),
            "state_name": st.column_config.TextColumn(t("funder_outputs.col_state")),
            "role": st.column_config.TextColumn(t("funder_outputs.col_code")),
            "role_label": st.column_config.TextColumn(t("funder_outputs.col_role")),
            "meetings_attended": st.column_config.NumberColumn(t("funder_outputs.col_attended")),
        },
    )

st.subheader(t("funder_outputs.meetings_header"))
st.caption(t("funder_outputs.meetings_caption"))
meetings = query("funder_outputs_meetings", view, **params)
if meetings.empty:
    blocks.empty_state("common.no_data_period", what=t("funder_outputs.what_meetings"))
else:
    blocks.table_block(
        FIGURES["meetings"],
        charts.meetings_table(meetings),
        column_config={
            "funder_name": st.column_config.TextColumn(t("funder_outputs.col_funder")),
            "title": st.column_config.TextColumn(t("funder_outputs.col_title"), width="large"),
            "start_date": st.column_config.DateColumn(t("funder_outputs.col_date"), format="YYYY-MM-DD"),
            "city": st.column_config.TextColumn(t("funder_outputs.col_city")),
            "participants": st.column_config.NumberColumn(t("funder_outputs.col_participants")),
            "states_attended": st.column_config.TextColumn(t("funder_outputs.col_states_attended")),
            "source": st.column_config.LinkColumn(t("common.source")),
            "source_ref": st.column_config.TextColumn(
                t("common.source_reference"), help=t("common.source_reference_help")
            ),
            "is_synthetic": st.column_config.CheckboxColumn(t("common.synthetic_label")),
        },
    )

# Everything above in one workbook, a sheet per table, for a donor's report.
download_workbook(
    {
        t("funder_outputs.sheet_summary"): summary,
        t("funder_outputs.sheet_by_year"): by_year,
        t("funder_outputs.sheet_roles"): charts.roles_table(roles, lookups.labels("role")),
        t("funder_outputs.sheet_meetings"): charts.meetings_table(meetings),
        t("funder_outputs.sheet_timeline"): charts.timeline_table(),
    },
    "funder_outputs",
    FUNDER_KEYS,
)
