"""Funder outputs builders: each funder's outputs by year against the project's phases and milestones, side by side.

Pure: DataFrames (from dashboard/queries/funder_outputs_*.sql) in, figures and display frames out. Funders are always
in alphabetical order of name: side by side, never ranked. Text from messages/en/funder_outputs.toml; data through
dashboard.text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts.common import KeyFigure, base_layout
from dashboard.i18n import t
from dashboard.text import plotly as plotly_text
from dashboard.text import reference, web_link


@dataclass(frozen=True)
class Mark:
    """A date of the Joint Plan of Action project: a milestone (end None) or a phase (a band)."""

    key: str  # its label: funder_outputs.timeline_<key>
    start: dt.date
    end: dt.date | None = None
    month_only: bool = False  # known to the month only (shown as "Sep 2010", never as the 1st)


#: The project "Implementing the UN Global CT Strategy in Central Asia" (the Joint Plan of Action), as
#: /work/shared/brief/DOMAIN.md section 3 gives it (sources: UNIS/INF/393 for the September 2010 launch; the UNRCCA
#: pages joint-plan-action and high-level-meeting-adoption-jpoa for Ashgabat 30 Nov 2011; Phase II Sep 2013 and
#: Phase III Apr 2018 as UNRCCA reports them; the Dushanbe review of 8 Dec 2021 and the Tashkent Declaration of
#: 3 Mar 2022). The expert meetings ran from Bratislava (15 Dec 2010) to Almaty (22 Jul 2011). Month-only dates sit
#: on the 1st with month_only set. Phases end where the next begins; Phase III's band ends at its review.
PROJECT_TIMELINE: tuple[Mark, ...] = (
    Mark("expert_meetings", dt.date(2010, 12, 15), dt.date(2011, 7, 22)),
    Mark("phase_1", dt.date(2010, 9, 1), dt.date(2013, 9, 1), month_only=True),
    Mark("phase_2", dt.date(2013, 9, 1), dt.date(2018, 4, 1), month_only=True),
    Mark("phase_3", dt.date(2018, 4, 1), dt.date(2021, 12, 8), month_only=True),
    Mark("launch", dt.date(2010, 9, 1), month_only=True),
    Mark("adopted", dt.date(2011, 11, 30)),
    Mark("review", dt.date(2021, 12, 8)),
    Mark("updated_plan", dt.date(2022, 3, 3)),
)
PHASE_COLOURS = {"expert_meetings": "#F0E442", "phase_1": "#56B4E9", "phase_2": "#009E73", "phase_3": "#CC79A7"}
SERIES = (
    ("meetings_held", "#0072B2"),
    ("states_reached", "#E69F00"),
    ("requests_matched", "#009E73"),
    ("requests_delivered", "#D55E00"),
)


def mark_date(mark: Mark) -> str:
    """How a timeline date is read: "Sep 2010" when known to the month only, else the day."""
    return mark.start.strftime("%b %Y") if mark.month_only else mark.start.isoformat()


def timeline_table() -> pd.DataFrame:
    """The project timeline as shown under the chart (and downloaded with it)."""
    return pd.DataFrame(
        [
            {
                "label": t(f"funder_outputs.timeline_{m.key}"),
                "start": mark_date(m),
                "end": m.end.isoformat() if m.end else "",
                "kind": t("funder_outputs.kind_phase" if m.end else "funder_outputs.kind_milestone"),
                "is_synthetic": False,  # the project's own timeline, from its sources (DOMAIN.md)
            }
            for m in PROJECT_TIMELINE
        ]
    )


def funder_order(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """(code, name) of the funders, alphabetical by name (then code): the one order every view uses."""
    pairs = frame[["funder", "funder_name"]].drop_duplicates()
    return [(r.funder, r.funder_name) for r in pairs.sort_values(["funder_name", "funder"]).itertuples()]


def _in_range(mark: Mark, first: dt.date, last: dt.date) -> bool:
    return (mark.end or mark.start) >= first and mark.start <= last


def over_time(by_year: pd.DataFrame, funders: pd.DataFrame, start: dt.date, end: dt.date) -> go.Figure:
    """One panel per funder (alphabetical, one above the other, the same axes): its outputs per year as bars, the
    project's phases as bands and its milestones as lines within the period."""
    order = funder_order(funders)
    figure = make_subplots(
        rows=max(1, len(order)),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        subplot_titles=[plotly_text(name) for _, name in order],
    )
    for row, (code, _name) in enumerate(order, start=1):
        part = by_year[by_year["funder"] == code]
        x = [dt.date(int(y), 7, 1) for y in part["year"]]
        for series, colour in SERIES:
            values = part[series]
            if values.isna().all():
                continue  # not recorded for this funder: no bar, the table says so
            figure.add_trace(
                go.Bar(
                    x=x,
                    y=values.fillna(0),
                    name=t(f"funder_outputs.series_{series}"),
                    marker_color=colour,
                    legendgroup=series,
                    showlegend=row == 1,
                    hovertemplate="%{x|%Y}: %{y}<extra>" + t(f"funder_outputs.series_{series}") + "</extra>",
                ),
                row=row,
                col=1,
            )
        for mark in PROJECT_TIMELINE:
            if not _in_range(mark, start, end):
                continue
            label = t(f"funder_outputs.timeline_{mark.key}")
            if mark.end:
                # Label the bands on the first panel only (plotly writes "new text" for an empty annotation).
                labelled = (
                    {
                        "annotation_text": label,
                        "annotation_position": "bottom left" if mark.key == "expert_meetings" else "top left",
                        "annotation_font_size": 10,
                    }
                    if row == 1
                    else {}
                )
                figure.add_vrect(
                    x0=mark.start,
                    x1=mark.end,
                    fillcolor=PHASE_COLOURS[mark.key],
                    opacity=0.12,
                    line_width=0,
                    row=row,
                    col=1,
                    **labelled,
                )
            else:
                figure.add_vline(x=mark.start, line_dash="dot", line_color="#555555", line_width=1, row=row, col=1)
                if row == 1:
                    figure.add_annotation(
                        x=mark.start,
                        y=1.0,
                        yref="y domain",
                        text=label,
                        showarrow=False,
                        textangle=-90,
                        xanchor="right",
                        yanchor="top",
                        font={"size": 10, "color": "#555555"},
                        row=row,
                        col=1,
                    )
    figure = base_layout(figure, height=max(320, 230 * len(order)))
    figure.update_layout(barmode="group", bargap=0.25)
    figure.update_xaxes(range=[start, end], showgrid=False)
    figure.update_yaxes(rangemode="tozero", title_text=None)
    return figure


def summary_table(funders: pd.DataFrame) -> pd.DataFrame:
    """The key figures as a table, one row per funder (alphabetical): numbers, with 'not recorded' said in its own
    column rather than as a zero."""
    out = funders.sort_values(["funder_name", "funder"])[
        [
            "funder",
            "funder_name",
            "meetings_held",
            "participants",
            "meetings_with_participants",
            "states_reached",
            "requests_matched",
            "requests_delivered",
            "is_provider",
            *[c for c in ("meetings_held_synthetic", "matches_synthetic") if c in funders.columns],
        ]
    ].copy()
    out["not_recorded"] = [not_recorded(r.participants, r.is_provider) for r in out.itertuples()]
    return out.drop(columns=["is_provider"]).reset_index(drop=True)


def not_recorded(participants: object, is_provider: bool) -> str:
    """What the data does not attribute to this funder, in words (Joint Plan items never record a funder)."""
    missing = [key for key, gap in (("participants", pd.isna(participants)), ("assistance", not is_provider)) if gap]
    return "; ".join(t(f"funder_outputs.nr_{key}") for key in [*missing, "jpoa"])


def key_figures_of(row: pd.Series, keys: tuple[str, ...]) -> list[KeyFigure]:
    """A funder's key figures (catalogue key funder_<column>); "not recorded" (never 0) where the data attributes
    nothing to it, participants with the number of meetings that record them."""
    shown = []
    for key in keys:
        value = row[key.removeprefix("funder_")]
        if key == "funder_participants":
            text = t("funder_outputs.not_recorded") if pd.isna(value) else None
            shown.append(KeyFigure(key, None if pd.isna(value) else float(value), text=text))
        elif pd.isna(value):
            shown.append(KeyFigure(key, None, text=t("funder_outputs.not_recorded")))
        else:
            shown.append(KeyFigure(key, float(value)))
    return shown


def participants_text(row: pd.Series) -> str:
    """Participants where recorded: the sum and how many meetings record one, or 'not recorded'."""
    if pd.isna(row["participants"]):
        return t("funder_outputs.participants_none")
    return t(
        "funder_outputs.participants_of",
        n=int(row["participants"]),
        k=int(row["meetings_with_participants"]),
        m=int(row["meetings_held"]),
    )


def roles_table(roles: pd.DataFrame, role_labels: dict[str, str]) -> pd.DataFrame:
    out = roles.copy()
    out["role_label"] = out["role"].map(lambda r: role_labels.get(r, r))
    synthetic = [c for c in ("meetings_attended_synthetic",) if c in out.columns]  # the mark and the download say so
    return out[
        ["funder", "funder_name", "state_id", "state_name", "role", "role_label", "meetings_attended", *synthetic]
    ]


def meetings_table(meetings: pd.DataFrame) -> pd.DataFrame:
    out = meetings.copy()
    for column in ("pillars", "areas", "states_attended"):
        out[column] = out[column].map(lambda v: ", ".join(str(x) for x in v))
    # Only http(s) sources become links; any other is shown as text (dashboard.text).
    out["source"] = out["source_url"].map(web_link)
    out["source_ref"] = out["source_url"].map(reference)
    return out.drop(columns=["source_url"])
