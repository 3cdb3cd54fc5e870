"""Request register (internal view only): every assistance request, published or not, with its consent status, as it
stood at the period end (dashboard/measures)."""

import streamlit as st

from dashboard.charts import request_register as charts
from dashboard.charts.common import key_figures
from dashboard.figures import REGISTER_KEYS, of_page
from dashboard.i18n import t
from dashboard.ui import blocks, chrome, lookups, sidebar
from dashboard.warehouse import query

FIGURES = of_page("request_register")


def m(key: str, **values: object) -> str:
    return t(f"request_register.{key}", **values)


chrome.open_page(__file__)
filters = sidebar.sidebar_filters()
chrome.page_header("request_register", counts_requests=True, synthetic=filters.synthetic)
view = chrome.view()

figures = query("request_register_key_figures", view, **filters.params())
row = figures.iloc[0]
blocks.synthetic_badge(int(row["requests_received_synthetic"]), int(row["requests_received"]))
unpublished_only = st.toggle(m("unpublished_only"), help=m("unpublished_only_help"))
register = query("request_register_requests", view, **filters.params(), unpublished_only=unpublished_only)
if register.empty:
    blocks.empty_state("common.no_data_period", what=m("what"))
    st.stop()

blocks.key_figures(
    FIGURES["key_figures"],
    key_figures(figures, REGISTER_KEYS, percent=["share_within_rule"], lower_is_better=["requests_open_at_end"]),
)
st.caption(m("kpi_caption"))
blocks.table_block(
    FIGURES["register"],
    charts.register_table(register, lookups.labels("request_status")),
    column_config={
        "request_id": st.column_config.TextColumn(m("col_request")),
        "state_name": st.column_config.TextColumn(m("col_state")),
        "received_date": st.column_config.DateColumn(m("col_received"), format="YYYY-MM-DD"),
        "consent_to_publish": st.column_config.CheckboxColumn(m("col_published"), help=m("col_published_help")),
        "distributed_date": st.column_config.DateColumn(m("col_distributed"), format="YYYY-MM-DD"),
        "days_to_distribute": st.column_config.NumberColumn(m("col_days")),
        "distribution_at_end": st.column_config.TextColumn(m("col_within_week")),
        "stage_at_end": st.column_config.TextColumn(m("col_stage")),
        "status_at_end": st.column_config.TextColumn(m("col_status")),
        "n_items": st.column_config.NumberColumn(m("col_items")),
        "matches_by_end": st.column_config.NumberColumn(m("col_matches")),
        "deliveries_by_end": st.column_config.NumberColumn(m("col_delivered")),
        "areas": st.column_config.TextColumn(m("col_areas")),
        "summary": st.column_config.TextColumn(m("col_summary"), width="large"),
        "confidence": st.column_config.TextColumn(t("common.confidence")),
        "is_synthetic": st.column_config.CheckboxColumn(t("common.synthetic_label")),
    },
)
st.caption(m("table_caption"))
