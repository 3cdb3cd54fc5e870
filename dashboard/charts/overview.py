"""Overview builders: the event timeline coloured by pillar (single events or monthly totals) and the latest changes.

Pure: DataFrames (from dashboard/queries/overview_*.sql) and label dicts in, figures and display frames out. Text
from messages/en/overview.toml; data through dashboard.text.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.cache import shared_figure
from dashboard.charts.common import PILLAR_COLOURS, base_layout, date_at_precision, dated
from dashboard.i18n import t
from dashboard.text import plotly as plotly_text
from dashboard.text import reference, web_link

PILLAR_ROWS = ("I", "II", "III", "IV", "none")  # top to bottom; 'none': no pillar recorded


def _row_label(pillar: str, pillar_labels: dict[str, str]) -> str:
    return plotly_text(pillar_labels.get(pillar, t("overview.no_pillar")))


def _pillar_rows(figure: go.Figure, pillar_labels: dict[str, str]) -> go.Figure:
    """The timelines' shared frame: one row per pillar, top to bottom in PILLAR_ROWS order, no legend."""
    figure = base_layout(figure, height=320)
    figure.update_yaxes(
        categoryorder="array",
        categoryarray=[_row_label(p, pillar_labels) for p in reversed(PILLAR_ROWS)],
    )
    figure.update_layout(showlegend=False)
    return figure


def _participants(value: object) -> str:
    return t("overview.participants_not_recorded") if pd.isna(value) else f"{value:.0f}"


def _precisions(frame: pd.DataFrame) -> pd.Series:
    return frame["date_precision"] if "date_precision" in frame else pd.Series("day", index=frame.index)


def timeline_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The events drawn, as listed: dates as precisely as they are known."""
    return dated(frame, "start_date", shown="start_date")


@shared_figure
def timeline(frame: pd.DataFrame, pillar_labels: dict[str, str], type_labels: dict[str, str]) -> go.Figure:
    """Events on a time axis, one row per pillar they addressed; marker size by participants."""
    figure = go.Figure()
    for pillar in PILLAR_ROWS:
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
                        [date_at_precision(d, p) for d, p in zip(part["start_date"], _precisions(part), strict=True)],
                        part["city"].fillna("–").map(plotly_text),
                        part["event_type"].map(lambda code: plotly_text(type_labels.get(code, code))),
                        part["participants"].map(_participants),
                        part["is_synthetic"].map(lambda s: t("overview.synthetic_event" if s else "overview.sourced")),
                        strict=True,
                    )
                ),
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]} · %{customdata[2]}<br>%{customdata[3]}"
                "<br>" + t("overview.hover_participants") + ": %{customdata[4]}<br>%{customdata[5]}<extra></extra>",
            )
        )
    return _pillar_rows(figure, pillar_labels)


@shared_figure
def timeline_monthly(frame: pd.DataFrame, pillar_labels: dict[str, str]) -> go.Figure:
    """Monthly totals on the time axis, one row per pillar; marker area by number of events in the month.

    Used instead of timeline() when single events would be too many to draw (tens of thousands of points make a
    page slow to build and megabytes to send)."""
    figure = go.Figure()
    largest = max(int(frame["events_held"].max()), 1) if not frame.empty else 1
    for pillar in PILLAR_ROWS:
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
                    "size": (6 + 30 * (part["events_held"] / largest) ** 0.5).round(1).tolist(),
                    "opacity": 0.7,
                    "line": {"width": 1, "color": PILLAR_COLOURS[pillar]},
                },
                customdata=list(zip(part["events_held"], part["events_held_synthetic"], strict=True)),
                hovertemplate="<b>%{x|%b %Y}</b><br>" + t("overview.hover_month") + "<extra></extra>",
            )
        )
    return _pillar_rows(figure, pillar_labels)


def changes_table(changes: pd.DataFrame) -> pd.DataFrame:
    """The latest changes as shown: what kind of change in words, and the source as a link only when it is a web
    address (anything else a source field holds is shown as text)."""
    return pd.DataFrame(
        {
            "change_date": changes["change_date"],
            "date_precision": changes.get("date_precision", "day"),
            "kind": changes["kind"].map(lambda kind: t(f"overview.kind_{kind}")),
            "states": changes["states"],
            "description": changes["description"],
            "source": changes["source_url"].map(web_link),
            "source_ref": changes["source_url"].map(reference),
            "is_synthetic": changes["is_synthetic"].astype(bool),
        }
    ).pipe(dated, "change_date", shown="change_date")
