"""Data and sources: the latest load, its files, rejects, sources cited and the synthetic share."""

import streamlit as st

from dashboard import access, text
from dashboard.charts import load_details as charts
from dashboard.figures import of_page
from dashboard.i18n import t
from dashboard.ui import blocks, chrome, sidebar, template
from dashboard.warehouse import query

FIGURES = of_page("load_details")

chrome.open_page(__file__)
sidebar.as_of_filter()  # this page has no shared filters: the as-of selector alone
chrome.page_header("load_details", counts_requests=True)
view = chrome.view()
public = view == access.PUBLIC

if int(query("shared_load_warnings_recorded", view)["recorded"].iloc[0]):
    for wipe in query("shared_load_warnings", view).itertuples():
        key = "load_details.wipe_out_emptied" if wipe.rows_after == 0 else "load_details.wipe_out_shrunk"
        st.warning(
            t(key, table=text.markdown(wipe.table_name), before=int(wipe.rows_before), after=int(wipe.rows_after)),
            icon=":material/warning:",
        )

st.subheader(t("load_details.honesty_header"))
st.markdown(t("load_details.honesty_body"))
blocks.table_block(
    FIGURES["synthetic_share"],
    charts.real_and_illustrative(query("load_details_synthetic_share", view)),
    column_config={
        "table_name": st.column_config.TextColumn(t("load_details.col_table")),
        "holds": st.column_config.TextColumn(t("load_details.col_holds"), width="large"),
        "status": st.column_config.TextColumn(t("load_details.col_status")),
        "sourced": st.column_config.NumberColumn(t("load_details.col_sourced")),
        "synthetic": st.column_config.NumberColumn(t("load_details.col_synthetic")),
        "total": st.column_config.NumberColumn(t("load_details.col_total")),
    },
)

st.subheader(t("load_details.files_header"))
blocks.table_block(FIGURES["files"], charts.files_table(query("load_details_files", view), public))

st.subheader(t("load_details.rejects_header"))
rejects = query("load_details_rejects", view)
rejected = int(query("shared_load_status", view)["rows_rejected"].sum())
if public and rejected:
    # A rejected row may be an unpublished request: the public file keeps the count, never the details.
    st.info(t("load_details.rejects_public", n=rejected), icon=":material/lock:")
elif rejects.empty:
    st.success(t("load_details.rejects_none"), icon=":material/check_circle:")
else:
    st.caption(t("load_details.rejects_caption"))
    blocks.table_block(FIGURES["rejects"], rejects)

st.subheader(t("load_details.sources_header"))
st.caption(t("load_details.sources_caption"))
blocks.table_block(
    FIGURES["sources"],
    charts.sources_table(query("load_details_sources", view)),
    column_config={
        "source_type": st.column_config.TextColumn(t("common.source_type")),
        "source_title": st.column_config.TextColumn(t("common.source_title"), width="large"),
        "publisher": st.column_config.TextColumn(t("load_details.col_publisher")),
        "source": st.column_config.LinkColumn(t("common.source_link")),
        "source_ref": st.column_config.TextColumn(t("common.source_reference"), help=t("common.source_reference_help")),
        "rows_citing": st.column_config.NumberColumn(t("load_details.col_rows_citing")),
        "tables": st.column_config.TextColumn(t("load_details.col_tables")),
        "confidence": st.column_config.TextColumn(t("common.confidence")),
        "note": st.column_config.TextColumn(t("load_details.col_note")),
        "is_synthetic": st.column_config.CheckboxColumn(t("common.synthetic_label")),
    },
)

template.template_download()

st.subheader(t("load_details.history_header"))
blocks.table_block(FIGURES["history"], query("load_details_history", view))
