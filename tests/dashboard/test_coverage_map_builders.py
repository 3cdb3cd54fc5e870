"""Coverage map builders on small frames: colour ramp and bins, layer records, tooltip text, the offline deck."""

from __future__ import annotations

import json

import pandas as pd
import pydeck as pdk
import pytest

from dashboard.charts import coverage_map as cov

SQUARE = [[[60.0, 40.0], [62.0, 40.0], [62.0, 42.0], [60.0, 42.0], [60.0, 40.0]]]
BOUNDARIES = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"iso3": "KAZ"}, "geometry": {"type": "Polygon", "coordinates": SQUARE}},
        {"type": "Feature", "properties": {"iso3": "UZB"}, "geometry": {"type": "Polygon", "coordinates": SQUARE}},
        {
            "type": "Feature",
            "properties": {"iso3": "RUS"},
            "geometry": {"type": "MultiPolygon", "coordinates": [SQUARE, SQUARE]},
        },
    ],
}


def states_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "state_id": ["KAZ", "UZB"],
            "iso3": ["KAZ", "UZB"],
            "name_en": ["Kazakhstan", "Uzbekistan"],
            "in_filter": [True, True],
            "meetings_attended": [9, 0],
            "meetings_disputed": [0, 1],
            "pillars_covered": [2, 0],
            "pillar_list": ["II, III", ""],
            "requests_open_at_end": [1, 3],
            "matches_proposed": [4, 0],
            "last_reached": [pd.Timestamp("2011-09-27"), pd.NaT],
            "last_reached_precision": ["day", None],
            "months_since_last_reached": pd.array([182, None], dtype="Int64"),
            "secret_note": ["ZZSECRET", "ZZSECRET"],
        }
    )


# --- colour ramp and legend bins ------------------------------------------------------------------------------


def test_bins_split_up_to_the_largest_value_with_zero_apart() -> None:
    bins = cov.legend_bins("meetings_attended", [0, 3, 7, 30])
    assert [(b.lower, b.upper) for b in bins] == [(0, 0), (1, 8), (9, 16), (17, 24), (25, 30)]
    assert [b.colour for b in bins] == list(cov.RAMP)
    assert [b.label for b in bins] == ["0", "1–8", "9–16", "17–24", "25–30"]


def test_bins_for_small_ranges_spread_over_the_ramp() -> None:
    assert [(b.lower, b.upper, b.colour) for b in cov.legend_bins("requests_open", [0, 2, None])] == [
        (0, 0, (239, 243, 255)),
        (1, 1, (107, 174, 214)),
        (2, 2, (8, 81, 156)),
    ]
    assert [(b.lower, b.upper) for b in cov.legend_bins("requests_open", [5])] == [(0, 0), (1, 2), (3, 4), (5, 5)]
    assert [b.colour for b in cov.legend_bins("requests_open", [1])] == [(239, 243, 255), (8, 81, 156)]


def test_all_zero_or_missing_values_leave_only_the_zero_bin() -> None:
    assert cov.legend_bins("months_since_last_reached", [None, float("nan"), 0]) == [cov.Bin(0, 0, cov.RAMP[0])]


def test_pillars_always_get_one_bin_per_value() -> None:
    bins = cov.legend_bins("pillars_covered", [1])
    assert [(b.lower, b.upper, b.colour) for b in bins] == [(n, n, cov.RAMP[n]) for n in range(5)]


@pytest.mark.parametrize(
    ("value", "colour"),
    [
        (0, (239, 243, 255)),
        (1, (189, 215, 231)),
        (8, (189, 215, 231)),
        (9, (107, 174, 214)),
        (24, (49, 130, 189)),
        (30, (8, 81, 156)),
        (31, (8, 81, 156)),  # beyond the last bin: darkest
        (None, (253, 219, 199)),  # no value (never reached)
        (float("nan"), (253, 219, 199)),
        (pd.NA, (253, 219, 199)),
    ],
)
def test_colour_for_value(value: object, colour: tuple[int, int, int]) -> None:
    assert cov.colour_for(value, cov.legend_bins("meetings_attended", [30])) == colour


def test_hex_colour() -> None:
    assert cov.hex_colour((239, 243, 255)) == "#eff3ff"
    assert cov.hex_colour((8, 81, 156)) == "#08519c"


def test_legend_frame_and_styler_paint_the_swatches() -> None:
    bins = cov.legend_bins("requests_open", [1])
    frame, colours = cov.legend_frame(bins, [(cov.NEIGHBOUR, "Neighbour")])
    assert frame.to_dict("list") == {"swatch": ["", "", ""], "label": ["0", "1", "Neighbour"]}
    assert colours == ["#eff3ff", "#08519c", "#d9d9d9"]
    html = cov.legend_styler(frame, colours).to_html()
    for colour in colours:
        assert f"background-color: {colour}" in html


# --- dates and selection -----------------------------------------------------------------------------------------


def test_selected_state_reads_the_states_layer_only() -> None:
    picked = {"selection": {"indices": {"states": [1]}, "objects": {"states": [{"iso3": "KGZ", "tip": "..."}]}}}
    assert cov.selected_state(picked, ("KAZ", "KGZ")) == "KGZ"
    assert cov.selected_state(picked, ("KAZ",)) is None  # outside the State filter
    venue = {"selection": {"indices": {"venues": [0]}, "objects": {"venues": [{"lon": 1, "lat": 2}]}}}
    assert cov.selected_state(venue, ("KAZ", "KGZ")) is None
    assert cov.selected_state({"selection": {"indices": {}, "objects": {}}}, ("KAZ",)) is None
    assert cov.selected_state(None, ("KAZ",)) is None


# --- layer records hold only what they draw ---------------------------------------------------------------------


def test_state_records_fill_by_measure_outline_the_focus_and_carry_only_drawn_keys() -> None:
    frame = states_frame()
    bins = cov.legend_bins("meetings_attended", frame["meetings_attended"])
    records = cov.state_records(BOUNDARIES, frame, "meetings_attended", bins, "29 Nov 2026", focus="KAZ")
    assert [set(r) for r in records] == [{"polygon", "iso3", "fill", "line", "width", "tip"}] * 2
    kaz, uzb = records
    assert kaz["fill"] == [8, 81, 156, 235] and kaz["line"] == [20, 20, 20, 255] and kaz["width"] == 3
    assert uzb["fill"] == [239, 243, 255, 235] and uzb["line"] == [110, 110, 110, 255] and uzb["width"] == 1
    assert kaz["tip"].splitlines() == [
        "Kazakhstan",
        "Meetings attended: 9 (disputed, not counted: 0)",
        "Pillars covered: 2 (II, III)",
        "Open requests at the end of the period: 1",
        "Assistance matches (not declined): 4",
        "Last reached: 27 Sep 2011 (182 months before 29 Nov 2026)",
        "Click to focus the page on this State",
    ]
    assert uzb["tip"].splitlines()[1:6] == [
        "Meetings attended: 0 (disputed, not counted: 1)",
        "Pillars covered: 0 (–)",
        "Open requests at the end of the period: 3",
        "Assistance matches (not declined): 0",
        "Last reached: not reached in the period",
    ]
    assert "ZZSECRET" not in json.dumps(records)


def test_months_measure_marks_never_reached_and_outside_filter_is_grey() -> None:
    frame = states_frame()
    frame.loc[0, "in_filter"] = False
    bins = cov.legend_bins("months_since_last_reached", frame["months_since_last_reached"])
    kaz, uzb = cov.state_records(BOUNDARIES, frame, "months_since_last_reached", bins, "29 Nov 2026")
    assert kaz["fill"] == [217, 217, 217, 235]
    assert kaz["tip"] == "Kazakhstan\nOutside the State filter: not measured"
    assert uzb["fill"] == [253, 219, 199, 235]


def test_neighbours_and_labels() -> None:
    neighbours = cov.neighbour_records(BOUNDARIES, ["KAZ", "UZB"])
    assert neighbours == [{"polygon": SQUARE}, {"polygon": SQUARE}]  # RUS: one record per part, polygon only
    labels = cov.label_records(BOUNDARIES, {"KAZ": "Kazakhstan"})
    assert labels == [{"position": [61.0, 41.0], "name": "Kazakhstan"}]


def test_venue_radius() -> None:
    assert cov.venue_radius(None) == 4.0
    assert cov.venue_radius(pd.NA) == 4.0
    assert cov.venue_radius(0) == 5.0
    assert cov.venue_radius(25) == 11.0
    assert cov.venue_radius(81) == 15.8


def test_venue_records_keep_only_drawn_keys_largest_first() -> None:
    venues = pd.DataFrame(
        {
            "event_id": ["A", "B", "C"],
            "title": ["Almaty meeting", "Demo: training", "No venue"],
            "start_date": pd.to_datetime(["2011-07-21", "2015-05-12", "2016-01-01"]),
            "city": ["Almaty", "Bishkek", None],
            "latitude": [43.24, 42.87, None],
            "longitude": [76.89, 74.57, None],
            "participants": pd.array([None, 25, 10], dtype="Int64"),
            "states_attended": [["KAZ"], ["KGZ"], []],
            "is_synthetic": [False, True, False],
            "summary": ["ZZSECRET"] * 3,
        }
    )
    records = cov.venue_records(venues)
    assert records == [
        {
            "lon": 74.57,
            "lat": 42.87,
            "radius": 11.0,
            "fill": [255, 236, 200, 220],
            "tip": "Demo: training\n12 May 2015 · Bishkek\nParticipants: 25\nSynthetic demonstration data",
        },
        {
            "lon": 76.89,
            "lat": 43.24,
            "radius": 4.0,
            "fill": [230, 159, 0, 220],
            "tip": "Almaty meeting\n21 Jul 2011 · Almaty\nParticipants: not recorded\nSourced",
        },
    ]


def test_no_venue_gives_no_record() -> None:
    venues = pd.DataFrame(columns=["latitude", "longitude", "participants", "is_synthetic", "title"])
    assert cov.venue_records(venues) == []


def test_arc_widths() -> None:
    assert cov.arc_width(1, 1) == 1.0
    assert cov.arc_width(1, 10) == 1.0
    assert cov.arc_width(10, 10) == 6.0
    assert cov.arc_width(4, 7) == 3.5


def test_arc_records_keep_only_drawn_keys_and_skip_providers_without_a_seat() -> None:
    flows = pd.DataFrame(
        {
            "provider_id": ["EU", "UNODC", "X"],
            "provider_name": ["European Union", "UNODC", "No seat"],
            "state_id": ["TKM", "KAZ", "KAZ"],
            "state_name": ["Turkmenistan", "Kazakhstan", "Kazakhstan"],
            "provider_latitude": [50.85, 48.21, None],
            "provider_longitude": [4.35, 16.37, None],
            "state_latitude": [37.94, 51.17, 51.17],
            "state_longitude": [58.38, 71.45, 71.45],
            "matches_proposed": [3, 1, 9],
            "matches_delivered": [2, 0, 0],
            "matches_proposed_synthetic": [3, 0, 9],
            "feedback": ["ZZSECRET"] * 3,
        }
    )
    assert cov.arc_records(flows) == [
        {
            "source": [4.35, 50.85],
            "target": [58.38, 37.94],
            "width": 6.0,
            "tip": "European Union → Turkmenistan\nMatches (not declined): 3, of which delivered: 2\n"
            "Synthetic demonstration data",
        },
        {
            "source": [16.37, 48.21],
            "target": [71.45, 51.17],
            "width": 1.0,
            "tip": "UNODC → Kazakhstan\nMatches (not declined): 1, of which delivered: 0\nSourced",
        },
    ]


# --- the deck -----------------------------------------------------------------------------------------------------


def build() -> pdk.Deck:
    frame = states_frame()
    bins = cov.legend_bins("meetings_attended", frame["meetings_attended"])
    deck = cov.build_deck(
        states=cov.state_records(BOUNDARIES, frame, "meetings_attended", bins, "1 Dec 2015"),
        neighbours=cov.neighbour_records(BOUNDARIES, ["KAZ", "UZB"]),
        labels=cov.label_records(BOUNDARIES, {"KAZ": "Kazakhstan"}),
        venues=[{"lon": 1.0, "lat": 2.0, "radius": 4.0, "fill": [1, 2, 3, 4], "tip": "v"}],
        arcs=[{"source": [1.0, 2.0], "target": [3.0, 4.0], "width": 1.0, "tip": "a"}],
    )
    return deck


def test_deck_is_offline_with_a_text_tooltip() -> None:
    deck = build()
    spec = json.loads(deck.to_json())
    assert spec.get("mapProvider") is None
    # pydeck's sentinel, which Streamlit drops without fetching a style (map_style=None would fetch Carto's)
    assert spec["mapStyle"] == "__MAP_STYLE__"
    text = deck.to_json().lower()
    assert "mapbox" not in text and "carto" not in text and "http" not in text
    assert deck._tooltip == {"text": "{tip}"}
    assert "html" not in deck._tooltip
    assert spec["initialViewState"] == {"latitude": 43.0, "longitude": 65.0, "zoom": 3.3, "pitch": 0, "bearing": 0}


def test_deck_layers_in_order_with_only_drawn_columns_and_literal_units() -> None:
    spec = json.loads(build().to_json())
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert [layer["id"] for layer in spec["layers"]] == list(cov.LAYER_IDS)
    keys = {name: {k for row in layer["data"] for k in row} for name, layer in layers.items()}
    assert keys == {
        "neighbours": {"polygon"},
        "states": {"polygon", "iso3", "fill", "line", "width", "tip"},
        "arcs": {"source", "target", "width", "tip"},
        "venues": {"lon", "lat", "radius", "fill", "tip"},
        "labels": {"position", "name"},
    }
    assert layers["venues"]["radiusUnits"] == "pixels"  # not "@@=pixels", which deck.gl would not read as a unit
    assert layers["arcs"]["widthUnits"] == "pixels"
    assert layers["states"]["pickable"] is True and layers["arcs"]["pickable"] is False


def test_empty_layers_are_left_out() -> None:
    frame = states_frame()
    bins = cov.legend_bins("meetings_attended", frame["meetings_attended"])
    deck = cov.build_deck(cov.state_records(BOUNDARIES, frame, "meetings_attended", bins, "1 Dec 2015"), [], [], [], [])
    assert [layer["id"] for layer in json.loads(deck.to_json())["layers"]] == ["neighbours", "states"]


def test_state_table_lists_the_states_in_the_filter_or_the_focus_state() -> None:
    frame = states_frame().assign(
        meetings_attended_synthetic=0,
        requests_open_at_end_synthetic=0,
        matches_proposed_synthetic=0,
    )
    assert cov.state_table(frame, None)["state_id"].tolist() == ["KAZ", "UZB"]
    assert cov.state_table(frame, "UZB")["state_id"].tolist() == ["UZB"]
    frame.loc[0, "in_filter"] = False
    assert cov.state_table(frame, None)["state_id"].tolist() == ["UZB"]
    # nothing else reaches the browser: the last meeting's date as known, kept in ISO form with its precision
    assert list(cov.state_table(frame, None).columns) == [
        *cov.STATE_TABLE,
        "last_reached_iso",
        "last_reached_precision",
    ]


def test_the_last_meeting_shows_at_the_precision_it_is_known() -> None:
    frame = states_frame().assign(
        meetings_attended_synthetic=0, requests_open_at_end_synthetic=0, matches_proposed_synthetic=0
    )
    frame.loc[0, ["last_reached", "last_reached_precision"]] = [pd.Timestamp("2010-12-01"), "month"]
    table = cov.state_table(frame, None)
    assert table.loc[0, "last_reached"] == "Dec 2010"
    assert table.loc[0, "last_reached_iso"] == "2010-12-01"
    assert "Dec 2010" in cov.state_tip(frame.iloc[0].to_dict(), "29 Nov 2026")
