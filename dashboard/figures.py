"""What each page shows: every key figure row, chart, table and map, with the measures it shows and the named queries
its data comes from. Pages draw a figure only through dashboard/ui/blocks.py, which takes its entry from here; a test
renders every page and checks that each figure drawn ran the queries declared here and that every query a page ran
is declared. docs/LINEAGE.md (page -> figure -> measure -> query -> tables -> source columns) is generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    page: str  # the page stem (pages/<page>.py)
    key: str  # its name on the page: of its chart, table and download (<page>_<key>.csv)
    kind: str  # "key figures", "chart", "table" or "map"
    measures: tuple[str, ...] = ()  # catalogue keys of the measures it shows (none: rows as recorded)
    queries: tuple[str, ...] = ()  # dashboard/queries/<name>.sql its data comes from

    @property
    def name(self) -> str:
        return f"{self.page}_{self.key}"


def _page(page: str, *figures: tuple) -> dict[str, Figure]:
    return {key: Figure(page, key, kind, tuple(measures), tuple(queries)) for key, kind, measures, queries in figures}


OVERVIEW_KEYS = (
    "meetings_held",
    "states_reached",
    "requests_received",
    "requests_open_at_end",
    "requests_matched",
    "requests_delivered",
    "median_days_to_distribute",
    "share_within_rule",
)

FIGURES: dict[str, dict[str, Figure]] = {
    "overview": _page(
        "overview",
        ("key_figures", "key figures", OVERVIEW_KEYS, ["overview_key_figures"]),
        ("event_timeline", "chart", ["events_held"], ["overview_timeline"]),
        ("event_timeline_monthly", "chart", ["events_held"], ["overview_timeline_monthly"]),
        ("latest_changes", "table", [], ["overview_latest_changes"]),
    ),
}


def figure(page: str, key: str) -> Figure:
    """A page's figure; an unknown one raises."""
    return FIGURES[page][key]


def of_page(page: str) -> dict[str, Figure]:
    return FIGURES[page]
