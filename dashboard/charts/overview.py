"""Overview figures: key figures with their change, and the event timeline coloured by pillar."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.common import PILLAR_COLOURS, base_layout
from dashboard.text import plotly as plotly_text


@dataclass(frozen=True)
class KeyFigure:
    key: str  # message key suffix
    value: float | None
    previous: float | None
    percent: bool = False
    lower_is_better: bool = False

    @property
    def delta(self) -> float | None:
        if self.value is None or self.previous is None or pd.isna(self.value) or pd.isna(self.previous):
            return None
        return self.value - self.previous


KPI_COLUMNS = (
    ("meetings", False, False),
    ("states_reached", False, False),
    ("requests_received", False, False),
    ("requests_open", False, True),
    ("requests_matched", False, False),
    ("requests_delivered", False, False),
    ("median_days_to_distribute", False, True),
    ("share_within_7_days", True, False),
)


def _value(frame: pd.DataFrame, column: str) -> float | None:
    if frame.empty or pd.isna(frame.iloc[0][column]):
        return None
    return float(frame.iloc[0][column])


def key_figures(current: pd.DataFrame, previous: pd.DataFrame) -> list[KeyFigure]:
    """One KeyFigure per KPI: this period's value and the previous period's (same length, just before)."""
    return [
        KeyFigure(name, _value(current, name), _value(previous, name), pct, lower) for name, pct, lower in KPI_COLUMNS
    ]


def format_value(figure: KeyFigure) -> str:
    if figure.value is None:
        return "–"
    return f"{figure.value:.0%}" if figure.percent else f"{figure.value:,.0f}"


def format_delta(figure: KeyFigure) -> str | None:
    if figure.delta is None:
        return None
    if figure.percent:
        return f"{figure.delta * 100:+.0f} pts"
    return f"{figure.delta:+,.0f}"


PILLAR_ROWS = ("I", "II", "III", "IV", "none")  # top to bottom; 'none': no pillar recorded


def _row_label(pillar: str, pillar_labels: dict[str, str]) -> str:
    return plotly_text(pillar_labels.get(pillar, "No pillar recorded"))


def _pillar_rows(figure: go.Figure, pillar_labels: dict[str, str]) -> go.Figure:
    """The timelines' shared frame: one row per pillar, top to bottom in PILLAR_ROWS order, no legend."""
    figure = base_layout(figure, height=320)
    figure.update_yaxes(
        categoryorder="array",
        categoryarray=[_row_label(p, pillar_labels) for p in reversed(PILLAR_ROWS)],
    )
    figure.update_layout(showlegend=False)
    return figure


def timeline(frame: pd.DataFrame, pillar_labels: dict[str, str], type_labels: dict[str, str]) -> go.Figure:
    """Events on a time axis, one row per pillar they addressed; marker size by participants."""
    figure = go.Figure()
    order = PILLAR_ROWS
    for pillar in order:
        part = frame[frame["pillar"] == pillar]
        if part.empty:
            continue
        label = _row_label(pillar, pillar_labels)
        size = part["participants"].fillna(20).clip(lower=10, upper=120).map(lambda n: 8 + n / 8)
        figure.add_trace(
            go.Scatter(
                x=part["start_date"],
                y=[label] * len(part),
                mode="markers",
                name=label,
                marker={
                    "color": PILLAR_COLOURS[pillar],
                    "size": size,
                    "opacity": 0.85,
                    "symbol": ["diamond-open" if s else "circle" for s in part["is_synthetic"]],
                    "line": {"width": 1.5, "color": PILLAR_COLOURS[pillar]},
                },
                customdata=list(
                    zip(
                        part["title"].map(plotly_text),
                        part["city"].fillna("–").map(plotly_text),
                        part["event_type"].map(lambda code: plotly_text(type_labels.get(code, code))),
                        part["participants"].map(lambda n: "not recorded" if pd.isna(n) else f"{n:.0f}"),
                        part["is_synthetic"].map(lambda s: "synthetic (demo)" if s else "sourced"),
                        strict=True,
                    )
                ),
                hovertemplate="<b>%{customdata[0]}</b><br>%{x|%d %b %Y} · %{customdata[1]}<br>%{customdata[2]}"
                "<br>Participants: %{customdata[3]}<br>%{customdata[4]}<extra></extra>",
            )
        )
    return _pillar_rows(figure, pillar_labels)


def timeline_monthly(frame: pd.DataFrame, pillar_labels: dict[str, str]) -> go.Figure:
    """Monthly totals on the time axis, one row per pillar; marker area by number of events in the month.

    Used instead of timeline() when single events would be too many to draw (tens of thousands of points make a
    page slow to build and megabytes to send)."""
    figure = go.Figure()
    order = PILLAR_ROWS
    largest = max(int(frame["events"].max()), 1) if not frame.empty else 1
    for pillar in order:
        part = frame[frame["pillar"] == pillar]
        if part.empty:
            continue
        label = _row_label(pillar, pillar_labels)
        figure.add_trace(
            go.Scatter(
                x=part["month"],
                y=[label] * len(part),
                mode="markers",
                name=label,
                marker={
                    "color": PILLAR_COLOURS[pillar],
                    "size": (6 + 30 * (part["events"] / largest) ** 0.5).round(1).tolist(),
                    "opacity": 0.7,
                    "line": {"width": 1, "color": PILLAR_COLOURS[pillar]},
                },
                customdata=list(zip(part["events"], part["synthetic_events"], strict=True)),
                hovertemplate="<b>%{x|%b %Y}</b><br>%{customdata[0]:,} events, %{customdata[1]:,} of them synthetic"
                "<extra></extra>",
            )
        )
    return _pillar_rows(figure, pillar_labels)
