"""Page chrome shared by every page: warehouse check, sidebar filters <-> URL, data line, badges, chart blocks.

This is the only dashboard module besides pages/ that calls st.*; figures and tables are built by pure
functions elsewhere and handed in here.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import access, export, navigation, settings, text
from dashboard import filters as flt
from dashboard.i18n import t
from dashboard.warehouse import Identity, WarehouseMissing, identity, query

log = logging.getLogger(__name__)
FILTERS_KEY = "filters"
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
LOAD_DETAILS_PAGE = "pages/load_details.py"


def plain(value: object) -> str:
    """Text from the data (or an identity provider) shown as-is in markdown: the one rule, dashboard/text.py."""
    return text.markdown(value)


def view() -> str:
    """This run's view, decided afresh from the signed-in identity and the allow-list (dashboard/access.py)."""
    return access.current_view()


def _leave_legacy_routing() -> None:
    """On a freshly started server Streamlit runs a deep-linked file from pages/ by itself (its legacy multipage
    mode) until app.py has called st.navigation once. Switch that mode off and rerun through app.py, so the page
    list, the layout and the access rules apply from the very first request. (A private flag: if a Streamlit
    release drops it, getattr finds nothing and the allowed() check in open_page still guards every page.)"""
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def open_page(page_file: str) -> Identity:
    """Start a page: refuse it if this view may not see it, show the view marker, check the view's warehouse."""
    _leave_legacy_routing()
    current = view()
    if not navigation.allowed(Path(page_file).stem, current):
        st.error(t("common.page_not_found"), icon=":material/search_off:")
        st.stop()
    view_marker(current)
    return require_warehouse(current)


def view_marker(current: str) -> None:
    """Which view this is, at the top of every page."""
    color = "red" if current == access.INTERNAL else "blue"
    icon = ":material/lock:" if current == access.INTERNAL else ":material/public:"
    st.badge(t(f"common.marker_{current}"), icon=icon, color=color)


def require_warehouse(current: str) -> Identity:
    """The view's warehouse identity, or a clear message with the command that builds it (and stop)."""
    try:
        found = identity(current)
        status = query("shared_load_status", current)
    except WarehouseMissing as missing:  # no file, or one that cannot be opened
        # Where the server keeps its files is for the signed-in experts who run it, never for the public view.
        st.error(t("common.no_warehouse_title"), icon=":material/database_off:")
        st.markdown(t(f"common.no_warehouse_body_{current}", path=text.markdown(missing)))
        st.code(settings.BUILD_COMMAND, language="bash")
        st.stop()
        raise  # unreachable: st.stop() raises; keeps type checkers honest
    version = str(status.iloc[0]["etl_version"]) if not status.empty else "?"
    if version != settings.WAREHOUSE_FORMAT:
        # An older file lacks tables this version reads: say so instead of failing half-way down a page.
        st.error(t("common.old_warehouse_title"), icon=":material/database_off:")
        st.markdown(
            t(
                f"common.old_warehouse_body_{current}",
                path=text.markdown(found.path),
                found=text.markdown(version),
                wanted=settings.WAREHOUSE_FORMAT,
            )
        )
        st.code(settings.BUILD_COMMAND, language="bash")
        st.stop()
    return found


def withheld_note() -> None:
    """On pages that count requests: how many the public view leaves out (a regional total, never broken down)."""
    row = query("shared_withheld_totals", view()).iloc[0]
    requests, synthetic = int(row["requests"]), int(row["synthetic_requests"])
    if not requests:
        return
    one = "_one" if requests == 1 else ""
    of_which = t(f"common.withheld_synthetic{one}", n=synthetic) if synthetic else ""
    st.info(t(f"common.withheld_{view()}{one}", n=requests, of_which=of_which), icon=":material/visibility_off:")


def account_box() -> None:
    """Sign-in state and the sign-in / sign-out button, in the sidebar of every page (called by app.py). A signed-in
    person who keeps the public view is told the true reason (access.Reason), with the address as the provider sent
    it, escaped: it is the provider's text, not ours."""
    session = access.current_session()
    with st.sidebar:
        if session.reason == access.Reason.LOCAL_INTERNAL:
            st.caption(t("common.local_internal", env=settings.LOCAL_INTERNAL_ENV))
            return
        if not session.sign_in_configured:
            return
        if not session.logged_in:
            st.caption(t("common.signed_out"))
            st.button(t("common.sign_in"), icon=":material/login:", on_click=st.login, width="stretch")
            return
        email = plain(session.email or "")
        refusals = {
            access.Reason.NO_ADDRESS: t("common.signed_in_no_address"),
            access.Reason.MALFORMED: t("common.signed_in_malformed", email=email),
            access.Reason.UNVERIFIED_MISSING: t("common.signed_in_unverified_missing", email=email),
            access.Reason.UNVERIFIED: t("common.signed_in_unverified", email=email),
            access.Reason.NOT_ALLOWED: t("common.signed_in_not_allowed", email=email),
        }
        if session.view == access.INTERNAL:
            st.caption(t("common.signed_in_internal", email=email))
        else:
            st.warning(refusals[session.reason], icon=":material/block:")
        st.button(t("common.sign_out"), icon=":material/logout:", on_click=st.logout, width="stretch")


def choices() -> flt.Choices:
    row = query("shared_filter_choices", view()).iloc[0]
    return flt.Choices(
        first_date=row["first_date"].date() if hasattr(row["first_date"], "date") else row["first_date"],
        last_date=row["last_date"].date() if hasattr(row["last_date"], "date") else row["last_date"],
        states=tuple(row["states"]),
        pillars=tuple(row["pillars"]),
        areas=tuple(row["areas"]),
        funders=tuple(row["funders"]),
    )


def labels(vocabulary: str) -> dict[str, str]:
    frame = query("shared_vocab_labels", view(), vocabulary=vocabulary)
    return dict(zip(frame["code"], frame["label"], strict=True))


def actor_names() -> dict[str, str]:
    frame = query("shared_actor_names", view())
    return dict(zip(frame["actor_id"], frame["name_en"], strict=True))


def _widget_state_from(filters: flt.Filters) -> None:
    st.session_state["w_period"] = (filters.start, filters.end)
    st.session_state["w_states"] = list(filters.states)
    st.session_state["w_pillars"] = list(filters.pillars)
    st.session_state["w_areas"] = list(filters.areas)
    st.session_state["w_funders"] = list(filters.funders)
    st.session_state["w_synthetic"] = filters.synthetic


def _page_id() -> str:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx else ""


def current_filters(options: flt.Choices) -> flt.Filters:
    """The session's filters: from the URL on a session's first run, then from the session."""
    if FILTERS_KEY not in st.session_state:
        st.session_state[FILTERS_KEY] = flt.from_query(st.query_params.to_dict(), options)
    return st.session_state[FILTERS_KEY]


def sidebar_filters(show_states: bool = True) -> flt.Filters:
    """Render the shared filters in the sidebar; keep them across pages and in the URL."""
    options = choices()
    stored = current_filters(options)
    # Streamlit gives a keyed widget a new identity on each page, so on a page change the sidebar widgets would
    # come back at their defaults: seed them from the stored filters whenever the page is not the last one run.
    page = _page_id()
    if "w_synthetic" not in st.session_state or st.session_state.get("_filters_page") != page:
        _widget_state_from(stored)
    st.session_state["_filters_page"] = page
    names = actor_names()
    pillar_labels, area_labels = labels("pillar"), labels("area")
    with st.sidebar:
        st.header(t("filters.header"))
        period = st.date_input(
            t("filters.period"),
            key="w_period",
            min_value=options.first_date,
            max_value=options.last_date,
            format="YYYY-MM-DD",
            help=t("filters.period_help"),
        )
        lists = [("states", options.states, names)] if show_states else []
        lists += [
            ("pillars", options.pillars, pillar_labels),
            ("areas", options.areas, area_labels),
            ("funders", options.funders, names),
        ]
        for name, codes, shown in lists:
            st.multiselect(
                t(f"filters.{name}"),
                codes,
                key=f"w_{name}",
                format_func=lambda c, shown=shown: shown.get(c, c),
                placeholder=t(f"filters.all_{name}"),
                help=t(f"filters.{name}_help"),
            )
        st.toggle(t("filters.synthetic"), key="w_synthetic", help=t("filters.synthetic_help"))
        if st.button(t("filters.reset"), width="stretch"):
            _widget_state_from(flt.defaults(options))
            st.session_state[FILTERS_KEY] = flt.defaults(options)
            st.rerun()
    start, end = period if isinstance(period, tuple | list) and len(period) == 2 else (stored.start, stored.end)
    chosen = flt.Filters(
        start=start,
        end=end,
        states=tuple(c for c in options.states if c in st.session_state["w_states"]) if show_states else stored.states,
        pillars=tuple(c for c in options.pillars if c in st.session_state["w_pillars"]),
        areas=tuple(c for c in options.areas if c in st.session_state["w_areas"]),
        funders=tuple(c for c in options.funders if c in st.session_state["w_funders"]),
        synthetic=bool(st.session_state["w_synthetic"]),
    )
    st.session_state[FILTERS_KEY] = chosen
    st.query_params.from_dict(chosen.to_query())
    return chosen


def page_header(section: str, counts_requests: bool = False) -> None:
    """Title, one-line purpose, the data line, and on pages that count requests the unpublished-requests note."""
    st.title(t(f"{section}.title"))
    st.caption(t(f"{section}.intro"))
    data_line()
    if counts_requests:
        withheld_note()


def data_line() -> None:
    status = query("shared_load_status", view())
    if status.empty:
        return
    row = status.iloc[0]
    finished = pd.Timestamp(row["finished_at"]).tz_convert("UTC").strftime("%d %b %Y %H:%M UTC")
    left, right = st.columns([4, 1])
    left.caption(t("common.data_as_of", when=finished, files=int(row["files"])))
    with right:
        st.page_link(LOAD_DETAILS_PAGE, label=t("common.load_details"), icon=":material/fact_check:")


def synthetic_badge(synthetic_rows: int, total_rows: int) -> None:
    """Say so whenever synthetic rows count in what is shown."""
    if synthetic_rows:
        st.warning(t("common.synthetic_badge", n=synthetic_rows, total=total_rows), icon=":material/science:")


def empty_state(key: str, **values: object) -> None:
    st.info(t(key, **values), icon=":material/filter_alt_off:")


def stamped_name(name: str, extension: str = "csv") -> str:
    return f"{name}_asof-{dt.date.today().isoformat()}.{extension}"


def download(frame: pd.DataFrame, name: str, key: str) -> None:
    """A CSV download of exactly this frame, through the export module (formulas neutralised)."""
    st.download_button(
        t("common.download_csv"),
        export.to_csv(frame),
        file_name=stamped_name(name),
        mime="text/csv",
        key=f"dl_{key}",
        icon=":material/download:",
        on_click="ignore",
    )


def chart_block(
    figure: object,
    frame: pd.DataFrame,
    name: str,
    caption: str | None = None,
    column_config: dict | None = None,
    table: Callable[[pd.DataFrame], None] | None = None,
) -> None:
    """A chart with, under it, the table of exactly the data drawn and its CSV download."""
    st.plotly_chart(figure, config=PLOTLY_CONFIG, key=f"chart_{name}")
    if caption:
        st.caption(caption)
    table_expander(frame, name, column_config, table)


def table_expander(
    frame: pd.DataFrame,
    name: str,
    column_config: dict | None = None,
    table: Callable[[pd.DataFrame], None] | None = None,
) -> None:
    """The table of exactly the data drawn, in an expander, with its CSV download (`table` draws it another way)."""
    with st.expander(t("common.table_view"), icon=":material/table:"):
        if table:
            table(frame)
        else:
            st.dataframe(frame, hide_index=True, column_config=column_config)
        download(frame, name, name)
