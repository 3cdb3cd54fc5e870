"""Dashboard settings: one place, each with its default and what it is for."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The warehouse the app reads (read-only). Same default as the ETL's.
DEFAULT_WAREHOUSE = ROOT / "data" / "warehouse.duckdb"

#: The warehouse format this dashboard reads (etl.settings.ETL_VERSION of the load); another one is rebuilt first.
WAREHOUSE_FORMAT = "1.2"

#: The command that builds it, shown when it is missing.
BUILD_COMMAND = "make etl   (or: python -m etl)"

#: Offline country polygons drawn on the map.
BOUNDARIES = ROOT / "data" / "geo" / "boundaries.geojson"

#: Central Asia: the five States the dashboard covers.
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")


#: Set to 1 on a single-user laptop to see the internal view without signing in (never on a shared server).
LOCAL_INTERNAL_ENV = "DASHBOARD_LOCAL_INTERNAL"

#: Above this many event rows the overview timeline draws monthly totals instead of single events.
TIMELINE_MAX_EVENTS = 2000

#: The most rows a table sends to the browser (issue 11: whole tables of 14-21 MB were sent on every run at scale
#: 1000). Longer tables show their first rows with a count; their download holds every row, built on the click.
TABLE_ROWS = 500

#: Above this many meetings the coverage map draws one dot per place instead of one per meeting (the map's spec was
#: 14.7 MB at scale 1000).
MAP_MAX_VENUES = 500

#: Rows shown in "latest changes" lists.
LATEST_CHANGES = 12


def internal_warehouse_path() -> Path:
    """The internal warehouse: DASHBOARD_WAREHOUSE when set, else data/warehouse.duckdb."""
    return Path(os.environ.get("DASHBOARD_WAREHOUSE") or DEFAULT_WAREHOUSE)


def public_warehouse_path() -> Path:
    """The public warehouse: DASHBOARD_PUBLIC_WAREHOUSE when set, else the ETL's file beside the internal one
    (data/warehouse.public.duckdb). A public deployment may ship only this file."""
    explicit = os.environ.get("DASHBOARD_PUBLIC_WAREHOUSE")
    if explicit:
        return Path(explicit)
    internal = internal_warehouse_path()
    return internal.with_name(f"{internal.stem}.public{internal.suffix}")


def warehouse_path(view: str) -> Path:
    """The one file a view reads: the public view never opens the internal warehouse."""
    if view == "internal":
        return internal_warehouse_path()
    if view == "public":
        return public_warehouse_path()
    raise ValueError(f"unknown view {view!r}")
