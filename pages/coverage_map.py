"""Coverage map: the five States shaded by a chosen measure, venues, assistance flows; offline (no basemap).

Selecting a State on the map (or in "Focus State") restricts the venues, the flows and the table to it. Every figure
is judged at the period end (dashboard/measures).
"""

import streamlit as st

from dashboard import settings, synthetic, text
from dashboard.charts import coverage_map as charts
from dashboard.figures import COVERAGE_STATE, of_page
from dashboard.filters import Filters
from dashboard.i18n import t
from dashboard.ui import blocks, chrome, embed, sidebar
from dashboard.ui.embed import embedded
from dashboard.warehouse import query

FOCUS = "cov_focus"  # the Focus State selectbox (None: every State in the filter)
MAP_GEN = "cov_map_gen"  # bumped to give the map a new key, which clears its selection
LAST_PICK = "cov_last_pick"  # the State last picked on the map, so a stale selection never overrides the selectbox
MEASURE = "cov_measure"
MEASURE_PARAM, FLOWS_PARAM = "measure", "flows"  # an embedded map's measure and flows switch, from its link
FIGURES = of_page("coverage_map")


def clear_focus() -> None:
    st.session_state[FOCUS] = None
    st.session_state[LAST_PICK] = None
    st.session_state[MAP_GEN] = st.session_state.get(MAP_GEN, 0) + 1


def focus_chosen() -> None:
    # A State chosen in the box replaces whatever was picked on the map: start the map afresh.
    st.session_state[LAST_PICK] = None
    st.session_state[MAP_GEN] = st.session_state.get(MAP_GEN, 0) + 1


def nothing_because(filters: Filters, name: str, focus: str | None, what: str, column: str | None = None) -> None:
    """Explain an empty layer truthfully: only synthetic rows exist (and they are switched off), or nothing does."""
    if not filters.synthetic:
        extra = {} if column else {"focus": focus}  # the States' figures are not narrowed in SQL
        frame = query(name, chrome.view(), **dict(filters.params(), synthetic=True), **extra)
        if column:  # a figure of the States table: the focus State's, or the States' in the filter
            frame = charts.state_table(frame, focus)
        if (frame[column].sum() if column else len(frame)) > 0:
            blocks.empty_state("common.no_synthetic_only", what=t(what))
            return
    blocks.empty_state("common.no_data_period", what=t(what))


def controls(
    url_focus: str | None, in_scope: tuple[str, ...], names: dict[str, str]
) -> tuple[str, str | None, bool, str]:
    """The page's own controls: the measure to shade by, the focus State (from the URL on a session's first visit,
    then from the map selection or the box) and the flows switch; and the map's key (its selection)."""
    if FOCUS not in st.session_state:
        st.session_state[FOCUS] = url_focus if url_focus in in_scope else None
    map_key = f"cov_map_{st.session_state.setdefault(MAP_GEN, 0)}"
    picked = charts.selected_state(st.session_state.get(map_key), in_scope)
    previous_pick = st.session_state.get(LAST_PICK)
    if picked != previous_pick:
        st.session_state[LAST_PICK] = picked
        if picked:
            st.session_state[FOCUS] = picked
        elif st.session_state.get(FOCUS) == previous_pick:
            st.session_state[FOCUS] = None  # the selection was cleared on the map (its own toolbar button)
    if st.session_state[FOCUS] not in in_scope:
        st.session_state[FOCUS] = None

    columns = st.columns([3, 2])
    with columns[0]:
        measure = (
            st.segmented_control(
                t("coverage_map.measure_label"),
                charts.MEASURES,
                default=charts.MEASURES[0],
                required=True,
                key=MEASURE,
                format_func=lambda m: t(f"coverage_map.measure_{m}"),
                help=t("coverage_map.measure_help"),
            )
            or charts.MEASURES[0]
        )
    with columns[1]:
        focus = st.selectbox(
            t("coverage_map.focus_label"),
            [None, *in_scope],
            key=FOCUS,
            format_func=lambda c: t("coverage_map.focus_all") if c is None else names.get(c, c),
            placeholder=t("coverage_map.focus_all"),
            help=t("coverage_map.focus_help"),
            on_change=focus_chosen,
        )

    shown, flows_switch, action = st.columns([4, 1.4, 1.1], vertical_alignment="center")
    if focus:
        shown.markdown(t("coverage_map.showing", state=text.markdown(names[focus])))
        action.button(t("coverage_map.clear_selection"), on_click=clear_focus, icon=":material/close:", width="stretch")
    else:
        shown.markdown(t("coverage_map.showing_all"))
    show_flows = flows_switch.toggle(
        t("coverage_map.show_flows"), value=True, key="cov_show_flows", help=t("coverage_map.show_flows_help")
    )
    if focus:
        st.query_params["focus"] = focus
    elif "focus" in st.query_params:
        del st.query_params["focus"]
    return measure, focus, show_flows, map_key


chrome.open_page(__file__)
url_focus = st.query_params.get("focus")  # read before the sidebar rewrites the URL from the filters
filters = sidebar.sidebar_filters()
chrome.page_header("coverage_map", counts_requests=True, synthetic=filters.synthetic)
params = filters.params()
view = chrome.view()
states = query("coverage_map_states", view, **params)
as_of = filters.end.strftime("%d %b %Y")

# --- focus: from the URL on a session's first visit, then from the map selection or the box -------------------
names = dict(zip(states["state_id"], states["name_en"], strict=True))
in_scope = tuple(charts.state_table(states, None)["state_id"])
if embedded():  # no controls: the measure, the focus and the flows the link sets (or their defaults), said in words
    measure = embed.url_choice(MEASURE_PARAM, charts.MEASURES, charts.MEASURES[0])
    focus = url_focus if url_focus in in_scope else None
    show_flows = st.query_params.get(FLOWS_PARAM, "1") != "0"
    map_key = None
    embed.locked(
        [
            (t("coverage_map.measure_label"), t(f"coverage_map.measure_{measure}")),
            (t("coverage_map.focus_label"), names[focus] if focus else t("coverage_map.focus_all")),
            (t("coverage_map.show_flows"), t(f"common.embedded_{'shown' if show_flows else 'hidden'}")),
        ]
    )
else:
    measure, focus, show_flows, map_key = controls(url_focus, in_scope, names)

# --- the map ---------------------------------------------------------------------------------------------------
venues = query("coverage_map_venues", view, **params, focus=focus)
flows = query("coverage_map_flows", view, **params, focus=focus)
table = charts.state_table(states, focus)
# Honesty: synthetic meetings, open requests and matches all count in what the page shows.
map_synthetic = (
    synthetic.rows(venues) + synthetic.rows(table[["meetings_attended_synthetic", "requests_open_at_end_synthetic"]])
) + synthetic.rows(flows)
blocks.synthetic_badge(
    int(venues["is_synthetic"].sum())
    + int(table["requests_open_at_end_synthetic"].sum())
    + int(flows["matches_proposed_synthetic"].sum()),
    len(venues) + int(table["requests_open_at_end"].sum()) + int(flows["matches_proposed"].sum()),
)

boundaries = charts.load_boundaries(settings.BOUNDARIES)
bins = charts.legend_bins(measure, charts.state_table(states, None)[measure])
grouped = len(venues) > settings.MAP_MAX_VENUES
venue_layer = charts.place_records(venues) if grouped else charts.venue_records(venues)
venues_drawn = int(venues["has_venue"].sum()) if not venues.empty else 0
arc_layer = charts.arc_records(flows)
deck = charts.build_deck(
    states=charts.state_records(boundaries, states, measure, bins, as_of, focus=focus),
    neighbours=charts.neighbour_records(boundaries, states["iso3"]),
    labels=charts.label_records(boundaries, dict(zip(states["iso3"], states["name_en"], strict=True))),
    venues=venue_layer,
    arcs=arc_layer if show_flows else [],
)

# Say what the map cannot draw, above it, rather than leave a layer silently blank.
if venues.empty:
    blocks.empty_state("common.no_data_period", what=t("coverage_map.what_venues"))
elif not venue_layer:
    blocks.empty_state("coverage_map.no_venue_coordinates", n=len(venues))
elif venues_drawn < len(venues):
    st.caption(t("coverage_map.venues_not_drawn", n=len(venues) - venues_drawn))
if grouped and venue_layer:
    st.caption(t("coverage_map.venues_grouped", n=venues_drawn))
if flows.empty:
    nothing_because(filters, "coverage_map_flows", focus, "coverage_map.what_flows")
elif len(arc_layer) < len(flows):
    st.caption(t("coverage_map.flows_not_drawn", n=len(flows) - len(arc_layer)))
if measure == "requests_open_at_end" and not int(table["requests_open_at_end"].sum()):
    nothing_because(filters, "coverage_map_states", focus, "coverage_map.what_requests", "requests_open_at_end")
if not show_flows and not flows.empty:
    st.caption(t("coverage_map.flows_hidden_embedded" if embedded() else "coverage_map.flows_hidden"))

map_column, legend_column = st.columns([3, 1])
with map_column:
    selection = {"on_select": "rerun", "selection_mode": "single-object", "key": map_key} if map_key else {}
    blocks.deck_block(FIGURES["map"], deck, map_synthetic, height=640, alt=t("coverage_map.map_alt"), **selection)
with legend_column:
    st.markdown(t("coverage_map.legend_header", measure=t(f"coverage_map.measure_{measure}")))
    extra = []
    if measure == "months_since_last_reached":
        extra.append((charts.NO_VALUE, t("coverage_map.legend_never_reached")))
    extra.append(
        (charts.NEIGHBOUR, t("coverage_map.legend_grey") if filters.states else t("coverage_map.legend_neighbours"))
    )
    legend, colours = charts.legend_frame(bins, extra)
    st.dataframe(
        charts.legend_styler(legend, colours),
        hide_index=True,
        column_config={
            "swatch": st.column_config.TextColumn(" ", width=36),
            "label": st.column_config.TextColumn(t("coverage_map.legend_value")),
        },
        key="cov_legend",
    )
    st.caption(t(f"coverage_map.legend_meaning_{measure}", as_of=as_of))
    symbols, symbol_colours = charts.legend_frame(
        [],
        [
            (charts.VENUE, t("coverage_map.symbol_venue")),
            (charts.VENUE_SYNTHETIC, t("coverage_map.symbol_venue_synthetic")),
            (charts.ARC_TARGET, t("coverage_map.symbol_arc")),
        ],
    )
    st.dataframe(
        charts.legend_styler(symbols, symbol_colours),
        hide_index=True,
        column_config={
            "swatch": st.column_config.TextColumn(" ", width=36),
            "label": st.column_config.TextColumn(t("coverage_map.symbols_label")),
        },
        key="cov_symbols",
    )

st.caption(t("coverage_map.map_caption"))

# --- the same figures as a table --------------------------------------------------------------------------------
st.subheader(t("coverage_map.table_header"))
blocks.table_block(
    FIGURES["state_table"],
    table,
    column_config={
        "state_id": st.column_config.TextColumn(t("coverage_map.col_state_id")),
        "name_en": st.column_config.TextColumn(t("coverage_map.col_state")),
        "meetings_attended": st.column_config.NumberColumn(t("coverage_map.col_meetings")),
        "meetings_attended_synthetic": st.column_config.NumberColumn(t("coverage_map.col_meetings_synthetic")),
        "meetings_disputed": st.column_config.NumberColumn(
            t("coverage_map.col_meetings_disputed"), help=t("coverage_map.disputed_note")
        ),
        "pillars_covered": st.column_config.NumberColumn(t("coverage_map.col_pillars")),
        "pillar_list": st.column_config.TextColumn(t("coverage_map.col_pillar_list")),
        "requests_open_at_end": st.column_config.NumberColumn(t("coverage_map.col_requests_open")),
        "requests_open_at_end_synthetic": st.column_config.NumberColumn(t("coverage_map.col_requests_synthetic")),
        "last_reached": st.column_config.TextColumn(
            t("coverage_map.col_last_reached"), help=t("common.date_as_known_help")
        ),
        "months_since_last_reached": st.column_config.NumberColumn(t("coverage_map.col_months")),
        "matches_proposed": st.column_config.NumberColumn(t("coverage_map.col_matches")),
        "matches_proposed_synthetic": st.column_config.NumberColumn(t("coverage_map.col_matches_synthetic")),
    },
)
st.caption(t("coverage_map.table_caption", as_of=as_of))
if int(table["meetings_disputed"].sum()):
    st.caption(t("coverage_map.disputed_note"))
blocks.definitions(COVERAGE_STATE)

with st.expander(t("coverage_map.drawn_header"), icon=":material/table:"):
    st.markdown(t("coverage_map.venues_header"))
    venue_table = charts.venue_table(venues)
    if venue_table.empty:
        st.caption(t("coverage_map.none_drawn"))
    else:
        blocks.table_block(
            FIGURES["venues"],
            venue_table,
            column_config={
                "start_date": st.column_config.TextColumn(
                    t("coverage_map.col_date"), help=t("common.date_as_known_help")
                ),
                "meeting": st.column_config.LinkColumn(
                    t("common.meeting_link"),
                    display_text=t("common.meeting_link_text"),
                    help=t("common.meeting_link_help"),
                ),
                "title": st.column_config.TextColumn(t("coverage_map.col_event"), width="large"),
                "city": st.column_config.TextColumn(t("coverage_map.col_city")),
                "participants": st.column_config.NumberColumn(t("coverage_map.col_participants")),
                "states_attended": st.column_config.ListColumn(t("coverage_map.col_states_attended")),
                "is_synthetic": st.column_config.CheckboxColumn(t("common.synthetic_label")),
            },
        )
    st.markdown(t("coverage_map.flows_header"))
    flow_table = charts.flow_table(flows)
    if flow_table.empty:
        st.caption(t("coverage_map.none_drawn"))
    else:
        blocks.table_block(
            FIGURES["flows"],
            flow_table,
            column_config={
                "provider_name": st.column_config.TextColumn(t("coverage_map.col_provider"), width="large"),
                "state_name": st.column_config.TextColumn(t("coverage_map.col_state")),
                "matches_proposed": st.column_config.NumberColumn(t("coverage_map.col_flow_matches")),
                "matches_delivered": st.column_config.NumberColumn(t("coverage_map.col_delivered")),
                "matches_proposed_synthetic": st.column_config.NumberColumn(t("coverage_map.col_flow_synthetic")),
            },
        )
