"""Coverage map builders: colour ramp and legend bins, layer records, tooltip text and the offline pydeck deck.

Pure functions, no Streamlit. Every layer gets plain records holding only the keys it draws (Streamlit sends a
layer's whole data to the browser), the tooltip is a `{"text": ...}` template (never "html"), and the deck has no
basemap (`map_provider=None`): the countries are drawn from the shipped boundaries file. Text from
messages/en/coverage_map.toml; the figures from dashboard/queries/coverage_map_*.sql (the measure layer).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pydeck as pdk

from dashboard.cache import shared_figure
from dashboard.charts.common import date_at_precision, dated, present
from dashboard.charts.meetings import event_link
from dashboard.i18n import t

Colour = tuple[int, int, int]

#: Sequential blues (ColorBrewer "Blues", 5 classes): the first, very light, is kept for zero.
RAMP: tuple[Colour, ...] = ((239, 243, 255), (189, 215, 231), (107, 174, 214), (49, 130, 189), (8, 81, 156))
#: Which ramp colours n positive bins use: spread over the ramp, the highest bin always the darkest.
POSITIVE_SHADES: Mapping[int, tuple[int, ...]] = {1: (4,), 2: (2, 4), 3: (2, 3, 4), 4: (1, 2, 3, 4)}
NEIGHBOUR: Colour = (217, 217, 217)  # neighbours and States outside the State filter: neutral grey
NO_VALUE: Colour = (253, 219, 199)  # a State never reached in the period (months since last reached has no value)
OUTLINE: Colour = (255, 255, 255)  # between neighbours
STATE_OUTLINE: Colour = (110, 110, 110)  # the five States stand out even when shaded "0" (very light)
FOCUS_OUTLINE: Colour = (20, 20, 20)
VENUE: Colour = (230, 159, 0)  # Okabe-Ito orange: stands out on the blues
VENUE_SYNTHETIC: Colour = (255, 236, 200)  # synthetic venues are hollow: a pale fill inside the orange ring
ARC_SOURCE: Colour = (204, 121, 167)  # Okabe-Ito reddish purple, faint at the provider's seat ...
ARC_TARGET: Colour = (106, 27, 154)  # ... deepening to dark purple at the requesting State's capital

#: The measures a State can be shaded by (catalogue keys, and the columns of coverage_map_states).
MEASURES = ("meetings_attended", "pillars_covered", "requests_open_at_end", "months_since_last_reached")
FIXED_BINS = {"pillars_covered": 4}  # 0-4 pillars: one bin per value, whatever the data

VIEW = {"latitude": 43.0, "longitude": 65.0, "zoom": 3.3}
TOOLTIP = {"text": "{tip}"}
#: Arcs rise above the ground, so the depth test would draw them over venues and names laid later: skip it there.
ON_TOP = {"depthCompare": "always"}
UNKNOWN_PARTICIPANTS_RADIUS = 4.0  # pixels: events with no participant count recorded
LAYER_IDS = ("neighbours", "states", "arcs", "venues", "labels")  # drawing order, bottom to top


def literal(text: str) -> str:
    """A string prop deck.gl must read as text: pydeck turns a bare string into an accessor ("@@=pixels", which
    deck.gl evaluates per object to nothing, so "pixels" would silently fall back to another unit). Quoted, pydeck
    strips the quotes and passes the text as it is."""
    return f'"{text}"'


@dataclass(frozen=True)
class Bin:
    lower: int
    upper: int
    colour: Colour

    @property
    def label(self) -> str:
        return f"{self.lower}" if self.lower == self.upper else f"{self.lower}–{self.upper}"

    def holds(self, value: float) -> bool:
        return self.lower <= value <= self.upper


def hex_colour(colour: Colour) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def legend_bins(measure: str, values: Iterable[object]) -> list[Bin]:
    """Zero on its own (very light), then up to four equal-width integer bins up to the largest value."""
    present = [v for v in values if v is not None and not pd.isna(v)]
    top = FIXED_BINS.get(measure, max([0, *(math.ceil(float(v)) for v in present)]))
    bins = [Bin(0, 0, RAMP[0])]
    if top <= 0:
        return bins
    step = math.ceil(top / 4)
    edges = [(lower, min(lower + step - 1, top)) for lower in range(1, top + 1, step)]
    shades = POSITIVE_SHADES[len(edges)]
    return bins + [Bin(lo, hi, RAMP[shade]) for (lo, hi), shade in zip(edges, shades, strict=True)]


def colour_for(value: object, bins: Sequence[Bin]) -> Colour:
    """The bin colour of a value; NO_VALUE when there is none (never reached)."""
    if value is None or pd.isna(value):
        return NO_VALUE
    number = float(value)
    for item in bins:
        if item.holds(number):
            return item.colour
    return bins[-1].colour if number > bins[-1].upper else bins[0].colour


def selected_state(state: object, allowed: Iterable[str]) -> str | None:
    """The State picked on the map: st.pydeck_chart's selection {"selection": {"objects": {layer: [obj]}}}."""
    if not isinstance(state, Mapping):
        return None
    selection = state.get("selection") or {}
    objects = (selection.get("objects") or {}) if isinstance(selection, Mapping) else {}
    picked = objects.get("states") or []
    code = picked[0].get("iso3") if picked and isinstance(picked[0], Mapping) else None
    return code if code in set(allowed) else None


# --- geometry -------------------------------------------------------------------------------------------------


def load_boundaries(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _polygons(geometry: Mapping[str, Any]) -> list[list[list[list[float]]]]:
    """A feature's polygons, each a list of rings (outer first): MultiPolygons become one entry per part."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def label_position(geometry: Mapping[str, Any]) -> list[float]:
    """Area-weighted centroid of the largest polygon's outer ring (good enough to place a name)."""
    rings = [polygon[0] for polygon in _polygons(geometry)]

    def area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        area /= 2
        return abs(area), cx / (6 * area), cy / (6 * area)

    _, x, y = max((area_centroid(ring) for ring in rings), key=lambda item: item[0])
    return [round(x, 2), round(y, 2)]


# --- tooltip text -----------------------------------------------------------------------------------------------


def _date(value: object) -> str:
    return pd.Timestamp(value).strftime("%d %b %Y")


def _count(value: object) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def state_tip(row: Mapping[str, Any], as_of: str) -> str:
    if not row["in_filter"]:
        return t("coverage_map.tip_state_outside", name=row["name_en"])
    reached = pd.notna(row["last_reached"])
    last = (
        t(
            "coverage_map.tip_last_reached",
            date=date_at_precision(row["last_reached"], row.get("last_reached_precision") or "day"),
            months=_count(row["months_since_last_reached"]),
            as_of=as_of,
        )
        if reached
        else t("coverage_map.tip_never_reached")
    )
    return t(
        "coverage_map.tip_state",
        name=row["name_en"],
        meetings=_count(row["meetings_attended"]),
        disputed=_count(row["meetings_disputed"]),
        pillars=_count(row["pillars_covered"]),
        pillar_list=row["pillar_list"] or "–",
        requests=_count(row["requests_open_at_end"]),
        matches=_count(row["matches_proposed"]),
        last=last,
    )


def _kind(synthetic: object) -> str:
    return t("coverage_map.tip_synthetic" if synthetic else "coverage_map.tip_sourced")


def venue_tip(row: Mapping[str, Any]) -> str:
    participants = row["participants"]
    return t(
        "coverage_map.tip_venue",
        title=row["title"],
        date=date_at_precision(row["start_date"], row.get("date_precision", "day")),
        city=row["city"] if isinstance(row["city"], str) and row["city"] else "–",
        participants=t("coverage_map.tip_not_recorded") if pd.isna(participants) else f"{int(participants):,}",
        kind=_kind(row["is_synthetic"]),
    )


def flow_tip(row: Mapping[str, Any]) -> str:
    return t(
        "coverage_map.tip_flow",
        provider=row["provider_name"],
        state=row["state_name"],
        matches=_count(row["matches_proposed"]),
        delivered=_count(row["matches_delivered"]),
        kind=_kind(_count(row["matches_proposed_synthetic"])),
    )


# --- layer records: only what each layer draws ------------------------------------------------------------------


def state_records(
    boundaries: Mapping[str, Any],
    states: pd.DataFrame,
    measure: str,
    bins: Sequence[Bin],
    as_of: str,
    focus: str | None = None,
) -> list[dict[str, Any]]:
    """One record per polygon of a Central Asian State: polygon, iso3 (read back on selection), fill, line, tip.

    states: one row per State (coverage_map_states) with iso3, name_en, in_filter, the four measures and the
    tooltip figures (meetings_disputed, pillar_list, last_reached, matches_proposed).
    """
    by_iso = {row["iso3"]: row for row in states.to_dict("records")}
    records = []
    for feature in boundaries["features"]:
        row = by_iso.get(feature["properties"]["iso3"])
        if row is None:
            continue
        fill = colour_for(row[measure], bins) if row["in_filter"] else NEIGHBOUR
        focused = focus is not None and row["iso3"] == focus
        for polygon in _polygons(feature["geometry"]):
            records.append(
                {
                    "polygon": polygon,
                    "iso3": row["iso3"],
                    "fill": [*fill, 235],
                    "line": [*(FOCUS_OUTLINE if focused else STATE_OUTLINE), 255],
                    "width": 3 if focused else 1,
                    "tip": state_tip(row, as_of),
                }
            )
    return records


def neighbour_records(boundaries: Mapping[str, Any], measured: Iterable[str]) -> list[dict[str, Any]]:
    """The other countries of the boundaries file, as plain polygons (grey, not pickable)."""
    skip = set(measured)
    return [
        {"polygon": polygon}
        for feature in boundaries["features"]
        if feature["properties"]["iso3"] not in skip
        for polygon in _polygons(feature["geometry"])
    ]


def label_records(boundaries: Mapping[str, Any], names: Mapping[str, str]) -> list[dict[str, Any]]:
    """A name label for each measured State: position and text."""
    return [
        {"position": label_position(feature["geometry"]), "name": names[feature["properties"]["iso3"]]}
        for feature in boundaries["features"]
        if feature["properties"]["iso3"] in names
    ]


def venue_radius(participants: object) -> float:
    """Pixels: grows with the square root of participants, so area follows the count; a small fixed dot when
    no count was recorded."""
    if participants is None or pd.isna(participants):
        return UNKNOWN_PARTICIPANTS_RADIUS
    return round(5 + 1.2 * math.sqrt(max(float(participants), 0.0)), 1)


def place_tip(row: Mapping[str, Any]) -> str:
    participants = row["participants"]
    return t(
        "coverage_map.tip_place",
        city=row["city"] if isinstance(row["city"], str) and row["city"] else "–",
        meetings=int(row["meetings"]),
        first=_date(row["first_date"]),
        last=_date(row["last_date"]),
        participants=t("coverage_map.tip_not_recorded") if pd.isna(participants) else f"{int(participants):,}",
        kind=_kind(row["is_synthetic"]),
    )


def place_records(venues: pd.DataFrame) -> list[dict[str, Any]]:
    """One record per place (coordinates to 3 decimals, about 100 m) and kind (sourced, synthetic): what the map draws
    when there are too many meetings to draw one by one (settings.MAP_MAX_VENUES; 40,010 meetings at 11 places at
    scale 1000 made a 9.5 MB layer). The dot's area follows the number of meetings there."""
    drawable = venues[venues["latitude"].notna() & venues["longitude"].notna()].assign(
        lat=lambda f: f["latitude"].astype(float).round(3), lon=lambda f: f["longitude"].astype(float).round(3)
    )
    if drawable.empty:
        return []
    places = (
        drawable.groupby(["lat", "lon", "is_synthetic"], as_index=False)
        .agg(
            city=("city", "first"),
            meetings=("event_id", "size"),
            participants=("participants", lambda p: p.sum() if p.notna().any() else None),
            first_date=("start_date", "min"),
            last_date=("start_date", "max"),
        )
        .sort_values("meetings", ascending=False)
    )
    most = int(places["meetings"].max())
    return [
        {
            "lon": float(row["lon"]),
            "lat": float(row["lat"]),
            "radius": round(5 + 25 * math.sqrt(int(row["meetings"]) / most), 1),
            "fill": [*(VENUE_SYNTHETIC if row["is_synthetic"] else VENUE), 220],
            "tip": place_tip(row),
        }
        for row in places.to_dict("records")
    ]


def venue_records(venues: pd.DataFrame) -> list[dict[str, Any]]:
    """One record per event with a venue: lon, lat, radius, fill, tip. Largest first, so small dots stay on top."""
    drawable = venues[venues["latitude"].notna() & venues["longitude"].notna()]
    records = [
        {
            "lon": round(float(row["longitude"]), 4),
            "lat": round(float(row["latitude"]), 4),
            "radius": venue_radius(row["participants"]),
            "fill": [*(VENUE_SYNTHETIC if row["is_synthetic"] else VENUE), 220],
            "tip": venue_tip(row),
        }
        for row in drawable.to_dict("records")
    ]
    return sorted(records, key=lambda r: -r["radius"])


def arc_width(matches: int, most: int) -> float:
    """Pixels: 1 for one match up to 6 for the largest flow shown."""
    if most <= 1:
        return 1.0
    return round(1 + 5 * (matches - 1) / (most - 1), 1)


def arc_records(flows: pd.DataFrame) -> list[dict[str, Any]]:
    """One record per provider -> State flow with coordinates at both ends: source, target, width, tip."""
    drawable = flows[
        flows["provider_latitude"].notna()
        & flows["provider_longitude"].notna()
        & flows["state_latitude"].notna()
        & flows["state_longitude"].notna()
    ]
    most = int(drawable["matches_proposed"].max()) if not drawable.empty else 0
    return [
        {
            "source": [float(row["provider_longitude"]), float(row["provider_latitude"])],
            "target": [float(row["state_longitude"]), float(row["state_latitude"])],
            "width": arc_width(int(row["matches_proposed"]), most),
            "tip": flow_tip(row),
        }
        for row in drawable.to_dict("records")
    ]


# --- the deck ---------------------------------------------------------------------------------------------------


@shared_figure
def build_deck(
    states: list[dict[str, Any]],
    neighbours: list[dict[str, Any]],
    labels: list[dict[str, Any]] | None = None,
    venues: list[dict[str, Any]] | None = None,
    arcs: list[dict[str, Any]] | None = None,
) -> pdk.Deck:
    """The offline deck: no basemap, country polygons drawn from the records, a text-only tooltip.

    Layers with no records are left out (the page says why). Every layer has an id: selections need one.
    """
    layers = [
        pdk.Layer(
            "PolygonLayer",
            id="neighbours",
            data=neighbours,
            get_polygon="polygon",
            get_fill_color=[*NEIGHBOUR, 255],
            get_line_color=[*OUTLINE, 255],
            line_width_units=literal("pixels"),
            get_line_width=1,
            stroked=True,
            filled=True,
            pickable=False,
        ),
        pdk.Layer(
            "PolygonLayer",
            id="states",
            data=states,
            get_polygon="polygon",
            get_fill_color="fill",
            get_line_color="line",
            get_line_width="width",
            line_width_units=literal("pixels"),
            stroked=True,
            filled=True,
            pickable=True,
            auto_highlight=True,
        ),
    ]
    if arcs:
        layers.append(
            pdk.Layer(
                "ArcLayer",
                id="arcs",
                data=arcs,
                get_source_position="source",
                get_target_position="target",
                get_source_color=[*ARC_SOURCE, 90],
                get_target_color=[*ARC_TARGET, 210],
                get_width="width",
                width_units=literal("pixels"),
                great_circle=True,
                # Not pickable: dozens of arcs converge on the capitals and would catch every click meant for a
                # State. Each flow is listed in the page's table instead.
                pickable=False,
            )
        )
    if venues:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id="venues",
                data=venues,
                get_position=["lon", "lat"],
                get_radius="radius",
                radius_units=literal("pixels"),
                get_fill_color="fill",
                get_line_color=[*VENUE, 255],
                line_width_units=literal("pixels"),
                get_line_width=2,
                stroked=True,
                filled=True,
                pickable=True,
                parameters=ON_TOP,
            )
        )
    if labels:
        layers.append(
            pdk.Layer(
                "TextLayer",
                id="labels",
                data=labels,
                get_position="position",
                get_text="name",
                get_size=13,
                get_color=[33, 33, 33, 255],
                background=True,
                get_background_color=[255, 255, 255, 200],
                background_padding=[3, 1],
                font_family=literal("Source Sans Pro, Arial, sans-serif"),
                pickable=False,
                parameters=ON_TOP,
            )
        )
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(**VIEW, pitch=0, bearing=0),
        # No basemap and no request to a tile server. Leave map_style at pydeck's default: it serialises as the
        # "__MAP_STYLE__" sentinel, which Streamlit drops; map_style=None would drop the key and Streamlit would
        # then fetch a Carto basemap from the internet.
        map_provider=None,
        tooltip=dict(TOOLTIP),
    )


def legend_frame(bins: Sequence[Bin], extra: Sequence[tuple[Colour, str]] = ()) -> tuple[pd.DataFrame, list[str]]:
    """The legend as a two-column table (swatch, label) and the swatch colours, one per row."""
    rows = [(item.colour, item.label) for item in bins] + list(extra)
    frame = pd.DataFrame({"swatch": [""] * len(rows), "label": [label for _, label in rows]})
    return frame, [hex_colour(colour) for colour, _ in rows]


def legend_styler(frame: pd.DataFrame, colours: Sequence[str]) -> Any:
    """A pandas Styler painting each swatch cell with its colour (st.dataframe shows cell backgrounds)."""

    def paint(data: pd.DataFrame) -> pd.DataFrame:
        styles = pd.DataFrame("", index=data.index, columns=data.columns)
        styles["swatch"] = [f"background-color: {colour}" for colour in colours]
        return styles

    return frame.style.apply(paint, axis=None)


#: The columns of the table of figures by State, in order.
STATE_TABLE = (
    "state_id",
    "name_en",
    "meetings_attended",
    "meetings_attended_synthetic",
    "meetings_disputed",
    "pillars_covered",
    "pillar_list",
    "requests_open_at_end",
    "requests_open_at_end_synthetic",
    "last_reached",
    "months_since_last_reached",
    "matches_proposed",
    "matches_proposed_synthetic",
)


def state_table(states: pd.DataFrame, focus: str | None) -> pd.DataFrame:
    """The figures by State as listed: the States in the filter (only the focus State when one is chosen), the last
    meeting's date as precisely as it is known."""
    shown = states[states["in_filter"] & ((states["state_id"] == focus) if focus else True)]
    table = shown[[*STATE_TABLE, "last_reached_precision"]].reset_index(drop=True)
    return dated(table, "last_reached", precision="last_reached_precision", shown="last_reached")


def venue_table(venues: pd.DataFrame) -> pd.DataFrame:
    """The venues drawn on the map, as listed."""
    drawn = venues[venues["has_venue"]].reset_index(drop=True)
    columns = ["start_date", "date_precision", "title", "city", "participants", "states_attended", "is_synthetic"]
    table = dated(drawn[present(drawn, columns)], "start_date", shown="start_date")
    table.insert(1, "meeting", drawn["event_id"].map(event_link) if "event_id" in drawn else None)
    return table


def flow_table(flows: pd.DataFrame) -> pd.DataFrame:
    """The assistance flows drawn on the map, as listed."""
    drawn = flows[flows["has_seat"]]
    return drawn[
        ["provider_name", "state_name", "matches_proposed", "matches_delivered", "matches_proposed_synthetic"]
    ].reset_index(drop=True)
