"""The shared filters in the sidebar: one value (dashboard/filters.py), kept across pages and written into the URL."""

from __future__ import annotations

import dataclasses

import streamlit as st

from dashboard import filters as flt
from dashboard import text
from dashboard.access import current_view
from dashboard.i18n import t
from dashboard.ui.embed import embedded
from dashboard.ui.lookups import actor_names, choices, labels
from dashboard.warehouse import snapshot_loads

FILTERS_KEY = "filters"
AS_OF_WIDGET = "w_asof"
#: The selector's value for the latest load (None would show as no choice at all: "Choose an option").
LATEST_LOAD = "latest"


def _widget_state_from(filters: flt.Filters) -> None:
    st.session_state["w_period"] = (filters.start, filters.end)
    st.session_state["w_states"] = list(filters.states)
    st.session_state["w_pillars"] = list(filters.pillars)
    st.session_state["w_areas"] = list(filters.areas)
    st.session_state["w_funders"] = list(filters.funders)
    st.session_state["w_synthetic"] = filters.synthetic
    st.session_state[AS_OF_WIDGET] = filters.as_of_load or LATEST_LOAD


def _page_id() -> str:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx else ""


def current_filters(options: flt.Choices, loads: tuple[str, ...] = ()) -> flt.Filters:
    """The session's filters: from the URL on a session's first run, then from the session."""
    if FILTERS_KEY not in st.session_state:
        st.session_state[FILTERS_KEY] = flt.from_query(st.query_params.to_dict(), options, loads)
    return st.session_state[FILTERS_KEY]


def as_of_select(loads: tuple[str, ...]) -> None:
    """The "as of load" selector (in the sidebar), when earlier loads are kept: the latest, or one of `loads`."""
    if loads:
        st.selectbox(
            t("filters.as_of_load"),
            [LATEST_LOAD, *loads],
            key=AS_OF_WIDGET,
            format_func=lambda load: t("filters.latest_load") if load == LATEST_LOAD else flt.load_label(load),
            help=t("filters.as_of_load_help"),
        )


def chosen_load(loads: tuple[str, ...]) -> str | None:
    """The load the selector holds, if it is still kept (None: the latest)."""
    load = st.session_state.get(AS_OF_WIDGET)
    return load if load in loads else None


def as_of_filter() -> str | None:
    """On pages without the shared filters (Data & sources, Data quality, Import): the same "as of load" selector
    alone, kept in the session's filters (so other pages follow it) and in the URL; the load chosen (None: the
    latest). chrome.open_page reads the choice before the page is drawn, as on the other pages."""
    if embedded():
        return None
    loads = tuple(snapshot_loads(current_view()))  # the public view lists public snapshots only
    stored = current_filters(choices(), loads)
    page = _page_id()
    if AS_OF_WIDGET not in st.session_state or st.session_state.get("_filters_page") != page:
        st.session_state[AS_OF_WIDGET] = stored.as_of_load if stored.as_of_load in loads else LATEST_LOAD
    st.session_state["_filters_page"] = page
    with st.sidebar:
        as_of_select(loads)
    chosen = chosen_load(loads)
    st.session_state[FILTERS_KEY] = dataclasses.replace(stored, as_of_load=chosen)
    if chosen:
        st.query_params["asof"] = chosen
    elif "asof" in st.query_params:
        del st.query_params["asof"]
    return chosen


def sidebar_filters(show_states: bool = True) -> flt.Filters:
    """Render the shared filters in the sidebar; keep them across pages and in the URL."""
    options = choices()
    if embedded():  # no widgets, nothing kept: the URL's filters, every run, said in words
        locked = flt.from_query(st.query_params.to_dict(), options)
        shown = ", ".join(f"{k}={v}" for k, v in locked.to_query().items())
        st.caption(t("common.embedded_caption", filters=text.markdown(shown)))
        return locked
    loads = tuple(snapshot_loads(current_view()))
    stored = current_filters(options, loads)
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
        st.caption(t("filters.as_of", date=options.last_date.isoformat()))
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
        as_of_select(loads)
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
        as_of_load=chosen_load(loads),
    )
    st.session_state[FILTERS_KEY] = chosen
    st.query_params.from_dict(chosen.to_query())
    return chosen
