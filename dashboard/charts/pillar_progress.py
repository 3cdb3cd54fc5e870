"""Pillar progress figures and tables: States x pillars heatmap of Joint Plan items completed as of a date,
the change since an earlier date, progress over time, and the drill-down tables. Pure: no st.*.

States are always in the fixed order KAZ, KGZ, TJK, TKM, UZB and never sorted by a score: these are measures
recorded and progress reported, not a compliance ranking.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from dashboard.cache import shared_figure
from dashboard.charts.common import PILLAR_COLOURS, base_layout, present, synthetic_count
from dashboard.i18n import t
from dashboard.settings import CENTRAL_ASIA
from dashboard.text import plotly as plotly_text
from dashboard.text import reference, web_link

PILLARS = ("I", "II", "III", "IV")
SHARE_SCALE = [[0.0, "#eef3f8"], [0.5, "#7fa7c9"], [1.0, "#1f5f8b"]]
CHANGE_SCALE = [[0.0, "#E69F00"], [0.5, "#ffffff"], [1.0, "#0072B2"]]  # Okabe-Ito orange / blue around zero


def day_label(value: dt.date | pd.Timestamp) -> str:
    """1 Jan 2015: unambiguous in every locale."""
    value = pd.Timestamp(value)
    return f"{value.day} {value:%b %Y}"


def state_order(codes: object) -> list[str]:
    """The States present, in the fixed order (the five first, anything else after, by code)."""
    present = set(codes)
    return [c for c in CENTRAL_ASIA if c in present] + sorted(present - set(CENTRAL_ASIA))


def pillar_order(codes: object) -> list[str]:
    present = set(codes)
    return [p for p in PILLARS if p in present] + sorted(present - set(PILLARS))


def wrap_pillar(label: str, width: int = 22) -> str:
    """'Pillar I: conditions conducive to terrorism' -> '<b>Pillar I</b><br>conditions conducive<br>to terrorism':
    axis labels stay horizontal and narrow. Plotly text: the label's own characters are escaped, the tags added."""
    head, sep, tail = label.partition(": ")
    lines, line = [f"<b>{plotly_text(head)}</b>"] if sep else [], ""
    for word in (tail if sep else label).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(plotly_text(line))
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, plotly_text(line)] if line else lines)


def change_phrase(change: int, since: str, kind: str = "cell") -> str:
    """'+2 since 1 Jan 2015' in a cell (kind 'cell'), '+2 completed since 1 Jan 2015' on hover (kind 'hover')."""
    if change > 0:
        return t(f"pillar_progress.{kind}_change_up", n=change, since=since)
    if change < 0:
        return t(f"pillar_progress.{kind}_change_down", n=-change, since=since)
    return t(f"pillar_progress.{kind}_change_none", since=since)


def cell_text(completed: int, items: int, change: int, since: str) -> str:
    """'3 of 5 completed<br>+2 since 1 Jan 2015' (or 'no items recorded')."""
    if not items:
        return t("pillar_progress.cell_empty")
    return t("pillar_progress.cell_text", completed=completed, items=items) + "<br>" + change_phrase(change, since)


def change_text(change: int, items: int) -> str:
    if not items and not change:
        return t("pillar_progress.cell_empty")
    if change > 0:
        return t("pillar_progress.change_text_up", n=change)
    if change < 0:
        return t("pillar_progress.change_text_down", n=-change)
    return t("pillar_progress.change_text_none")


#: pillar_progress_cells (measure names) -> the cell table's columns.
CELL_COLUMNS = {
    "jpoa_items": "items",
    "jpoa_completed": "completed",
    "jpoa_in_progress": "in_progress",
    "jpoa_not_started": "not_started",
    "jpoa_items_on_since": "items_since",
    "jpoa_completed_on_since": "completed_since",
    "jpoa_completed_since": "completed_change",
}


def cell_table(
    cells: pd.DataFrame, state_names: dict[str, str], pillar_labels: dict[str, str], since: dt.date
) -> pd.DataFrame:
    """One row per State x pillar in the fixed order (from pillar_progress_cells), with the share completed and the
    text each cell shows."""
    since_label = day_label(since)
    states, pillars = state_order(cells["state_id"]), pillar_order(cells["pillar_id"])
    frame = cells.rename(columns=CELL_COLUMNS)
    frame["_s"] = frame["state_id"].map({c: i for i, c in enumerate(states)})
    frame["_p"] = frame["pillar_id"].map({c: i for i, c in enumerate(pillars)})
    frame = frame.sort_values(["_s", "_p"]).drop(columns=["_s", "_p"]).reset_index(drop=True)
    counts = ["items", "completed", "in_progress", "not_started", "items_since", "completed_since", "completed_change"]
    for column in counts:
        frame[column] = frame[column].astype(int)
    out = pd.DataFrame(
        {
            "state_id": frame["state_id"],
            "state": frame["state_id"].map(lambda c: state_names.get(c, c)),
            "pillar_id": frame["pillar_id"],
            "pillar": frame["pillar_id"].map(lambda p: pillar_labels.get(p, p)),
            **{column: frame[column] for column in counts},
        }
    )
    out["share_completed"] = [None if pd.isna(v) else round(float(v), 2) for v in frame["share_completed"]]
    out["cell_text"] = [
        cell_text(c, n, d, since_label)
        for c, n, d in zip(out["completed"], out["items"], out["completed_change"], strict=True)
    ]
    out["synthetic_rows"] = synthetic_count(frame, "jpoa_items_synthetic")
    return out


def cells_listed(table: pd.DataFrame) -> pd.DataFrame:
    """The heatmap's cells as listed under it: without the codes, the cell text on one line."""
    return table.drop(columns=["state_id", "pillar_id"]).assign(cell_text=table["cell_text"].str.replace("<br>", " · "))


def change_listed(table: pd.DataFrame) -> pd.DataFrame:
    """The change heatmap's cells as listed under it."""
    return table[
        present(table, ["state", "pillar", "completed_since", "completed", "completed_change", "synthetic_rows"])
    ]


def _matrix(table: pd.DataFrame, column: str) -> tuple[list[str], list[str], list[list[object]]]:
    states, pillars = state_order(table["state_id"]), pillar_order(table["pillar_id"])
    lookup = {
        (s, p): None if not isinstance(v, str) and pd.isna(v) else v
        for s, p, v in zip(table["state_id"], table["pillar_id"], table[column], strict=True)
    }
    return states, pillars, [[lookup.get((s, p)) for p in pillars] for s in states]


def _hover(row: pd.Series, since_label: str) -> str:
    state, pillar = plotly_text(row["state"]), plotly_text(row["pillar"])
    if not row["items"]:
        return f"<b>{state}</b> · {pillar}<br>{t('pillar_progress.cell_empty')}"
    now = t(
        "pillar_progress.hover_cell",
        state=state,
        pillar=pillar,
        completed=row["completed"],
        items=row["items"],
        share=f"{row['share_completed']:.0%}",
        in_progress=row["in_progress"],
        not_started=row["not_started"],
    )
    change = change_phrase(int(row["completed_change"]), since_label, "hover")
    if not row["items_since"]:
        return f"{now}<br>{change}<br>{t('pillar_progress.hover_since_none', since=since_label)}"
    then = t(
        "pillar_progress.hover_since", since=since_label, completed=row["completed_since"], items=row["items_since"]
    )
    return f"{now}<br>{change}<br>{then}"


def _axes(table: pd.DataFrame) -> tuple[list[str], list[str]]:
    states, pillars = state_order(table["state_id"]), pillar_order(table["pillar_id"])
    state_names = dict(zip(table["state_id"], table["state"], strict=True))
    pillar_names = dict(zip(table["pillar_id"], table["pillar"], strict=True))
    return [plotly_text(state_names[s]) for s in states], [wrap_pillar(pillar_names[p]) for p in pillars]


@shared_figure
def heatmap(table: pd.DataFrame, since: dt.date) -> go.Figure:
    """States (rows, fixed order, top to bottom) x pillars: share completed, cell text with counts and change.

    An invisible marker sits on each cell centre and carries the hover text: heatmaps cannot be selected, markers
    can, so a click anywhere in a cell (the nearest marker, hoverdistance -1) selects [state_id, pillar_id].
    """
    since_label = day_label(since)
    states, pillars, z = _matrix(table, "share_completed")
    _, _, text = _matrix(table, "cell_text")
    hover_frame = table.assign(hover=[_hover(row, since_label) for _, row in table.iterrows()])
    _, _, hover = _matrix(hover_frame, "hover")
    y_labels, x_labels = _axes(table)
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=x_labels,
            y=y_labels,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 12},
            hoverinfo="skip",
            colorscale=SHARE_SCALE,
            zmin=0,
            zmax=1,
            xgap=3,
            ygap=3,
            showscale=False,  # the cell text carries the numbers; the caption says darker = larger share
        )
    )
    cells = [(s, p) for s in states for p in pillars]
    names_y = dict(zip(states, y_labels, strict=True))
    names_x = dict(zip(pillars, x_labels, strict=True))
    figure.add_trace(
        go.Scatter(
            x=[names_x[p] for _, p in cells],
            y=[names_y[s] for s, _ in cells],
            customdata=[[s, p] for s, p in cells],
            hovertext=[row[pillars.index(p)] for s, p in cells for row in [hover[states.index(s)]]],
            hovertemplate="%{hovertext}<extra></extra>",
            mode="markers",
            marker={"size": 40, "symbol": "square", "opacity": 0, "color": "#000000"},
            selected={"marker": {"opacity": 0}},
            unselected={"marker": {"opacity": 0}},
            showlegend=False,
        )
    )
    figure = base_layout(figure, height=130 + 80 * len(states))
    figure.update_xaxes(side="top", showgrid=False, fixedrange=True, tickangle=0)
    figure.update_yaxes(autorange="reversed", showgrid=False, fixedrange=True)
    figure.update_layout(
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        clickmode="event+select",
        dragmode=False,
        hovermode="closest",
        hoverdistance=-1,
    )
    return figure


@shared_figure
def change_heatmap(table: pd.DataFrame) -> go.Figure:
    """States x pillars: change in items completed between the two dates ('+2'), coloured around zero."""
    _, _, z = _matrix(table, "completed_change")
    text = [
        [change_text(int(d), int(n)) for d, n in zip(row_d, row_n, strict=True)]
        for row_d, row_n in zip(z, _matrix(table, "items")[2], strict=True)
    ]
    y_labels, x_labels = _axes(table)
    biggest = max([abs(v) for row in z for v in row if v is not None] + [1])
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=x_labels,
            y=y_labels,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 12},
            hovertemplate="<b>%{y}</b> · %{x}<br>%{text}<extra></extra>",
            colorscale=CHANGE_SCALE,
            zmin=-biggest,
            zmax=biggest,
            zmid=0,
            xgap=3,
            ygap=3,
            showscale=False,
        )
    )
    figure = base_layout(figure, height=130 + 45 * len(y_labels))
    figure.update_xaxes(side="top", showgrid=False, fixedrange=True, tickangle=0)
    figure.update_yaxes(autorange="reversed", showgrid=False, fixedrange=True)
    figure.update_layout(margin={"l": 10, "r": 10, "t": 60, "b": 10})
    return figure


@shared_figure
def over_time(frame: pd.DataFrame, pillar_labels: dict[str, str]) -> go.Figure:
    """Share of items completed at each year end, one line per pillar (the region, not a State comparison)."""
    figure = go.Figure()
    for pillar in pillar_order(frame["pillar_id"]):
        part = frame[frame["pillar_id"] == pillar]
        label = plotly_text(pillar_labels.get(pillar, pillar))
        hover = [
            t(
                "pillar_progress.hover_over_time",
                pillar=label,
                date=day_label(d),
                completed=int(c),
                items=int(n),
                share=f"{s:.0%}",
            )
            for d, c, n, s in zip(
                part["as_of_date"], part["jpoa_completed"], part["jpoa_items"], part["share_completed"], strict=True
            )
        ]
        figure.add_trace(
            go.Scatter(
                x=part["as_of_date"],
                y=part["share_completed"],
                mode="lines+markers",
                name=label,
                line={"color": PILLAR_COLOURS.get(pillar, "#999999"), "width": 2.5},
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    figure = base_layout(figure, height=340)
    figure.update_yaxes(range=[0, 1.02], tickformat=".0%", title={"text": t("pillar_progress.share_axis")})
    return figure


def over_time_table(frame: pd.DataFrame, pillar_labels: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "pillar": frame["pillar_id"].map(lambda p: pillar_labels.get(p, p)),
            "as_of_date": frame["as_of_date"],
            "items": frame["jpoa_items"].astype(int),
            "completed": frame["jpoa_completed"].astype(int),
            "share_completed": frame["share_completed"].astype(float).round(2),
            "synthetic_rows": synthetic_count(frame, "jpoa_items_synthetic"),
        }
    )


def status_label(status: object, labels: dict[str, str]) -> str:
    if status is None or (isinstance(status, float) and pd.isna(status)) or status is pd.NA:
        return t("pillar_progress.status_none")
    return labels.get(str(status), str(status))


def items_table(items: pd.DataFrame, status_labels: dict[str, str]) -> pd.DataFrame:
    """The drill-down list: one row per item with its status as of the date, since when, and its source."""
    return pd.DataFrame(
        {
            "item": items["action_item_id"],
            "measure": items["title"],
            "status": items["status"].map(lambda s: status_label(s, status_labels)),
            "status_since": items["status_since"],
            "status_then": items["status_at_since"].map(lambda s: status_label(s, status_labels)),
            "note": items["note"],
            "status_changes": items["status_changes"].astype(int),
            "source": items["source_url"].map(web_link),
            "source_ref": items["source_url"].map(reference),
            "synthetic": items["is_synthetic"].astype(bool),
        }
    )


def history_table(history: pd.DataFrame, status_labels: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "item": history["action_item_id"],
            "measure": history["title"],
            "date": history["status_date"],
            "status": history["status"].map(lambda s: status_label(s, status_labels)),
            "note": history["note"],
            "source": history["source_url"].map(web_link),
            "source_ref": history["source_url"].map(reference),
            "synthetic": history["is_synthetic"].astype(bool),
        }
    )


def changes_table(
    changes: pd.DataFrame, state_names: dict[str, str], pillar_labels: dict[str, str], status_labels: dict[str, str]
) -> pd.DataFrame:
    """Items whose status differs between the two dates, States in the fixed order."""
    order = {c: i for i, c in enumerate(state_order(changes["state_id"]))}
    porder = {p: i for i, p in enumerate(pillar_order(changes["pillar_id"]))}
    frame = changes.assign(_s=changes["state_id"].map(order), _p=changes["pillar_id"].map(porder))
    frame = frame.sort_values(["_s", "_p", "action_item_id"]).reset_index(drop=True)
    return pd.DataFrame(
        {
            "state": frame["state_id"].map(lambda c: state_names.get(c, c)),
            "pillar": frame["pillar_id"].map(lambda p: pillar_labels.get(p, p)),
            "item": frame["action_item_id"],
            "measure": frame["title"],
            "was": frame["status_at_since"].map(lambda s: status_label(s, status_labels)),
            "now": frame["status"].map(lambda s: status_label(s, status_labels)),
            "changed_on": frame["changed_on"],
            "source": frame["source_url"].map(web_link),
            "source_ref": frame["source_url"].map(reference),
            "synthetic": frame["is_synthetic"].astype(bool),
        }
    )
