"""Assistance pipeline figures: the 1540 procedure funnel, days per stage, the one-week distribution rule,
ageing of open requests, requests against offers by area, match rates and one request's timeline.

Pure builders: DataFrames (from dashboard/queries/assistance_pipeline_*.sql) and label dicts in, frames and Plotly
figures out. No st.*; every visible string comes from messages/en/assistance_pipeline.toml.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.cache import shared_figure
from dashboard.charts.common import STAGE_COLOURS, base_layout, present
from dashboard.i18n import t
from dashboard.text import markdown as markdown_text
from dashboard.text import plotly as plotly_text

#: The procedure's stages, in order (pipeline_funnel.stage).
STAGES = ("received", "acknowledged", "distributed", "matched", "delivered")
#: The stage intervals whose days are drawn (pipeline_stage_days.stage), in order.
INTERVALS = ("acknowledge", "distribute", "match", "deliver")
#: Age buckets of open requests, youngest first (request_rows.age_bucket: whole calendar months waited).
AGE_BUCKETS = ("lt_3m", "3_12m", "1_2y", "2_5y", "gt_5y")

STATE_COLOURS = {"KAZ": "#0072B2", "KGZ": "#E69F00", "TJK": "#009E73", "TKM": "#CC79A7", "UZB": "#56B4E9"}
OTHER_COLOUR = "#999999"
WITHIN_COLOUR = "#009E73"
LATE_COLOUR = "#D55E00"
UNMET_COLOUR = "#D55E00"
GAP_MEASURES = (  # column, colour: requested and offered side by side, then what came of the requests
    ("items_requested", "#1f5f8b"),
    ("offers_available", "#E69F00"),
    ("items_matched", "#56B4E9"),
    ("items_delivered", "#009E73"),
    ("items_unmet", UNMET_COLOUR),
)
MAX_NAME = 42


def _m(key: str, **values: object) -> str:
    return t(f"assistance_pipeline.{key}", **values)


def _share_text(part: float, whole: float) -> str:
    return _m("share_text", part=int(part), whole=int(whole))


def _short(name: str) -> str:
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1].rstrip() + "…"


# --- 1. funnel -------------------------------------------------------------------------------------------------


def funnel_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The funnel as drawn: stage label, requests, share of requests received (the first stage)."""
    columns = present(frame, ["stage_order", "stage", "requests", "synthetic_rows"])
    out = frame.sort_values("stage_order")[columns].reset_index(drop=True)
    received = out.loc[out["stage"] == "received", "requests"].sum()
    out["share_of_received"] = out["requests"] / received if received else np.nan
    out.insert(2, "stage_label", out["stage"].map(lambda s: _m(f"stage_{s}")))
    return out


@shared_figure
def funnel(frame: pd.DataFrame) -> go.Figure:
    """Requests that reached each stage by the period end, with the share of requests received."""
    text = [
        f"{n:,} ({share:.0%})" if pd.notna(share) else f"{n:,}"
        for n, share in zip(frame["requests"], frame["share_of_received"], strict=True)
    ]
    figure = go.Figure(
        go.Funnel(
            y=frame["stage_label"].tolist(),
            x=frame["requests"].tolist(),
            text=text,
            textinfo="text",
            textposition="inside",
            marker={"color": STAGE_COLOURS[: len(frame)]},
            connector={"fillcolor": "#e9eef3", "line": {"color": "#e9eef3"}},
            customdata=frame["share_of_received"].tolist(),
            hovertemplate="<b>%{y}</b><br>"
            + _m("hover_requests")
            + ": %{x:,}<br>"
            + _m("hover_share_received")
            # "%{customdata:.0%}" is a d3 format: the share as a whole percentage
            + ": %{customdata:.0%}<extra></extra>",
        )
    )
    figure = base_layout(figure, height=330)
    figure.update_layout(showlegend=False, margin={"l": 10, "r": 10, "t": 10, "b": 10})
    return figure


# --- 2. days per stage ---------------------------------------------------------------------------------------------


def stage_points(points: pd.DataFrame) -> pd.DataFrame:
    """The requests drawn as dots, each with its stage interval in words."""
    out = points.copy()
    out.insert(2, "interval", out["stage"].map(lambda s: _m(f"interval_{s}")))
    return out


def stage_summary(summary: pd.DataFrame) -> pd.DataFrame:
    """The per-stage summary as listed, each with its stage interval in words."""
    return stage_points(summary)


@shared_figure
def stage_days(points: pd.DataFrame, summary: pd.DataFrame, distribution_rule_days: int | None = None) -> go.Figure:
    """One panel per stage interval, each with its own day scale: the box is drawn from the SQL summary
    (quartiles, median, dashed mean, whiskers = minimum and maximum), the dots are the requests. With
    distribution_rule_days, the receipt -> distribution panel carries the one-week rule as a line."""
    present = [s for s in INTERVALS if s in set(summary["stage"])]
    stats = summary.set_index("stage")
    titles = [f"<b>{_m(f'interval_{s}_short')}</b><br>{_stats_line(stats.loc[s])}" for s in present]
    figure = make_subplots(rows=1, cols=max(len(present), 1), subplot_titles=titles, horizontal_spacing=0.07)
    for column, stage in enumerate(present, start=1):
        colour = STAGE_COLOURS[column]
        row = stats.loc[stage]
        label = _m(f"interval_{stage}_short")
        figure.add_trace(
            go.Box(
                x=[label],
                q1=[row["q1_days"]],
                median=[row["median_days"]],
                q3=[row["q3_days"]],
                lowerfence=[row["min_days"]],
                upperfence=[row["max_days"]],
                mean=[row["mean_days"]],
                name=label,
                boxpoints=False,
                fillcolor="rgba(86,180,233,0.25)",
                line={"color": colour},
                hoverinfo="y",
                showlegend=False,
            ),
            row=1,
            col=column,
        )
        part = points[points["stage"] == stage]
        figure.add_trace(
            go.Box(
                x=[label] * len(part),
                y=part["days"].tolist(),
                name=label,
                boxpoints="all",
                jitter=0.6,
                pointpos=0,
                fillcolor="rgba(0,0,0,0)",
                line={"color": "rgba(0,0,0,0)"},
                marker={"color": colour, "size": 5, "opacity": 0.6},
                hoveron="points",
                customdata=list(
                    zip(part["request_id"].map(plotly_text), part["state_name"].map(plotly_text), strict=True)
                ),
                hovertemplate="<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{y} "
                + _m("days_unit")
                + "<extra></extra>",
                showlegend=False,
            ),
            row=1,
            col=column,
        )
        figure.update_yaxes(title_text=_m("axis_days"), title_standoff=4, rangemode="tozero", row=1, col=column)
        figure.update_xaxes(showticklabels=False, row=1, col=column)
        if stage == "distribute" and distribution_rule_days is not None:
            figure.add_hline(
                y=distribution_rule_days,
                line={"color": LATE_COLOUR, "dash": "dash", "width": 1.5},
                annotation={"text": _m("rule_days_line", days=distribution_rule_days), "font": {"color": LATE_COLOUR}},
                annotation_position="top right",
                row=1,
                col=column,
            )
    figure = base_layout(figure, height=420)
    figure.update_layout(showlegend=False, margin={"l": 10, "r": 10, "t": 95, "b": 10})
    figure.update_annotations(font_size=12)
    return figure


def _days(value: float) -> str:
    return f"{value:g}"


def _stats_line(row: pd.Series) -> str:
    return _m(
        "interval_title_stats",
        median=_days(row["median_days"]),
        q1=_days(row["q1_days"]),
        q3=_days(row["q3_days"]),
        n=int(row["requests"]),
    )


# --- 3. the one-week rule --------------------------------------------------------------------------------------


@shared_figure
def rule_by_year(frame: pd.DataFrame, distribution_rule_days: int) -> go.Figure:
    """Share distributed within one week per year of receipt, 'n of m' on each bar, the rule as a line at 100%.
    A year whose requests are all not yet due (or withdrawn before distribution) has no bar, and says so."""
    shares = frame["share_within_rule"].astype("float64")
    text = [
        _share_text(w, j) if j else _m("nothing_judged")
        for w, j in zip(frame["within_rule"], frame["judged"], strict=True)
    ]
    figure = go.Figure(
        go.Bar(
            x=frame["year"].astype(str).tolist(),
            y=shares.fillna(0).tolist(),
            text=text,
            textposition="outside",
            constraintext="none",
            textfont={"size": 12},
            cliponaxis=False,
            marker={"color": [WITHIN_COLOUR if s == 1 else "#0072B2" for s in shares.fillna(0)]},
            customdata=list(
                zip(frame["within_rule"], frame["late"], frame["pending"], frame["not_judged"], strict=True)
            ),
            hovertemplate="<b>%{x}</b><br>"
            + _m("hover_within", days=distribution_rule_days)
            + ": %{customdata[0]}<br>"
            + _m("hover_late")
            + ": %{customdata[1]}<br>"
            + _m("hover_pending")
            + ": %{customdata[2]}<br>"
            + _m("hover_not_judged")
            + ": %{customdata[3]}<extra></extra>",
        )
    )
    figure.add_hline(y=1, line={"color": LATE_COLOUR, "dash": "dash", "width": 1.5})
    figure.add_annotation(
        x=0,
        xref="paper",
        xanchor="left",
        y=1.0,
        yref="paper",
        yanchor="bottom",
        text=_m("rule_line", days=distribution_rule_days),
        showarrow=False,
        font={"color": LATE_COLOUR, "size": 12},
    )
    figure = base_layout(figure, height=340)
    figure.update_layout(margin={"t": 40})
    figure.update_yaxes(
        title_text=_m("axis_share_within", days=distribution_rule_days),
        tickformat=".0%",
        tickvals=[0, 0.25, 0.5, 0.75, 1],
        range=[0, 1.22],
    )
    figure.update_xaxes(title_text=_m("axis_year_received"), type="category", tickangle=0)
    figure.update_layout(showlegend=False)
    return figure


def late_table(late: pd.DataFrame, status_labels: dict[str, str]) -> pd.DataFrame:
    """The late requests as listed: the status in words, and 'not by period end' for a distribution still awaited."""
    return late.assign(
        status=late["status"].map(lambda s: status_labels.get(s, s)),
        distributed_date=pd.to_datetime(late["distributed_date"])
        .dt.strftime("%Y-%m-%d")
        .fillna(_m("not_distributed_by_end")),
    )


# --- 4. ageing -------------------------------------------------------------------------------------------------


def ageing_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Open requests per age bucket x State as drawn: buckets in order, youngest first, then by State."""
    out = frame.assign(bucket_order=frame["age_bucket"].map(AGE_BUCKETS.index))
    out["age_label"] = out["age_bucket"].map(lambda key: _m(f"age_{key}"))
    out = out.sort_values(["bucket_order", "state_id"]).reset_index(drop=True)
    return out[
        present(
            out,
            ["bucket_order", "age_label", "state_id", "state_name", "requests", "oldest_open_days", "synthetic_rows"],
        )
    ]


@shared_figure
def ageing(counts: pd.DataFrame) -> go.Figure:
    """Open requests by the time they had waited at the period end, stacked by State."""
    figure = go.Figure()
    order = [_m(f"age_{key}") for key in AGE_BUCKETS]
    for (state_id, state_name), part in counts.groupby(["state_id", "state_name"], sort=True):
        name = plotly_text(state_name)
        figure.add_trace(
            go.Bar(
                x=part["age_label"].tolist(),
                y=part["requests"].tolist(),
                name=name,
                marker={"color": STATE_COLOURS.get(state_id, OTHER_COLOUR)},
                hovertemplate="<b>" + name + "</b><br>%{x}: %{y} " + _m("requests_unit") + "<extra></extra>",
            )
        )
    figure = base_layout(figure, height=340, legend_title=_m("legend_state"))
    figure.update_layout(barmode="stack", legend={"traceorder": "normal"})
    figure.update_xaxes(
        title_text=_m("axis_age"),
        type="category",
        categoryorder="array",
        categoryarray=order,
        range=[-0.5, len(order) - 0.5],
    )
    figure.update_yaxes(title_text=_m("axis_open_requests"), dtick=1 if counts["requests"].sum() <= 10 else None)
    return figure


# --- 5. requests versus offers by area ---------------------------------------------------------------------------


def gap_frame(frame: pd.DataFrame, area_labels: dict[str, str]) -> pd.DataFrame:
    """Per area, as drawn: area label, items requested, offers available, items matched, delivered, unmet, and
    the share of items matched."""
    out = frame.sort_values(["sort_order", "area"], na_position="last").reset_index(drop=True)
    out.insert(1, "area_label", out["area"].map(lambda a: area_labels.get(a, a)))
    return out[
        present(
            out,
            [
                "area",
                "area_label",
                *[column for column, _ in GAP_MEASURES],
                "share_items_matched",
                "items_requested_synthetic",
                "offers_available_synthetic",
            ],
        )
    ]


@shared_figure
def gap(frame: pd.DataFrame) -> go.Figure:
    """Grouped horizontal bars per area; unmet items (open, no match) in a warning colour, outlined and labelled."""
    figure = go.Figure()
    areas = [plotly_text(label) for label in frame["area_label"]]
    # horizontal groups stack their first trace at the bottom: add them in reverse so each group reads top-down
    for column, colour in reversed(GAP_MEASURES):
        unmet = column == "items_unmet"
        figure.add_trace(
            go.Bar(
                y=areas,
                x=frame[column].tolist(),
                name=_m(f"measure_{column}"),
                orientation="h",
                marker={"color": colour, "line": {"color": "#7a2e00", "width": 1.5 if unmet else 0}},
                text=[str(v) if v else "" for v in frame[column]] if unmet else None,
                textposition="outside" if unmet else None,
                textfont={"color": UNMET_COLOUR, "size": 13} if unmet else None,
                hovertemplate="<b>%{y}</b><br>" + _m(f"measure_{column}") + ": %{x}<extra></extra>",
            )
        )
    figure = base_layout(figure, height=120 + 75 * max(len(frame), 1))
    figure.update_layout(barmode="group", bargap=0.2, bargroupgap=0.05, legend={"traceorder": "reversed"})
    figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(areas)))
    figure.update_xaxes(title_text=_m("axis_count"))
    return figure


# --- 6. match rates --------------------------------------------------------------------------------------------


def area_match_rate(gap_table: pd.DataFrame) -> pd.DataFrame:
    """Per area with items requested: the share of its items matched by the period end (item_figures)."""
    out = gap_table[gap_table["items_requested"] > 0]
    columns = ["area_label", "items_requested", "items_matched", "share_items_matched", "items_requested_synthetic"]
    return out[present(out, columns)].reset_index(drop=True)


def provider_take_up(frame: pd.DataFrame) -> pd.DataFrame:
    """Per provider with offers available: the share of its offers taken up by the period end (offer_figures)."""
    out = frame[frame["offers_available"] > 0]
    columns = [
        "provider_id",
        "provider_name",
        "offers_available",
        "offers_taken_up",
        "share_taken_up",
        "synthetic_rows",
    ]
    return out[present(out, columns)].reset_index(drop=True)


@shared_figure
def share_bars(
    frame: pd.DataFrame,
    label_column: str,
    part_column: str,
    whole_column: str,
    share_column: str,
    unit_key: str,
    axis_key: str,
) -> go.Figure:
    """Horizontal bars of a share (0-100%), 'n of m' on each, in the frame's order (top to bottom)."""
    labels = frame[label_column].tolist()
    shown = [plotly_text(_short(name)) for name in labels]  # cut first: a cut must never split an entity
    figure = go.Figure(
        go.Bar(
            y=shown,
            x=frame[share_column].astype("float64").tolist(),
            orientation="h",
            text=[_share_text(p, w) for p, w in zip(frame[part_column], frame[whole_column], strict=True)],
            textposition="outside",
            constraintext="none",
            textfont={"size": 12},
            cliponaxis=False,
            marker={"color": "#56B4E9", "line": {"color": "#1f5f8b", "width": 1}},
            customdata=list(zip(map(plotly_text, labels), frame[part_column], frame[whole_column], strict=True)),
            hovertemplate="<b>%{customdata[0]}</b><br>%{x:.0%} · %{customdata[1]} / %{customdata[2]} "
            + _m(unit_key)
            + "<extra></extra>",
        )
    )
    figure = base_layout(figure, height=110 + 28 * max(len(frame), 1))
    figure.update_xaxes(title_text=_m(axis_key), tickformat=".0%", tickvals=[0, 0.25, 0.5, 0.75, 1], range=[0, 1.15])
    figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(shown)), automargin=True)
    figure.update_layout(showlegend=False)
    return figure


# --- 7. one request's timeline -----------------------------------------------------------------------------------

STEP_SYMBOLS = {
    "received": "circle",
    "acknowledged": "square",
    "distributed": "diamond",
    "closed": "x",
    "withdrawn": "x",
    "proposed": "circle-open",
    "delivered": "star",
}


def timeline_frame(frame: pd.DataFrame, match_status_labels: dict[str, str]) -> pd.DataFrame:
    """The request's dated steps with the lane and step labels they are drawn with."""
    out = frame.copy()
    request_lane = _m("lane_request")
    out["lane_label"] = [
        request_lane
        if lane == "request"
        else _m("lane_match", item=int(item), provider=provider, status=match_status_labels.get(status, status or ""))
        for lane, item, provider, status in zip(
            out["lane"], out["item_no"], out["provider_name"], out["match_status"], strict=True
        )
    ]
    out["step_label"] = out["step"].map(lambda s: _m(f"step_{s}"))
    return out[
        present(out, ["lane_order", "lane_label", "match_id", "step", "step_label", "step_date", "is_synthetic"])
    ]


#: Steps closer than this share of the timeline's span share one label (the first step's place).
CLOSE_SHARE = 0.04


def _cluster_labels(dates: list, labels: list[str], close: pd.Timedelta) -> list[str]:
    """One label per group of steps closer than `close` to the group's first step, e.g. 'Received · Distributed'
    (a few rows per request: a plain loop is clearer than a vectorised one)."""
    out = [""] * len(labels)
    head = None
    for i, (when, label) in enumerate(zip(dates, labels, strict=True)):
        if head is None or when - dates[head] > close:
            head = i
            out[i] = label
        else:
            out[head] += " · " + label
    return out


@shared_figure
def request_timeline(
    frame: pd.DataFrame, received: dt.date, distribution_rule_days: int, period_end: dt.date
) -> go.Figure:
    """Gantt-like lanes: the procedure steps on top, then one lane per match (proposed -> delivered); a dashed line
    marks the distribution deadline (receipt + rule days) and a dotted one the period end."""
    figure = go.Figure()
    lanes = frame.drop_duplicates("lane_order").sort_values("lane_order")["lane_label"].tolist()
    span = (frame["step_date"].max() - frame["step_date"].min()) if not frame.empty else pd.Timedelta(0)
    middle = frame["step_date"].min() + span / 2 if not frame.empty else None
    for order, part in frame.groupby("lane_order", sort=True):
        part = part.sort_values("step_date")
        lane = [plotly_text(label) for label in part["lane_label"]]
        labels = _cluster_labels(part["step_date"].tolist(), part["step_label"].tolist(), span * CLOSE_SHARE)
        colour = STAGE_COLOURS[1] if order == 0 else STAGE_COLOURS[3]
        figure.add_trace(
            go.Scatter(
                x=part["step_date"].tolist(),
                y=lane,
                mode="lines+markers+text",
                line={"color": colour, "width": 6 if order else 3},
                marker={
                    "size": 13,
                    "color": colour,
                    "symbol": [STEP_SYMBOLS.get(s, "circle") for s in part["step"]],
                    "line": {"width": 2, "color": colour},
                },
                text=labels,
                # alternate above / below so neighbouring labels do not overprint; run them towards the middle
                textposition=[
                    ("top", "bottom")[i % 2] + (" left" if when > middle else " right")
                    for i, when in enumerate(part["step_date"])
                ],
                textfont={"size": 12},
                customdata=part["step_label"].tolist(),
                hovertemplate="<b>%{customdata}</b> %{x|%d %b %Y}<br>%{y}<extra></extra>",
                showlegend=False,
            )
        )
    deadline = pd.Timestamp(received) + pd.Timedelta(days=distribution_rule_days)
    lines = [(deadline, _m("deadline_line", days=distribution_rule_days), "dash", LATE_COLOUR)]
    if not frame.empty and pd.Timestamp(period_end) < pd.Timestamp(frame["step_date"].max()):
        # only when some step came after the period end: otherwise the line would just stretch the axis
        lines.append((pd.Timestamp(period_end), _m("period_end_line"), "dot", "#555555"))
    for when, label, dash, colour in lines:
        figure.add_shape(
            type="line", x0=when, x1=when, xref="x", y0=0, y1=1, yref="paper", line={"color": colour, "dash": dash}
        )
        figure.add_annotation(
            x=when, xref="x", y=1, yref="paper", yanchor="bottom", text=label, showarrow=False,
            font={"color": colour, "size": 11},
        )  # fmt: skip
    dates = [pd.Timestamp(d) for d in frame["step_date"]] + [when for when, *_ in lines]
    first, last = min(dates), max(dates)
    pad = max((last - first) * 0.06, pd.Timedelta(days=2))
    figure = base_layout(figure, height=170 + 70 * max(len(lanes), 1))
    figure.update_yaxes(
        categoryorder="array",
        categoryarray=[plotly_text(label) for label in reversed(lanes)],
        automargin=True,
        range=[-0.7, len(lanes) - 0.3],
    )
    figure.update_xaxes(title_text=_m("axis_date"), type="date", range=[first - pad, last + pad])
    figure.update_layout(margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return figure


def request_options(options: pd.DataFrame) -> dict[str, str]:
    """request id -> how the picker lists it ("R-KAZ-1 · Kazakhstan · 2012-03-01"), newest first as queried."""
    return {
        row.request_id: _m("request_option", id=row.request_id, state=row.state_name, date=row.received_date.date())
        for row in options.itertuples()
    }


def default_request(options: pd.DataFrame) -> int:
    """The picker's default: the newest request matched by the period end (so the timeline shows the whole
    procedure), else the newest."""
    matched = options.index[options["matched_by_end"].astype(bool)]
    return int(matched[0]) if len(matched) else 0


def request_facts(detail: pd.Series, status_labels: dict[str, str]) -> str:
    """One line of markdown: the chosen request as it stood at the period end (data escaped)."""
    distributed = (
        _m("fact_not_distributed")
        if pd.isna(detail["days_to_distribute"])
        else _m("fact_distributed_after", days=int(detail["days_to_distribute"]))
    )
    return _m(
        "request_facts",
        state=markdown_text(detail["state_name"]),
        received=pd.Timestamp(detail["received_date"]).date().isoformat(),
        distributed=distributed,
        status=markdown_text(status_labels.get(detail["status_at_end"], detail["status_at_end"])),
        items=int(detail["n_items"]),
        matches=int(detail["matches_by_end"]),
    )


def items_table(items: pd.DataFrame, area_labels: dict[str, str], weapon_labels: dict[str, str]) -> pd.DataFrame:
    """The chosen request's items as listed: area and weapon type in words."""
    return items.assign(
        area=items["area"].map(lambda a: area_labels.get(a, a)),
        weapon_type=items["weapon_type"].map(lambda w: weapon_labels.get(w, w)),
    )


def matches_table(
    matches: pd.DataFrame, area_labels: dict[str, str], match_status_labels: dict[str, str]
) -> pd.DataFrame:
    """The chosen request's matches as listed: area and status in words."""
    return matches.assign(
        area=matches["area"].map(lambda a: area_labels.get(a, a)),
        status=matches["status"].map(lambda s: match_status_labels.get(s, s)),
    )
