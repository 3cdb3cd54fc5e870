"""Dashboard settings: one place, each with its default and what it is for."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The warehouse the app reads (read-only). Same default as the ETL's.
DEFAULT_WAREHOUSE = ROOT / "data" / "warehouse.duckdb"

#: The command that builds it, shown when it is missing.
BUILD_COMMAND = "make etl   (or: python -m etl)"

#: Offline country polygons drawn on the map.
BOUNDARIES = ROOT / "data" / "geo" / "boundaries.geojson"

#: Central Asia: the five States the dashboard covers.
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")

#: The one numeric service level of the 1540 procedure: distribute within this many days of receipt.
DISTRIBUTION_DAYS = 7

#: Rows shown in "latest changes" lists.
LATEST_CHANGES = 12


def warehouse_path() -> Path:
    """DASHBOARD_WAREHOUSE when set, else data/warehouse.duckdb."""
    return Path(os.environ.get("DASHBOARD_WAREHOUSE") or DEFAULT_WAREHOUSE)
