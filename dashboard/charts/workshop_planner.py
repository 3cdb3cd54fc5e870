"""Workshop planner builders: coverage matrices (States x areas, States x pillars), the States not reached lately,
and the shortlist of focus pairs with each score explained in words.

Pure: DataFrames (from dashboard/queries/workshop_planner_*.sql) and label dicts in, figures and display frames out.
The words rank gaps in coverage, never States' performance. shortlist_table() is the shortlist as a table, for this
page and for a briefing pack (give it the workshop_planner_shortlist query's rows).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.common import base_layout
from dashboard.i18n import t
from dashboard.text import plotly as plotly_text


@dataclass(frozen=True)
class Weights:
    """The shortlist's weights: per unmet request item, per Joint Plan item not completed, per year since covered."""

    unmet: float = 3.0
    jpoa: float = 2.0
    months: float = 1.0  # per year (12 months) since the State was last covered on the topic

    def params(self) -> dict[str, float]:
        return {"w_unmet": float(self.unmet), "w_jpoa": float(self.jpoa), "w_months": float(self.months)}


DEFAULT_WEIGHTS = Weights()
DEFAULT_MONTHS = 24  # "not reached in the last N months"
DEFAULT_SIZE = 10  # shortlist length


def topic_label(dimension: str, topic: str, area_labels: dict[str, str], pillar_labels: dict[str, str]) -> str:
    labels = area_labels if dimension == "area" else pillar_labels
    return labels.get(topic, topic)


def kind_label(dimension: str) -> str:
    """The kind of topic in words: "Assistance area" or "Strategy pillar" (the code stays in `dimension`)."""
    return t(f"workshop_planner.dimension_{dimension}")


def _count(n: int, key: str, **values: object) -> str:
    return t(f"workshop_planner.{key}{'_one' if n == 1 else ''}", n=n, **values)


def reason(row: pd.Series, label: str) -> str:
    """Why a pair is on the shortlist, in words: its unmet items, its Joint Plan items, its last coverage."""
    parts: list[str] = []
    if pd.notna(row["items_unmet"]) and int(row["items_unmet"]):
        parts.append(_count(int(row["items_unmet"]), "reason_unmet", topic=label))
    if pd.notna(row["jpoa_not_completed"]) and int(row["jpoa_not_completed"]):
        parts.append(_count(int(row["jpoa_not_completed"]), "reason_jpoa", topic=label))
    if bool(row["never_covered"]):
        parts.append(t("workshop_planner.reason_never", topic=label))
    else:
        parts.append(_count(int(row["months_since_covered"]), "reason_months", topic=label))
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


#: The shortlist's columns, as shown and exported (with synthetic_rows when the scores carry it).
SHORTLIST_COLUMNS = (
    "rank",
    "state_id",
    "state_name",
    "dimension",
    "kind",
    "topic",
    "topic_label",
    "focus_score",
    "items_unmet",
    "jpoa_not_completed",
    "months_since_covered",
    "never_covered",
    "reason",
)


def shortlist_table(scores: pd.DataFrame, area_labels: dict[str, str], pillar_labels: dict[str, str]) -> pd.DataFrame:
    """The shortlist as shown and exported: one row per pair in score order, with its reason in words."""
    if scores.empty:
        return pd.DataFrame(columns=list(SHORTLIST_COLUMNS))
    out = scores.reset_index(drop=True).copy()
    out["topic_label"] = [topic_label(r.dimension, r.topic, area_labels, pillar_labels) for r in out.itertuples()]
    out["kind"] = out["dimension"].map(kind_label)
    out["reason"] = [reason(row, row["topic_label"]) for _, row in out.iterrows()]
    out.insert(0, "rank", range(1, len(out) + 1))
    synthetic = ["synthetic_rows"] if "synthetic_rows" in out.columns else []  # the mark and the download say so
    return out[[*SHORTLIST_COLUMNS, *synthetic]]


def matrix_figure(matrix: pd.DataFrame, labels: dict[str, str], state_names: dict[str, str]) -> go.Figure:
    """A heatmap of months since each State was last covered on each topic; 'never' marked where it never was.
    Darker is longer ago: a gap in coverage, not a score of the State."""
    states = list(dict.fromkeys(matrix["state_id"]))
    topics = list(dict.fromkeys(matrix.sort_values("sort_order")["topic"]))
    cells = matrix.set_index(["state_id", "topic"])
    z, text = [], []
    for state in states:
        z_row, text_row = [], []
        for topic in topics:
            row = cells.loc[(state, topic)]
            never = bool(row["never_covered"])
            months = None if never else int(row["months_since_covered"])
            z_row.append(None if never else months)
            text_row.append(t("workshop_planner.never") if never else str(months))
        z.append(z_row)
        text.append(text_row)
    y = [plotly_text(state_names.get(s, s)) for s in states]
    x = [plotly_text(labels.get(c, c)) for c in topics]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            text=text,
            texttemplate="%{text}",
            colorscale=[[0, "#f2f2f2"], [1, "#3b5b7a"]],
            colorbar={"title": {"text": t("workshop_planner.months_axis")}},
            hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    # "never" cells have no colour of their own: hatch them grey so they read as a gap, not as missing data.
    for i, state in enumerate(states):
        for j, topic in enumerate(topics):
            if bool(cells.loc[(state, topic)]["never_covered"]):
                figure.add_shape(
                    type="rect",
                    x0=j - 0.48,
                    x1=j + 0.48,
                    y0=i - 0.46,
                    y1=i + 0.46,
                    xref="x",
                    yref="y",
                    line={"width": 1, "color": "#B8860B", "dash": "dot"},
                    fillcolor="rgba(230, 159, 0, 0.15)",
                    layer="below",
                )
    # Room above for the slanted topic names, whatever the number of States (one State must still read).
    figure = base_layout(figure, height=190 + 46 * len(states))
    figure.update_layout(margin={"l": 10, "r": 10, "t": 140, "b": 10})
    figure.update_yaxes(autorange="reversed", showgrid=False)
    figure.update_xaxes(showgrid=False, side="top", tickangle=-30)
    return figure


def matrix_table(matrix: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    out = matrix.copy()
    out["topic_label"] = out["topic"].map(lambda c: labels.get(c, c))
    out["kind"] = out["dimension"].map(kind_label)
    return out[
        [
            "state_id",
            "state_name",
            "dimension",
            "kind",
            "topic",
            "topic_label",
            "last_covered",
            "months_since_covered",
            "never_covered",
            "meetings_covering",
            "items_unmet",
            "jpoa_not_completed",
            *(["synthetic_rows"] if "synthetic_rows" in out.columns else []),  # the mark and the download say so
        ]
    ]


def not_reached_table(states: pd.DataFrame) -> pd.DataFrame:
    """The States no meeting reached in the last N months, with when one last did."""
    out = states[~states["reached_recently"].astype(bool)]
    synthetic = [c for c in ("meetings_attended_synthetic",) if c in out.columns]  # the mark and the download say so
    columns = ["state_id", "state_name", "last_reached", "months_since_last_reached", "recent_from", *synthetic]
    return out[columns].reset_index(drop=True)
