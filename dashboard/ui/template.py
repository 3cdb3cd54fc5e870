"""The template workbook download (etl/template.py): the same for every view, since it holds no data."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t
from etl.template import template_bytes

FILE_NAME = "dashboard-data-template.xlsx"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner=False)
def _workbook() -> bytes:
    return template_bytes()


def template_download() -> None:
    """The template's heading, what it is, and its download (none in an embedded view, which has no controls: the
    file is fetched from the dashboard itself)."""
    from dashboard.ui.embed import embedded

    st.subheader(t("load_details.template_header"))
    st.caption(t("load_details.template_body"))
    if embedded():
        return
    st.download_button(
        t("load_details.template_download"),
        _workbook,
        file_name=FILE_NAME,
        mime=XLSX_MIME,
        key="dl_template",
        icon=":material/table_view:",
        on_click="ignore",
    )
