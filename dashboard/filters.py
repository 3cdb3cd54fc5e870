"""Shared filters: one immutable value, read from and written to the URL, turned into query parameters.

Pure functions, no Streamlit: the sidebar widgets live in dashboard/ui/sidebar.py. Every value read from a URL is
checked against an allow-list (the codes the warehouse holds); anything else is dropped, never passed on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

ALL = "all"


@dataclass(frozen=True)
class Choices:
    """What the warehouse holds: the allow-lists and the period bounds."""

    first_date: dt.date
    last_date: dt.date
    states: tuple[str, ...]
    pillars: tuple[str, ...]
    areas: tuple[str, ...]
    funders: tuple[str, ...]


@dataclass(frozen=True)
class Filters:
    start: dt.date
    end: dt.date
    states: tuple[str, ...] = ()  # empty: all
    pillars: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    funders: tuple[str, ...] = ()
    synthetic: bool = True  # whether synthetic (demonstration) rows count
    as_of_load: str | None = None  # a kept earlier load to read instead of the latest (dashboard.warehouse)

    def params(self) -> dict[str, object]:
        """Bound parameters for the named queries ($start, $end, $states ... $synthetic)."""
        return {
            "start": self.start,
            "end": self.end,
            "states": list(self.states),
            "pillars": list(self.pillars),
            "areas": list(self.areas),
            "funders": list(self.funders),
            "synthetic": self.synthetic,
        }

    def to_query(self) -> dict[str, str]:
        """URL query parameters, defaults included, so a copied link reopens exactly this view."""
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "states": ",".join(self.states) or ALL,
            "pillars": ",".join(self.pillars) or ALL,
            "areas": ",".join(self.areas) or ALL,
            "funders": ",".join(self.funders) or ALL,
            "synthetic": "1" if self.synthetic else "0",
        } | ({"asof": self.as_of_load} if self.as_of_load else {})


def load_label(load: str) -> str:
    """A kept load as people read it: 20261203T152953Z-fa490b -> 2026-12-03 15:29 UTC (a run id starts with the time
    it started)."""
    return f"{load[0:4]}-{load[4:6]}-{load[6:8]} {load[9:11]}:{load[11:13]} UTC"


def defaults(choices: Choices) -> Filters:
    return Filters(start=choices.first_date, end=choices.last_date)


def _date(text: str | None, fallback: dt.date, choices: Choices) -> dt.date:
    try:
        value = dt.date.fromisoformat(str(text))
    except ValueError:
        return fallback
    return min(max(value, choices.first_date), choices.last_date)


def _codes(text: str | None, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if not text or text == ALL:
        return ()
    picked = [code for code in str(text).split(",") if code in allowed]
    ordered = tuple(code for code in allowed if code in picked)
    return () if set(ordered) == set(allowed) else ordered


def from_query(query: Mapping[str, str], choices: Choices, loads: tuple[str, ...] = ()) -> Filters:
    """Filters from URL parameters; anything missing or not allowed falls back to the default (`loads`: the kept
    earlier loads this view may read)."""
    start = _date(query.get("from"), choices.first_date, choices)
    end = _date(query.get("to"), choices.last_date, choices)
    if end < start:
        start, end = end, start
    return Filters(
        start=start,
        end=end,
        states=_codes(query.get("states"), choices.states),
        pillars=_codes(query.get("pillars"), choices.pillars),
        areas=_codes(query.get("areas"), choices.areas),
        funders=_codes(query.get("funders"), choices.funders),
        synthetic=query.get("synthetic", "1") != "0",
        as_of_load=query.get("asof") if query.get("asof") in loads else None,
    )


def with_states(filters: Filters, states: tuple[str, ...]) -> Filters:
    return replace(filters, states=states)


def previous_period(filters: Filters, first_date: dt.date) -> Filters | None:
    """The same filters over the period of the same length just before, when the data covers it (key figures
    compare with it); None when it would start before the data does."""
    span = filters.end - filters.start
    start, end = filters.start - span - dt.timedelta(days=1), filters.start - dt.timedelta(days=1)
    return replace(filters, start=start, end=end) if start >= first_date else None
