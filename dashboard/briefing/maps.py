"""The coverage map as a static Plotly figure: the same shipped shapes, shading and flows as the page's offline deck.

Plotly's geo charts fetch their outlines from a CDN, so the countries are drawn as filled polygons on plain lon/lat
axes (equal scale) from data/geo/boundaries.geojson. Flows are straight lines from the provider's seat to the
requesting State's capital, clipped at the frame. The United Nations boundary disclaimer is written on the image.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard import settings
from dashboard.charts import coverage_map as cm
from dashboard.i18n import t
from dashboard.text import plotly as plotly_text

FRAME = {"lon": (44.0, 90.0), "lat": (33.0, 56.5)}  # Central Asia and its neighbours, as the page's initial view


def _polygons(geometry: Mapping[str, Any]) -> list[list[list[float]]]:
    """Outer rings of a feature's polygons."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def _ring_trace(ring: list[list[float]], fill: str, line: str, width: float) -> go.Scatter:
    return go.Scatter(
        x=[p[0] for p in ring],
        y=[p[1] for p in ring],
        mode="lines",
        fill="toself",
        fillcolor=fill,
        line={"color": line, "width": width},
        hoverinfo="skip",
        showlegend=False,
    )


def map_figure(states: pd.DataFrame, flows: pd.DataFrame, names: Mapping[str, str], focus: str | None) -> go.Figure:
    """States (coverage_map_states) shaded by meetings attended, neighbours grey, flows (coverage_map_flows)."""
    boundaries = cm.load_boundaries(settings.BOUNDARIES)
    by_iso = {row["iso3"]: row for row in states.to_dict("records")}
    bins = cm.legend_bins("meetings_attended", states.loc[states["in_filter"], "meetings_attended"])
    figure = go.Figure()
    for feature in boundaries["features"]:
        iso = feature["properties"]["iso3"]
        row = by_iso.get(iso)
        if row is None:
            fill, line, width = cm.NEIGHBOUR, cm.OUTLINE, 0.8
        else:
            fill = cm.colour_for(row["meetings_attended"], bins) if row["in_filter"] else cm.NEIGHBOUR
            line, width = (cm.FOCUS_OUTLINE, 2.5) if iso == focus else (cm.STATE_OUTLINE, 1.0)
        for ring in _polygons(feature["geometry"]):
            figure.add_trace(_ring_trace(ring, cm.hex_colour(fill), cm.hex_colour(line), width))
    most = int(flows["matches_proposed"].max()) if not flows.empty else 0
    for row in flows[flows["has_seat"].astype(bool)].to_dict("records") if not flows.empty else []:
        figure.add_trace(
            go.Scatter(
                x=[row["provider_longitude"], row["state_longitude"]],
                y=[row["provider_latitude"], row["state_latitude"]],
                mode="lines",
                line={"color": cm.hex_colour(cm.ARC_TARGET), "width": cm.arc_width(int(row["matches_proposed"]), most)},
                opacity=0.4,
                hoverinfo="skip",
                showlegend=False,
            )
        )
    labels = [r for r in cm.label_records(boundaries, {i: names.get(i, i) for i in by_iso})]
    figure.add_trace(
        go.Scatter(
            x=[r["position"][0] for r in labels],
            y=[r["position"][1] for r in labels],
            mode="text",
            text=[plotly_text(r["name"]) for r in labels],
            textfont={"size": 13, "color": "#222222"},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    for item in bins:  # the legend: one swatch per shading bin
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "square", "size": 14, "color": cm.hex_colour(item.colour), "line": {"width": 1}},
                name=item.label,
            )
        )
    figure.update_layout(
        width=1000,
        height=620,
        margin={"l": 5, "r": 5, "t": 5, "b": 60},
        plot_bgcolor="#cfdfe9",
        paper_bgcolor="white",
        font={"family": "DejaVu Sans, Arial, sans-serif", "size": 12},
        legend={"title": {"text": t("briefing.col_meetings")}, "orientation": "h", "y": 0.02, "x": 0.01},
        annotations=[
            {
                "text": t("briefing.map_disclaimer"),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.07,
                "xanchor": "left",
                "showarrow": False,
                "font": {"size": 11, "color": "#444444"},
            }
        ],
    )
    figure.update_xaxes(range=FRAME["lon"], visible=False)
    figure.update_yaxes(range=FRAME["lat"], visible=False, scaleanchor="x", scaleratio=1.3)
    return figure
