"""Meetings & workshops builders: the register of events and one event's participants by role. Pure.

Dates as precisely as they are known (a month-precision event reads "Dec 2010", never 1 December); data shown in
markdown goes through dashboard.text; sources as a link only for an http(s) address, with their title and type.
"""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd

from dashboard import text
from dashboard.charts.common import date_at_precision, dated, source_described
from dashboard.i18n import t

#: The page's URL and its query parameter naming one event (other pages link here with it).
PAGE_URL = "meetings"
EVENT_PARAM = "event"


def event_link(event_id: object) -> str | None:
    """The relative link that opens one event on this page (`meetings?event=<id>`), for link columns elsewhere."""
    if not isinstance(event_id, str) or not event_id:
        return None
    # quoted whole: an id is data, and must not add parameters or a scheme to the link
    return f"{PAGE_URL}?{EVENT_PARAM}={quote(event_id, safe='')}"


def _items(values: object) -> list:
    """A list cell as a list (DuckDB lists arrive as arrays; a missing one as None or NaN)."""
    if values is None or isinstance(values, float | str):
        return []
    return list(values)


def _names(values: object) -> str:
    return ", ".join(str(v) for v in _items(values))


def _participants(value: object) -> str:
    if value is None or pd.isna(value):
        return t("meetings.not_recorded")
    return f"{int(value):,}"


def register_table(
    events: pd.DataFrame,
    type_labels: dict[str, str],
    pillar_labels: dict[str, str],
    sources: dict[str, tuple[str, str]],
) -> pd.DataFrame:
    """One row per event as listed: date as known, title, type, place, pillars, organisers, funders, participants
    ("not recorded" when the sources give no number), source title and type, link or reference, demo flag."""
    described = [source_described(url, sources) for url in events["source_url"]]
    frame = pd.DataFrame(
        {
            "event_id": events["event_id"],
            "start_date": events["start_date"],
            "date_precision": events["date_precision"],
            "title": events["title"],
            "type": events["event_type"].map(lambda c: type_labels.get(c, c)),
            "place": [
                ", ".join(part for part in (city, country) if isinstance(part, str) and part)
                for city, country in zip(events["city"], events["country"], strict=True)
            ],
            "pillars": events["pillars"].map(lambda ps: ", ".join(pillar_labels.get(p, p) for p in _items(ps))),
            "organisers": events["organisers"].map(_names),
            "funders": events["funders"].map(_names),
            "participants": events["participants"].map(_participants),
            "source_title": [title for title, _ in described],
            "source_type": [kind for _, kind in described],
            "source": events["source_url"].map(text.web_link),
            "source_ref": events["source_url"].map(text.reference),
            "confidence": events["confidence"],
            "is_synthetic": events["is_synthetic"].astype(bool),
        }
    )
    return dated(frame, "start_date")


def event_options(register: pd.DataFrame) -> dict[str, str]:
    """event_id -> how the picker names it: date as known, title (demo events keep their "Demo: " title)."""
    return {
        event_id: f"{date_at_precision(day, precision)} · {title}"
        for event_id, day, precision, title in zip(
            register["event_id"], register["start_date"], register["date_precision"], register["title"], strict=True
        )
    }


def event_facts(event: pd.Series, type_labels: dict[str, str], pillar_labels: dict[str, str]) -> str:
    """The chosen event in words (markdown, data escaped): when, where, what, who organised and funded it."""
    start = date_at_precision(event["start_date"], event["date_precision"])
    end = event["end_date"]
    when = start
    if end is not None and not pd.isna(end) and pd.Timestamp(end) != pd.Timestamp(event["start_date"]):
        when = t("meetings.date_range", start=start, end=date_at_precision(end, event["date_precision"]))
    place = ", ".join(part for part in (event["city"], event["country"]) if isinstance(part, str) and part)
    lines = [
        t("meetings.fact_when", when=text.markdown(when)),
        t("meetings.fact_where", where=text.markdown(place or t("meetings.not_recorded"))),
        t("meetings.fact_type", type=text.markdown(type_labels.get(event["event_type"], event["event_type"]))),
        t(
            "meetings.fact_pillars",
            pillars=text.markdown(", ".join(pillar_labels.get(p, p) for p in _items(event["pillars"])) or "–"),
        ),
        t("meetings.fact_organisers", names=text.markdown(_names(event["organisers"]) or "–")),
        t("meetings.fact_funders", names=text.markdown(_names(event["funders"]) or "–")),
        t("meetings.fact_participants", n=text.markdown(_participants(event["participants"]))),
    ]
    summary = event["summary"]
    facts = "\n".join(f"- {line}" for line in lines)
    heading = f"#### {text.markdown(event['title'])}"
    if isinstance(summary, str) and summary:
        return f"{heading}\n\n{facts}\n\n{t('meetings.summary', summary=text.markdown(summary))}"
    return f"{heading}\n\n{facts}"


def participants_table(
    participants: pd.DataFrame,
    role_labels: dict[str, str],
    actor_type_labels: dict[str, str],
    confidence_labels: dict[str, str],
) -> pd.DataFrame:
    """Every participation row of the event by role: the State or organisation, its kind, the confidence and note
    the data records (a disputed attendance: "disputed", its note naming both sources), and the source."""
    return pd.DataFrame(
        {
            "role": participants["role"].map(lambda c: role_labels.get(c, c)),
            "name": participants["actor_name"],
            "kind": participants["actor_type"].map(lambda c: actor_type_labels.get(c, c)),
            "central_asian_state": participants["is_central_asian_state"].astype(bool),
            "confidence": participants["confidence"].map(lambda c: confidence_labels.get(c, c)),
            "disputed": participants["disputed"].astype(bool),
            "note": participants["note"],
            "source": participants["source_url"].map(text.web_link),
            "source_ref": participants["source_url"].map(text.reference),
            "is_synthetic": participants["is_synthetic"].astype(bool),
        }
    )


def role_summary(participants: pd.DataFrame, role_labels: dict[str, str]) -> str:
    """How many States and organisations each role holds, in words (a disputed attendance said apart)."""
    parts = []
    for role, rows in participants.groupby("role", sort=False):
        states = rows[rows["actor_type"] == "state"]
        disputed = int(states["disputed"].sum())
        parts.append(
            t(
                "meetings.role_count",
                role=role_labels.get(role, role),
                states=len(states) - disputed,
                organisations=len(rows) - len(states),
                disputed=t("meetings.role_disputed_n", n=disputed)
                if disputed > 1
                else t("meetings.role_disputed")
                if disputed
                else "",
            )
        )
    return " · ".join(parts)
