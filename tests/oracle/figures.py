"""An independent oracle: the headline figures recomputed from the source CSV files with plain pandas.

It shares no code with the project (no SQL, no dashboard module, no ETL): it reads the CSV files as a person would
and applies the written definitions (docs/MEASURES.md) line by line. Where the dashboard and this module disagree,
one of them misreads a definition.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
LISTS = {"events": ("pillars", "areas", "organisers", "funders"), "offers": ("areas", "weapon_types")}
DATES = {
    "events": ("start_date", "end_date"),
    "requests": ("received_date", "acknowledged_date", "distributed_date", "closed_date"),
    "offers": ("offered_date",),
    "matches": ("proposed_date", "delivered_date"),
    "action_item_status": ("status_date",),
}
BOOLS = {"requests": ("consent_to_publish", "is_synthetic")}


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date
    states: tuple[str, ...] = ()
    pillars: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    funders: tuple[str, ...] = ()
    synthetic: bool = True


@dataclass
class Data:
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def _bool(value: object) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes", "y", "да")


def _list(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        return []
    return [part.strip() for part in str(value).split("|") if part.strip()]


def _date(value: object) -> dt.date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        return None
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")


def read(folders: list[Path]) -> Data:
    """Every <table>.csv of the folders, concatenated per table, typed the way the data dictionary describes."""
    found: dict[str, list[pd.DataFrame]] = {}
    for folder in folders:
        for path in sorted(Path(folder).glob("*.csv")):
            found.setdefault(path.stem, []).append(pd.read_csv(path, dtype=str, keep_default_na=False))
    data = Data()
    for name, frames in found.items():
        frame = pd.concat(frames, ignore_index=True)
        for column in frame.columns:
            if column == "is_synthetic" or column in BOOLS.get(name, ()):
                frame[column] = frame[column].map(_bool)
            elif column in DATES.get(name, ()):
                frame[column] = frame[column].map(_date)
            elif column in LISTS.get(name, ()):
                frame[column] = frame[column].map(_list)
        data.tables[name] = frame
    return data


def public(data: Data) -> Data:
    """What the public view may see: consented requests, their items and matches, and the offers not matched only to
    unpublished requests; everything else whole."""
    out = Data(dict(data.tables))
    requests = data["requests"][data["requests"]["consent_to_publish"]]
    items = data["request_items"][data["request_items"]["request_id"].isin(requests["request_id"])]
    matches = data["matches"][data["matches"]["item_id"].isin(items["item_id"])]
    all_matched = set(data["matches"]["offer_id"])
    offers = data["offers"][
        data["offers"]["offer_id"].isin(matches["offer_id"]) | ~data["offers"]["offer_id"].isin(all_matched)
    ]
    out.tables.update(requests=requests, request_items=items, matches=matches, offers=offers)
    return out


def rule_days(data: Data) -> int:
    steps = data["procedure_steps"]
    values = [int(v) for v in steps["service_level_days"] if str(v).strip()]
    return min(values)


def on_or_before(value: dt.date | None, day: dt.date) -> bool:
    return value is not None and value <= day


# --- requests ------------------------------------------------------------------------------------------------------


def request_rows(data: Data, f: Filters) -> pd.DataFrame:
    """Requests in the period, one row each, with what the definitions judge at the period end."""
    items = data["request_items"]
    matches = data["matches"]
    synthetic_items = set(items.loc[items["is_synthetic"].map(_bool), "request_id"])
    rows = []
    j, r_days = f.end, rule_days(data)
    for req in data["requests"].itertuples(index=False):
        synthetic = bool(req.is_synthetic) or req.request_id in synthetic_items
        if not (f.start <= req.received_date <= f.end):
            continue
        if not f.synthetic and synthetic:
            continue
        if f.states and req.state_id not in f.states:
            continue
        own_items = items[items["request_id"] == req.request_id]
        if f.areas and not own_items["area"].isin(f.areas).any():
            continue
        own_matches = matches[matches["item_id"].isin(own_items["item_id"]) & (matches["status"] != "declined")]
        proposed = [d for d in own_matches["proposed_date"] if on_or_before(d, j)]
        delivered = [d for d in own_matches["delivered_date"] if on_or_before(d, j)]
        first_match = min(proposed) if proposed else None
        first_delivery = min(delivered) if delivered else None
        distributed = req.distributed_date if on_or_before(req.distributed_date, j) else None
        acknowledged = req.acknowledged_date if on_or_before(req.acknowledged_date, j) else None
        closed_by_end = req.status != "open" and on_or_before(req.closed_date, j)
        withdrawn_undistributed = req.status == "withdrawn" and closed_by_end and distributed is None
        if distributed is not None:
            rule = "within" if (distributed - req.received_date).days <= r_days else "late"
        elif withdrawn_undistributed:
            rule = "not_judged"
        elif (j - req.received_date).days > r_days:
            rule = "late"
        else:
            rule = "pending"
        stage = (
            "delivered"
            if first_delivery
            else "matched"
            if first_match
            else "distributed"
            if distributed
            else "acknowledged"
            if acknowledged
            else "received"
        )
        rows.append(
            {
                "request_id": req.request_id,
                "state_id": req.state_id,
                "received_date": req.received_date,
                "is_synthetic": synthetic,
                "open_at_end": not closed_by_end,
                "acknowledged": acknowledged is not None,
                "distributed": distributed is not None,
                "matched": first_match is not None,
                "delivered": first_delivery is not None,
                "rule": rule,
                "stage": stage,
                "days_to_acknowledge": (acknowledged - req.received_date).days if acknowledged else None,
                "days_to_distribute": (distributed - req.received_date).days if distributed else None,
                "days_to_first_match": (first_match - (distributed or req.received_date)).days if first_match else None,
                "days_to_delivery": (first_delivery - first_match).days if first_delivery and first_match else None,
                "age_days": (j - req.received_date).days if not closed_by_end else None,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "request_id",
            "state_id",
            "received_date",
            "is_synthetic",
            "open_at_end",
            "acknowledged",
            "distributed",
            "matched",
            "delivered",
            "rule",
            "stage",
            "days_to_acknowledge",
            "days_to_distribute",
            "days_to_first_match",
            "days_to_delivery",
            "age_days",
        ],
    )


def request_figures(data: Data, f: Filters) -> dict[str, object]:
    rows = request_rows(data, f)
    within = int((rows["rule"] == "within").sum())
    late = int((rows["rule"] == "late").sum())
    distributed_days = rows["days_to_distribute"].dropna()
    return {
        "requests_received": len(rows),
        "requests_open_at_end": int(rows["open_at_end"].sum()),
        "requests_acknowledged": int(rows["acknowledged"].sum()),
        "requests_distributed": int(rows["distributed"].sum()),
        "requests_matched": int(rows["matched"].sum()),
        "requests_delivered": int(rows["delivered"].sum()),
        "distribution_within_rule": within,
        "distribution_late": late,
        "distribution_pending": int((rows["rule"] == "pending").sum()),
        "distribution_not_judged": int((rows["rule"] == "not_judged").sum()),
        "share_within_rule": within / (within + late) if within + late else None,
        "median_days_to_distribute": float(distributed_days.median()) if len(distributed_days) else None,
        "requests_synthetic": int(rows["is_synthetic"].sum()),
    }


# --- items and offers -----------------------------------------------------------------------------------------------


def item_figures(data: Data, f: Filters) -> pd.DataFrame:
    """Per area: items requested, matched, delivered and unmet (open at the end, not matched)."""
    requests = request_rows(data, f).set_index("request_id")
    items = data["request_items"]
    items = items[items["request_id"].isin(requests.index)]
    if f.areas:
        items = items[items["area"].isin(f.areas)]
    matches = data["matches"]
    live = matches[(matches["status"] != "declined") & matches["proposed_date"].map(lambda d: on_or_before(d, f.end))]
    matched = set(live["item_id"])
    delivered = set(live.loc[live["delivered_date"].map(lambda d: on_or_before(d, f.end)), "item_id"])
    out = []
    for area, group in items.groupby("area"):
        is_matched = group["item_id"].isin(matched)
        open_at_end = group["request_id"].map(lambda r: bool(requests.loc[r, "open_at_end"]))
        out.append(
            {
                "area": area,
                "items_requested": len(group),
                "items_matched": int(is_matched.sum()),
                "items_delivered": int(group["item_id"].isin(delivered).sum()),
                "items_unmet": int((open_at_end & ~is_matched).sum()),
            }
        )
    return pd.DataFrame(out, columns=["area", "items_requested", "items_matched", "items_delivered", "items_unmet"])


def offer_figures(data: Data, f: Filters) -> pd.DataFrame:
    """Per provider: offers available during the period and offers taken up by its end."""
    offers = data["offers"]
    offers = offers[offers["offered_date"].map(lambda d: d <= f.end)]
    if not f.synthetic:
        offers = offers[~offers["is_synthetic"]]
    if f.areas:
        offers = offers[offers["areas"].map(lambda areas: bool(set(areas) & set(f.areas)))]
    matches = data["matches"]
    if not f.synthetic:
        matches = matches[~matches["is_synthetic"]]
    live = matches[(matches["status"] != "declined") & matches["proposed_date"].map(lambda d: on_or_before(d, f.end))]
    taken = set(live["offer_id"])
    out = []
    for provider, group in offers.groupby("provider_id"):
        out.append(
            {
                "provider_id": provider,
                "offers_available": len(group),
                "offers_taken_up": int(group["offer_id"].isin(taken).sum()),
            }
        )
    return pd.DataFrame(out, columns=["provider_id", "offers_available", "offers_taken_up"])


def match_figures(data: Data, f: Filters) -> pd.DataFrame:
    """Per requesting State x provider: matches proposed in the period (not declined) and delivered by its end."""
    matches = data["matches"]
    items = data["request_items"].set_index("item_id")
    requests = data["requests"].set_index("request_id")
    offers = data["offers"].set_index("offer_id")
    rows = []
    for m in matches.itertuples(index=False):
        if m.status == "declined" or not (f.start <= m.proposed_date <= f.end):
            continue
        item = items.loc[m.item_id]
        state = requests.loc[item["request_id"], "state_id"]
        synthetic = bool(m.is_synthetic) or bool(item["is_synthetic"]) or bool(offers.loc[m.offer_id, "is_synthetic"])
        if not f.synthetic and synthetic:
            continue
        if f.states and state not in f.states:
            continue
        if f.areas and item["area"] not in f.areas:
            continue
        rows.append(
            {
                "state_id": state,
                "provider_id": offers.loc[m.offer_id, "provider_id"],
                "delivered": on_or_before(m.delivered_date, f.end),
                "is_synthetic": synthetic,
            }
        )
    frame = pd.DataFrame(rows, columns=["state_id", "provider_id", "delivered", "is_synthetic"])
    return (
        frame.groupby(["state_id", "provider_id"])
        .agg(matches_proposed=("delivered", "size"), matches_delivered=("delivered", "sum"))
        .reset_index()
    )


# --- meetings --------------------------------------------------------------------------------------------------------


def _event_roles(data: Data) -> pd.DataFrame:
    participation = data["participation"].copy()
    events = data["events"].set_index("event_id")
    participation["event_synthetic"] = participation["event_id"].map(events["is_synthetic"])
    participation["row_synthetic"] = participation["is_synthetic"] | participation["event_synthetic"]
    return participation


def meetings(data: Data, f: Filters) -> pd.DataFrame:
    """Meetings held in the period that pass the shared filters."""
    events = data["events"].copy()
    participation = _event_roles(data)
    funder_roles = participation[participation["role"] == "funder"].groupby("event_id")["actor_id"].agg(set)
    events["all_funders"] = [
        set(row.funders) | funder_roles.get(row.event_id, set()) for row in events.itertuples(index=False)
    ]
    events = events[(events["event_type"] != "milestone") & events["start_date"].map(lambda d: f.start <= d <= f.end)]
    if not f.synthetic:
        events = events[~events["is_synthetic"]]
    if f.states:
        with_state = set(participation.loc[participation["actor_id"].isin(f.states), "event_id"])
        events = events[events["event_id"].isin(with_state)]
    if f.pillars:
        events = events[events["pillars"].map(lambda values: bool(set(values) & set(f.pillars)))]
    if f.areas:
        events = events[events["areas"].map(lambda values: bool(set(values) & set(f.areas)))]
    if f.funders:
        events = events[events["all_funders"].map(lambda values: bool(values & set(f.funders)))]
    return events


def attendance(data: Data, f: Filters) -> pd.DataFrame:
    """Per Central Asian State in the State filter: meetings attended (not disputed), disputed apart, last reached,
    months since then at the period end, pillars covered."""
    held = meetings(data, f).set_index("event_id")
    participation = _event_roles(data)
    participation = participation[
        participation["event_id"].isin(held.index) & participation["actor_id"].isin(CENTRAL_ASIA)
    ]
    if not f.synthetic:
        participation = participation[~participation["row_synthetic"]]
    out = []
    for state in CENTRAL_ASIA:
        if f.states and state not in f.states:
            continue
        rows = participation[participation["actor_id"] == state]
        sure = set(rows.loc[rows["confidence"] != "disputed", "event_id"])
        disputed = set(rows["event_id"]) - sure
        last = max((held.loc[e, "start_date"] for e in sure), default=None)
        pillars = set()
        for event in sure:
            pillars |= set(held.loc[event, "pillars"])
        if f.pillars:
            pillars &= set(f.pillars)
        out.append(
            {
                "state_id": state,
                "meetings_attended": len(sure),
                "meetings_disputed": len(disputed),
                "last_reached": last,
                "months_since_last_reached": None if last is None else whole_months(last, f.end),
                "pillars_covered": len(pillars),
            }
        )
    return pd.DataFrame(out)


def whole_months(start: dt.date, end: dt.date) -> int:
    """Complete calendar months from start to end: a month is complete on the same day of the next month, or on that
    month's last day when it has no such day (31 January -> 28 February is one month)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    last_day_of_end_month = (end.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if end.day < start.day and end != last_day_of_end_month:
        months -= 1
    return months


def meeting_figures(data: Data, f: Filters) -> dict[str, object]:
    held = meetings(data, f)
    reached = attendance(data, f)
    recorded = [int(v) for v in held["participants"] if str(v).strip()]
    return {
        "meetings_held": len(held),
        "meetings_synthetic": int(held["is_synthetic"].sum()),
        "states_reached": int((reached["meetings_attended"] > 0).sum()) if len(reached) else 0,
        "participants": sum(recorded) if recorded else None,
    }


# --- Joint Plan of Action ------------------------------------------------------------------------------------------


def jpoa_status(data: Data, f: Filters, on: dt.date) -> pd.DataFrame:
    """One row per item of the chosen States and pillars with a status recorded on or before `on`: that status."""
    items = data["action_items"].set_index("action_item_id")
    history = data["action_item_status"]
    history = history[history["status_date"].map(lambda d: d <= on)]
    latest = history.sort_values("status_date").groupby("action_item_id").tail(1).set_index("action_item_id")
    item_cols = items[["state_id", "pillar_id", "is_synthetic"]].rename(columns={"is_synthetic": "is_synthetic_item"})
    frame = latest.join(item_cols)
    frame["synthetic"] = frame["is_synthetic"] | frame["is_synthetic_item"]
    if not f.synthetic:
        frame = frame[~frame["synthetic"]]
    frame = frame[frame["state_id"].isin(f.states or CENTRAL_ASIA)]
    if f.pillars:
        frame = frame[frame["pillar_id"].isin(f.pillars)]
    return frame.reset_index()[["action_item_id", "state_id", "pillar_id", "status", "synthetic"]]


def jpoa_figures(data: Data, f: Filters, as_of: dt.date, since: dt.date) -> dict[str, int]:
    now, then = jpoa_status(data, f, as_of), jpoa_status(data, f, since)
    completed = int((now["status"] == "completed").sum())
    return {
        "jpoa_items": len(now),
        "jpoa_completed": completed,
        "jpoa_in_progress": int((now["status"] == "in_progress").sum()),
        "jpoa_not_started": int((now["status"] == "not_started").sum()),
        "jpoa_completed_since": completed - int((then["status"] == "completed").sum()),
    }


def withheld(data: Data, synthetic: bool) -> int:
    """All-time regional total of requests not published (the consent note); only the real ones when synthetic is
    switched off."""
    requests = data["requests"]
    withheld_rows = requests[~requests["consent_to_publish"]]
    if not synthetic:
        withheld_rows = withheld_rows[~withheld_rows["is_synthetic"]]
    return len(withheld_rows)


def action_plans(data: Data, f: Filters) -> int:
    """National action plans of the States in the State filter, whatever the period (context, not an output); only
    the real ones when synthetic is switched off."""
    plans = data["national_action_plans"]
    plans = plans[plans["state_id"].isin(f.states or CENTRAL_ASIA)]
    if not f.synthetic:
        plans = plans[~plans["is_synthetic"]]
    return len(plans)
