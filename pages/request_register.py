"""Request register (internal view only): every assistance request, published or not, with its consent status."""

import streamlit as st

from dashboard.i18n import t
from dashboard.ui import blocks, chrome, downloads, lookups, sidebar
from dashboard.warehouse import query

chrome.open_page(__file__)
filters = sidebar.sidebar_filters()
chrome.page_header("request_register", counts_requests=True)


def m(key: str, **values: object) -> str:
    return t(f"request_register.{key}", **values)


view = chrome.view()
register = query("request_register_requests", view, **filters.params())
blocks.synthetic_badge(int(register["is_synthetic"].sum()), len(register))

unpublished_only = st.toggle(m("unpublished_only"), help=m("unpublished_only_help"))
shown = register[~register["consent_to_publish"]] if unpublished_only else register

if shown.empty:
    blocks.empty_state("common.no_data_period", what=m("what"))
    st.stop()

left, middle, right, last = st.columns(4)
left.metric(m("kpi_requests"), f"{len(shown):,}", border=True)
middle.metric(m("kpi_unpublished"), f"{int((~shown['consent_to_publish']).sum()):,}", border=True)
checked = shown["distributed_within_7_days"].dropna()
right.metric(
    m("kpi_within_week"),
    f"{checked.mean():.0%}" if len(checked) else t("common.not_applicable"),
    help=m("kpi_within_week_help"),
    border=True,
)
last.metric(m("kpi_open"), f"{int((shown['status'] == 'open').sum()):,}", border=True)

status_labels = lookups.labels("request_status")
table = shown.assign(
    stage=shown["stage"].map(lambda s: m(f"stage_{s}")),
    status=shown["status"].map(lambda s: status_labels.get(s, s)),
)
st.dataframe(
    table,
    hide_index=True,
    column_config={
        "request_id": st.column_config.TextColumn(m("col_request")),
        "state_name": st.column_config.TextColumn(m("col_state")),
        "received_date": st.column_config.DateColumn(m("col_received"), format="YYYY-MM-DD"),
        "consent_to_publish": st.column_config.CheckboxColumn(m("col_published"), help=m("col_published_help")),
        "distributed_date": st.column_config.DateColumn(m("col_distributed"), format="YYYY-MM-DD"),
        "days_to_distribute": st.column_config.NumberColumn(m("col_days")),
        "distributed_within_7_days": st.column_config.CheckboxColumn(m("col_within_week")),
        "stage": st.column_config.TextColumn(m("col_stage")),
        "status": st.column_config.TextColumn(m("col_status")),
        "n_items": st.column_config.NumberColumn(m("col_items")),
        "n_matches": st.column_config.NumberColumn(m("col_matches")),
        "n_delivered": st.column_config.NumberColumn(m("col_delivered")),
        "areas": st.column_config.TextColumn(m("col_areas")),
        "summary": st.column_config.TextColumn(m("col_summary"), width="large"),
        "confidence": st.column_config.TextColumn(t("common.confidence")),
        "is_synthetic": st.column_config.CheckboxColumn(t("common.synthetic_label")),
    },
)
st.caption(m("table_caption"))
downloads.download(table, "request_register_internal")
