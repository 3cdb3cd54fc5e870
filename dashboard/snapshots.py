"""What changed between two loads of a view: the rows added, changed and removed per table (etl/imports.py's
comparison), read from the view's own files only (its latest file and its own snapshots), read-only and hardened."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dashboard import settings
from dashboard.warehouse import snapshot_loads, snapshots_dir
from etl.contract import load_order
from etl.imports import TableChanges, changes_between

LATEST = "latest"


def file_of(view: str, load: str) -> Path:
    """The file of a load of this view: the latest, or one of the view's own snapshots (anything else: ValueError)."""
    if load == LATEST:
        return settings.warehouse_path(view)
    if load not in snapshot_loads(view):
        raise ValueError(f"no kept load {load!r} in this view")
    return snapshots_dir(view) / f"{load}.duckdb"


def changes(view: str, old: str, new: str) -> dict[str, TableChanges]:
    """Per table, the rows added, changed and removed from load `old` to load `new` of this view."""
    con = duckdb.connect(":memory:", config={"threads": 2})
    try:
        for alias, load in (("a", old), ("b", new)):
            escaped = str(file_of(view, load)).replace("'", "''")
            con.execute(f"attach '{escaped}' as {alias} (read_only)")
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")
        return {name: changes_between(con, name, f"b.core.{name}", f"a.core.{name}") for name in load_order()}
    finally:
        con.close()
