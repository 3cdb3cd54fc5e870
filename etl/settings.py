"""ETL settings: one place, each with its default and what it is for."""

from __future__ import annotations

import os
from pathlib import Path

#: The warehouse format, recorded in meta.load_runs. 1.1: core.withheld and the public file beside the internal one.
#: 1.2: marts hold dated facts only (judgements moved to the dashboard's measure layer), mart.distribution_rule.
#: The dashboard refuses (with the rebuild command) a warehouse of another format.
ETL_VERSION = "1.2"

ROOT = Path(__file__).resolve().parent.parent

#: Where the warehouse is published. Override with --warehouse or DASHBOARD_WAREHOUSE.
DEFAULT_WAREHOUSE = ROOT / "data" / "warehouse.duckdb"

#: Real reference data (pillars, actors, events, participation, procedure, action plans), each row sourced.
REFERENCE_DIR = ROOT / "data" / "reference"

#: Synthetic demonstration data (every row is_synthetic = true), made by `python -m etl.synth`.
DEMO_DIR = ROOT / "data" / "demo"


def warehouse_path(cli_value: str | None = None) -> Path:
    """--warehouse, else DASHBOARD_WAREHOUSE, else data/warehouse.duckdb."""
    return Path(cli_value or os.environ.get("DASHBOARD_WAREHOUSE") or DEFAULT_WAREHOUSE)


def etl_threads() -> int:
    """DuckDB threads for the build (ETL_THREADS; default: all cores)."""
    return int(os.environ.get("ETL_THREADS") or os.cpu_count() or 2)


def snapshots_to_keep() -> int:
    """How many earlier warehouses each publish keeps as snapshots (ETL_SNAPSHOTS; default 10; 0 keeps none)."""
    return max(0, int(os.environ.get("ETL_SNAPSHOTS") or 10))


#: The wipe-out guard: a table that would keep no more than this share of the rows it had in the previous published
#: load (0.5: it loses more than half, or all of them) is named in the run's summary and on the data page, and
#: --strict refuses to publish. One mistaken export (a header-only file) must never empty a table without a word.
WIPE_OUT_KEEPS_AT_MOST = 0.5
