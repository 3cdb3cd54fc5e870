"""The top of every page: access check, view badge, warehouse check, title, data line and the withheld note."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import access, navigation
from dashboard.filters import load_label
from dashboard.i18n import t
from dashboard.ui.embed import embedded
from dashboard.ui.routing import leave_legacy_routing
from dashboard.ui.warehouse_check import require_warehouse
from dashboard.warehouse import Identity, query, use_load

LOAD_DETAILS_PAGE = "pages/load_details.py"


def view() -> str:
    """This run's view, decided afresh from the signed-in identity and the allow-list (dashboard/access.py); an
    embedded page (dashboard/ui/embed.py) is always the public view."""
    return access.PUBLIC if embedded() else access.current_view()


def open_page(page_file: str) -> Identity:
    """Start a page: refuse it if this view may not see it, show the view marker, check the view's warehouse."""
    leave_legacy_routing()
    current = view()
    if not navigation.allowed(Path(page_file).stem, current):
        st.error(t("common.page_not_found"), icon=":material/search_off:")
        st.stop()
    view_marker(current)
    load = use_load(current, requested_load())
    if load:
        st.warning(t("common.as_of_load_banner", load=load_label(load)), icon=":material/history:")
    return require_warehouse(current)


def requested_load() -> str | None:
    """The "as of load" this run asks for: the sidebar's choice, else the session's filters, else the URL (a link)."""
    from dashboard.ui.sidebar import AS_OF_WIDGET, FILTERS_KEY  # the sidebar reads lookups, which read this module

    if AS_OF_WIDGET in st.session_state:
        return st.session_state[AS_OF_WIDGET]
    if FILTERS_KEY in st.session_state:
        return st.session_state[FILTERS_KEY].as_of_load
    return st.query_params.get("asof")


def view_marker(current: str) -> None:
    """Which view this is, at the top of every page."""
    color = "red" if current == access.INTERNAL else "blue"
    icon = ":material/lock:" if current == access.INTERNAL else ":material/public:"
    st.badge(t(f"common.marker_{current}"), icon=icon, color=color)


def page_header(section: str, counts_requests: bool = False, synthetic: bool = True) -> None:
    """Title, one-line purpose, the data line, and on pages that count requests the unpublished-requests note
    (`synthetic`: whether synthetic rows count, the sidebar switch)."""
    st.title(t(f"{section}.title"))
    st.caption(t(f"{section}.intro"))
    data_line()
    if counts_requests:
        withheld_note(synthetic)


def data_line() -> None:
    status = query("shared_load_status", view())
    if status.empty:
        return
    row = status.iloc[0]
    finished = pd.Timestamp(row["finished_at"]).tz_convert("UTC").strftime("%d %b %Y %H:%M UTC")
    left, right = st.columns([4, 1])
    as_of = pd.Timestamp(row["as_of"]).date().isoformat()
    left.caption(t("common.data_as_of", as_of=as_of, when=finished, files=int(row["files"])))
    if embedded():  # a link would navigate inside the donor's frame
        return
    with right:
        st.page_link(LOAD_DETAILS_PAGE, label=t("common.load_details"), icon=":material/fact_check:")


def withheld_note(synthetic: bool) -> None:
    """On pages that count requests: how many requests are not published, an all-time regional total that no filter
    but the synthetic switch changes and that is never broken down (nothing when there are none)."""
    row = query("shared_withheld_totals", view(), synthetic=synthetic).iloc[0]
    requests, synthetic_requests = int(row["requests_withheld"]), int(row["requests_withheld_synthetic"])
    if not requests:
        return
    one = "_one" if requests == 1 else ""
    of_which = t(f"common.withheld_synthetic{one}", n=synthetic_requests) if synthetic_requests else ""
    st.info(t(f"common.withheld_{view()}{one}", n=requests, of_which=of_which), icon=":material/visibility_off:")
