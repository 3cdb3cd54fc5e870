"""State profile: key figures, the tables an expert briefs from, and Joint Plan progress per pillar for one State.

Pure: DataFrames in, display frames / figures out, no st.*. Each table keeps its source (a link only for an http(s)
address, anything else as plain text in source_ref) and a synthetic flag; disputed participation stays in, marked.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from dashboard.cache import shared_figure
from dashboard.charts.common import KeyFigure, base_layout, dated, synthetic_count
from dashboard.charts.common import key_figures as common_key_figures
from dashboard.charts.meetings import event_link
from dashboard.figures import PROFILE_KEYS
from dashboard.i18n import t
from dashboard.text import plotly as plotly_text
from dashboard.text import reference, web_link

STATUS_COLOURS = {"completed": "#009E73", "in_progress": "#56B4E9", "not_started": "#d9d9d9"}
STATUSES = ("completed", "in_progress", "not_started")


def _text(value: object) -> str | None:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def key_figures(row: pd.DataFrame) -> list[KeyFigure]:
    """The profile's key figures from state_profile_key_figures: meetings attended and disputed, Joint Plan items
    completed ("n of m" as of the period end), action plans, and the requests at the period end."""
    figures = {f.measure: f for f in common_key_figures(row, PROFILE_KEYS)}
    items, completed = int(row.iloc[0]["jpoa_items"]), int(row.iloc[0]["jpoa_completed"])
    figures["jpoa_completed"] = replace(
        figures["jpoa_completed"],
        text=t("state_profile.items_value", completed=completed, items=items) if items else "–",
    )
    return [figures[key] for key in PROFILE_KEYS]


def role_summary(roles: pd.DataFrame, role_labels: dict[str, str]) -> str:
    """'Host 2 · Participant 1': meetings attended per role (state_profile_role_figures), in the vocabulary's order."""
    return " · ".join(
        f"{role_labels.get(role, role)} {int(n):,}"
        for role, n in zip(roles["role"], roles["meetings_attended"], strict=True)
    )


def roles_table(
    roles: pd.DataFrame,
    role_labels: dict[str, str],
    type_labels: dict[str, str],
    confidence_labels: dict[str, str],
) -> pd.DataFrame:
    """One row per meeting x role, oldest first; a disputed row says so in its role."""

    def role(code: str, disputed: bool) -> str:
        label = role_labels.get(code, code)
        return t("state_profile.role_disputed", role=label) if disputed else label

    return pd.DataFrame(
        {
            "date": roles["start_date"],
            "date_precision": roles.get("date_precision", "day"),
            "meeting": roles["event_id"].map(event_link),
            "event": roles["event_title"],
            "role": [role(c, bool(d)) for c, d in zip(roles["role"], roles["disputed"], strict=True)],
            "type": roles["event_type"].map(lambda c: type_labels.get(c, c)),
            "city": roles["city"],
            "confidence": roles["confidence"].map(lambda c: confidence_labels.get(c, c)),
            "disputed": roles["disputed"].astype(bool),
            "note": roles["note"].map(_text),
            "source": roles["source_url"].map(web_link),
            "source_ref": roles["source_url"].map(reference),
            "synthetic": roles["is_synthetic"].astype(bool),
        }
    ).pipe(dated, "date", shown="date")


def stage_label(stage: str) -> str:
    return t(f"state_profile.stage_{stage}")


def requests_table(
    requests: pd.DataFrame, channel_labels: dict[str, str], status_labels: dict[str, str]
) -> pd.DataFrame:
    """One row per request, newest first: stage and status at the period end, providers matched by then, consent."""
    return pd.DataFrame(
        {
            "request": requests["request_id"],
            "received": requests["received_date"],
            "channel": requests["channel"].map(lambda c: channel_labels.get(c, c)),
            "stage": requests["stage_at_end"].map(stage_label),
            "status": requests["status_at_end"].map(lambda c: status_labels.get(c, c)),
            "items": requests["n_items"].astype(int),
            "areas": requests["areas"],
            "providers": requests["providers"],
            "matches": requests["matches_by_end"].astype(int),
            "delivered": requests["deliveries_by_end"].astype(int),
            "days_to_distribute": requests["days_to_distribute"],
            "consent": requests["consent_to_publish"].astype(bool),
            "summary": requests["summary"].map(lambda s: _text(s) or t("state_profile.summary_withheld")),
            "source": requests["source_url"].map(web_link),
            "source_ref": requests["source_url"].map(reference),
            "synthetic": requests["is_synthetic"].astype(bool),
        }
    )


def plan_period(start: object, end: object) -> str:
    if pd.isna(start) and pd.isna(end):
        return ""
    if pd.isna(end) or start == end:
        return f"{int(start)}"
    return f"{int(start)}–{int(end)}"


def plans_table(plans: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "plan": plans["title"],
            "period": [plan_period(s, e) for s, e in zip(plans["period_start"], plans["period_end"], strict=True)],
            "submitted": plans["submitted_date"],
            "note": plans["note"].map(_text),
            "source": plans["source_url"].map(web_link),
            "source_ref": plans["source_url"].map(reference),
            "synthetic": plans["is_synthetic"].astype(bool),
        }
    )


def changes_table(changes: pd.DataFrame) -> pd.DataFrame:
    """Dated changes, newest first (as queried)."""
    return pd.DataFrame(
        {
            "date": changes["change_date"],
            "date_precision": changes.get("date_precision", "day"),
            "kind": changes["kind"].map(lambda k: t(f"state_profile.kind_{k}")),
            "change": changes["description"],
            "source": changes["source_url"].map(web_link),
            "source_ref": changes["source_url"].map(reference),
            "synthetic": changes["is_synthetic"].astype(bool),
        }
    ).pipe(dated, "date", shown="date")


def pillar_table(progress: pd.DataFrame, pillar_labels: dict[str, str]) -> pd.DataFrame:
    """One row per pillar (in the query's I-IV order): items by status as of the date."""
    return pd.DataFrame(
        {
            "pillar": progress["pillar_id"].map(lambda p: pillar_labels.get(p, p)),
            "items": progress["jpoa_items"].astype(int),
            "completed": progress["jpoa_completed"].astype(int),
            "in_progress": progress["jpoa_in_progress"].astype(int),
            "not_started": progress["jpoa_not_started"].astype(int),
            "synthetic_rows": synthetic_count(progress, "jpoa_items_synthetic"),
        }
    )


@shared_figure
def pillar_bars(table: pd.DataFrame, status_labels: dict[str, str]) -> go.Figure:
    """One horizontal bar per pillar (I on top), split into completed / in progress / not started counts."""
    figure = go.Figure()
    pillars = [plotly_text(p) for p in table["pillar"]]
    for status in STATUSES:
        label = plotly_text(status_labels.get(status, status))
        hover = [
            t("state_profile.hover_bar", pillar=p, status=label, n=int(n), items=int(total))
            for p, n, total in zip(pillars, table[status], table["items"], strict=True)
        ]
        figure.add_trace(
            go.Bar(
                y=pillars,
                x=table[status],
                orientation="h",
                name=label,
                marker={"color": STATUS_COLOURS[status]},
                text=[str(int(n)) if n else "" for n in table[status]],
                textposition="inside",
                insidetextanchor="middle",
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    figure = base_layout(figure, height=90 + 50 * len(table))
    figure.update_layout(barmode="stack", legend={"traceorder": "normal", "orientation": "h", "y": -0.25})
    figure.update_yaxes(autorange="reversed", showgrid=False)
    figure.update_xaxes(title={"text": t("state_profile.bar_axis")}, dtick=1 if table["items"].max() <= 10 else None)
    return figure
