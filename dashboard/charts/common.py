"""Shared chart vocabulary: colours (Okabe-Ito, safe for colour-blind readers), layout defaults, key figures.

Every builder takes its display text one way: messages through t("<page stem>.<key>") (and common.*), data
through dashboard.text (escaped), vocabulary labels (from the warehouse) as dicts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from dashboard.i18n import t

PILLAR_COLOURS = {"I": "#0072B2", "II": "#E69F00", "III": "#009E73", "IV": "#CC79A7", "none": "#999999"}
STAGE_COLOURS = ["#1f5f8b", "#2f7fb0", "#56B4E9", "#009E73", "#006d4f"]
FONT = "Source Sans Pro, Arial, sans-serif"
ILLUSTRATIVE_MARK = "illustrative_mark"  # the annotation's name (one per figure, whatever redraws it)


def base_layout(figure: go.Figure, height: int = 360, legend_title: str | None = None) -> go.Figure:
    figure.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font={"family": FONT, "size": 13},
        legend={"title": {"text": legend_title} if legend_title else None, "orientation": "h", "y": -0.15},
        plot_bgcolor="white",
        hoverlabel={"font_size": 12},
    )
    figure.update_xaxes(showgrid=True, gridcolor="#eeeeee")
    figure.update_yaxes(showgrid=True, gridcolor="#eeeeee")
    return figure


def present(frame: pd.DataFrame, columns: Sequence[str]) -> list[str]:
    """Those of the columns the frame has (a table keeps its synthetic counts when its query gives them)."""
    return [column for column in columns if column in frame.columns]


def synthetic_count(frame: pd.DataFrame, column: str) -> pd.Series:
    """A count of synthetic rows as integers (zero where the query gave none)."""
    if column not in frame.columns:
        return pd.Series(0, index=frame.index, dtype=int)
    return frame[column].fillna(0).astype(int)


@dataclass(frozen=True)
class KeyFigure:
    """One key figure: a measure of the catalogue (its name is the label, its definition the help text), this
    period's value and, when compared, the value of the period before."""

    measure: str
    value: float | None
    previous: float | None = None
    percent: bool = False
    lower_is_better: bool = False
    text: str | None = None  # shown instead of the number (e.g. "3 of 5")

    @property
    def delta(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


def _number(frame: pd.DataFrame | None, column: str) -> float | None:
    if frame is None or frame.empty or pd.isna(frame.iloc[0][column]):
        return None
    return float(frame.iloc[0][column])


def key_figures(
    current: pd.DataFrame,
    measures: Sequence[str],
    previous: pd.DataFrame | None = None,
    percent: Iterable[str] = (),
    lower_is_better: Iterable[str] = (),
) -> list[KeyFigure]:
    """One KeyFigure per measure, read from the column of that name in a one-row frame (and in the previous
    period's frame when there is one)."""
    percent, lower = set(percent), set(lower_is_better)
    return [
        KeyFigure(key, _number(current, key), _number(previous, key), key in percent, key in lower) for key in measures
    ]


def format_value(figure: KeyFigure) -> str:
    """The value as shown: 1,234; 75%; n/a for a share of nothing; – for a value that does not exist."""
    if figure.text is not None:
        return figure.text
    if figure.value is None:
        return t("common.not_applicable") if figure.percent else "–"
    return f"{figure.value:.0%}" if figure.percent else f"{figure.value:,.0f}"


def format_delta(figure: KeyFigure) -> str | None:
    """The change since the period before: +3, or +25 pts for a share; None without a comparison."""
    if figure.delta is None:
        return None
    if figure.percent:
        return t("common.delta_points", delta=f"{figure.delta * 100:+.0f}")
    return f"{figure.delta:+,.0f}"


def mark_illustrative(figure: go.Figure, synthetic_rows: int) -> go.Figure:
    """When synthetic rows count in a figure, a large "Illustrative data" mark across its plot area (an annotation,
    so a screenshot and a PNG export keep it); none when they do not. Idempotent: a cached figure drawn twice keeps
    one mark."""
    kept = [a for a in figure.layout.annotations if getattr(a, "name", None) != ILLUSTRATIVE_MARK]
    if bool(synthetic_rows) == (len(kept) < len(figure.layout.annotations)):
        return figure  # already as it should be: a figure shared between sessions (dashboard/cache.py) stays untouched
    if synthetic_rows:
        kept.append(
            go.layout.Annotation(
                name=ILLUSTRATIVE_MARK,
                text=t("common.illustrative_mark"),
                xref="paper",
                yref="paper",
                x=0.5,
                y=0.5,
                showarrow=False,
                textangle=-18,
                font={"size": 40, "color": "rgba(200, 30, 30, 0.3)", "family": FONT},
            )
        )
    figure.layout.annotations = kept
    return figure


#: Where a map's corner label sits: this many pixels in from the top-left corner of its first view, for a map of
#: the assumed size (the coverage map is 640 px high and about 700 px wide; wider maps put it further in).
MAP_CORNER_PX = (40, 40)
MAP_ASSUMED_PX = (700, 640)


def _corner_position(view: object) -> list[float]:
    """Longitude and latitude of the point MAP_CORNER_PX in from the top-left of the view (Web Mercator, 512-px
    world at zoom 0, as deck.gl draws it)."""
    zoom = float(getattr(view, "zoom", 3) or 3)
    longitude, latitude = float(getattr(view, "longitude", 0)), float(getattr(view, "latitude", 0))
    world = 512 * 2**zoom
    x = (longitude + 180) / 360 * world - (MAP_ASSUMED_PX[0] / 2 - MAP_CORNER_PX[0])
    y_centre = (1 - math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2)) / math.pi) / 2 * world
    y = y_centre - (MAP_ASSUMED_PX[1] / 2 - MAP_CORNER_PX[1])
    corner_longitude = x / world * 360 - 180
    corner_latitude = math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * y / world))) - math.pi / 2)
    return [round(corner_longitude, 3), round(corner_latitude, 3)]


def label_map_illustrative(deck: pdk.Deck, synthetic_rows: int) -> pdk.Deck:
    """When synthetic rows count in a map, an "Illustrative data" label in its top-left corner (a text layer drawn
    on top, so a screenshot keeps it); none when they do not. Idempotent, like mark_illustrative."""
    deck.layers = [layer for layer in deck.layers if getattr(layer, "id", None) != ILLUSTRATIVE_MARK]
    if synthetic_rows:
        deck.layers.append(
            pdk.Layer(
                "TextLayer",
                id=ILLUSTRATIVE_MARK,
                data=[{"position": _corner_position(deck.initial_view_state), "text": t("common.illustrative_mark")}],
                get_position="position",
                get_text="text",
                get_size=20,
                get_color=[180, 30, 30, 255],
                get_text_anchor='"start"',
                get_alignment_baseline='"top"',
                background=True,
                get_background_color=[255, 255, 255, 230],
                background_padding=[6, 3],
                font_family='"Source Sans Pro, Arial, sans-serif"',
                font_weight='"bold"',
                pickable=False,
                parameters={"depthCompare": "always"},
            )
        )
    return deck


SYNTHETIC_SOURCE = "synthetic:"  # what the demo generator writes where a real row cites its source


def source_described(cited: object, sources: dict[str, tuple[str, str]]) -> tuple[str | None, str | None]:
    """A cited source's title and type in words; a demo row's generator mark said to be no source; (None, None) for
    a source not listed."""
    if not isinstance(cited, str) or not cited.strip():
        return None, None
    if cited.startswith(SYNTHETIC_SOURCE):
        return t("common.source_synthetic_title"), t("common.source_synthetic_type")
    return sources.get(cited, (None, None))


def with_source_titles(frame: pd.DataFrame, sources: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """A table citing sources (as `source` link + `source_ref` text, see dashboard.text) with the title and the type
    of each source before them: a document reference reads as its title and type, never as an empty cell."""
    if "source_ref" not in frame.columns or "source_title" in frame.columns:
        return frame
    cited = (
        frame["source"].where(frame["source"].notna(), frame["source_ref"])
        if "source" in frame
        else frame["source_ref"]
    )
    described = [source_described(c, sources) for c in cited]
    out = frame.copy()
    at = list(out.columns).index("source") if "source" in out.columns else list(out.columns).index("source_ref")
    out.insert(at, "source_type", [kind for _, kind in described])
    out.insert(at, "source_title", [title for title, _ in described])
    return out


def date_at_precision(value: object, precision: object = "day") -> str | None:
    """A date as precisely as it is known: "21 Jul 2011", "Dec 2010" (known to the month: stored on the 1st), "2010"
    (known to the year). Never an exact day for a date known only to the month or year."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    day = pd.Timestamp(value)
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return day.strftime("%b %Y")
    return f"{day.day} {day.strftime('%b %Y')}"


def dated(frame: pd.DataFrame, column: str, precision: str = "date_precision", shown: str = "date") -> pd.DataFrame:
    """A table with its dates as known (`shown`, text at the date's precision) in place of `column`, which stays
    for sorting and downloads as `<column>_iso` (the first day of the month or year when only that is known) beside
    `<column>_precision` (day, month or year)."""
    precisions = frame[precision] if precision in frame.columns else pd.Series("day", index=frame.index)
    out = frame.copy()
    at = list(out.columns).index(column)
    iso = pd.to_datetime(out.pop(column)).dt.strftime("%Y-%m-%d")
    out.insert(at, shown, [date_at_precision(v, p) for v, p in zip(frame[column], precisions, strict=True)])
    if precision in out.columns:
        out.pop(precision)
    out[f"{column}_iso"] = iso
    out[f"{column}_precision"] = precisions.fillna("day").to_numpy()
    return out
