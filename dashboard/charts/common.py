"""Shared chart vocabulary: colours (Okabe-Ito, safe for colour-blind readers) and layout defaults."""

from __future__ import annotations

import plotly.graph_objects as go

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
