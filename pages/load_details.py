"""Data and sources: the latest load, its files, rejects, sources cited and the synthetic share."""

from pathlib import PurePath

import streamlit as st

from dashboard import access, text
from dashboard.i18n import t
from dashboard.ui import chrome, downloads
from dashboard.warehouse import query

chrome.open_page(__file__)
chrome.page_header("load_details", counts_requests=True)

st.subheader(t("load_details.honesty_header"))
st.markdown(t("load_details.honesty_body"))
share = query("load_details_synthetic_share", chrome.view())
st.dataframe(share, hide_index=True)

st.subheader(t("load_details.files_header"))
files = query("load_details_files", chrome.view())
if chrome.view() == access.PUBLIC:
    # Where the source files sat on the machine that loaded them is not for the public: their names are enough.
    files["path"] = files["path"].map(lambda path: PurePath(str(path).replace("\\", "/")).name)
st.dataframe(files, hide_index=True)
downloads.download(files, "load_details_files")

st.subheader(t("load_details.rejects_header"))
rejects = query("load_details_rejects", chrome.view())
rejected = int(query("shared_load_status", chrome.view())["rows_rejected"].sum())
if chrome.view() == access.PUBLIC and rejected:
    # A rejected row may be an unpublished request: the public file keeps the count, never the details.
    st.info(t("load_details.rejects_public", n=rejected), icon=":material/lock:")
elif rejects.empty:
    st.success(t("load_details.rejects_none"), icon=":material/check_circle:")
else:
    st.caption(t("load_details.rejects_caption"))
    st.dataframe(rejects, hide_index=True)
    downloads.download(rejects, "load_details_rejects")

st.subheader(t("load_details.sources_header"))
sources = query("load_details_sources", chrome.view())
# Only a web address is a link; a document symbol (or anything else) is shown as text.
sources.insert(0, "source_ref", sources["source_url"].map(text.reference))
sources.insert(0, "source", sources["source_url"].map(text.web_link))
st.dataframe(
    sources.drop(columns=["source_url"]),
    hide_index=True,
    column_config={
        "source": st.column_config.LinkColumn(t("common.source")),
        "source_ref": st.column_config.TextColumn(t("common.source_reference"), help=t("common.source_reference_help")),
    },
)

st.subheader(t("load_details.history_header"))
st.dataframe(query("load_details_history", chrome.view()), hide_index=True)
