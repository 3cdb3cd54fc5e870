"""Shared chart vocabulary: colours (Okabe-Ito, safe for colour-blind readers), layout defaults, key figures.

Every builder takes its display text one way: messages through t("<page stem>.<key>") (and common.*), data
through dashboard.text (escaped), vocabulary labels (from the warehouse) as dicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import t

PILLAR_COLOURS = {"I": "#0072B2", "II": "#E69F00", "III": "#009E73", "IV": "#CC79A7", "none": "#999999"}
STAGE_COLOURS = ["#1f5f8b", "#2f7fb0", "#56B4E9", "#009E73", "#006d4f"]
FONT = "Source Sans Pro, Arial, sans-serif"


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
