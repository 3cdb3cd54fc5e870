"""The one module that touches the warehouse: read-only, hardened, cached on the file's identity.

A connection is an in-memory DuckDB with the warehouse ATTACHed READ_ONLY as `wh`, the measure macros
(dashboard/measures) created in its in-memory database, external access off and the configuration locked, so no
query can read files, attach others or write to the warehouse. It is cached on the file's
(inode, mtime, size): when the ETL swaps in a new file the identity changes, the next query opens the
new file, and every cached result keyed on the old identity stops being used (TECH-NOTES, DuckDB).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboard import measures, settings

QUERY_DIR = Path(__file__).parent / "queries"
_PARAM = re.compile(r"\$([a-z_]+)")
#: Where a query's names are looked up: the warehouse's tables (core.x, mart.x, meta.x), then the measure macros.
SEARCH_PATH = "wh.main,memory.main"
log = logging.getLogger(__name__)


#: The load this script run reads ("as of load ..."), or None for the latest. Set at the start of every run
#: (chrome.open_page), so it never carries over from another session's run on the same thread.
_AS_OF_LOAD: ContextVar[str | None] = ContextVar("as_of_load", default=None)
_LOAD_ID = re.compile(r"\d{8}T\d{6}Z-[0-9a-f]{6}")


def snapshots_dir(view: str) -> Path:
    """The view's own snapshots (the ETL keeps each replaced file there): the public view lists public ones only."""
    live = settings.warehouse_path(view)
    return live.with_name(live.name + ".snapshots")


def snapshot_loads(view: str) -> list[str]:
    """The run ids of the view's kept snapshots, newest first."""
    folder = snapshots_dir(view)
    if not folder.is_dir():
        return []
    return sorted((p.stem for p in folder.glob("*.duckdb") if _LOAD_ID.fullmatch(p.stem)), reverse=True)


def use_load(view: str, load: str | None) -> str | None:
    """Read this run's queries from the snapshot of `load` when the view has one, else from the latest file; the
    load actually used (None: the latest). Anything not in the view's own snapshot folder is ignored."""
    chosen = load if load in snapshot_loads(view) else None
    _AS_OF_LOAD.set(chosen)
    return chosen


class WarehouseMissing(Exception):
    """No warehouse file at the configured path (or it cannot be opened)."""


@dataclass(frozen=True)
class Identity:
    path: str
    inode: int
    mtime_ns: int
    size: int


def identity(view: str, path: Path | None = None) -> Identity:
    """The identity of the file this view reads (the public view never touches the internal file)."""
    load = _AS_OF_LOAD.get()
    path = Path(path or (snapshots_dir(view) / f"{load}.duckdb" if load else settings.warehouse_path(view)))
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        raise WarehouseMissing(str(path)) from None
    return Identity(str(path), stat.st_ino, stat.st_mtime_ns, stat.st_size)


def open_readonly(path: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:", config={"threads": 2})
    escaped = path.replace("'", "''")
    con.execute(f"attach '{escaped}' as wh (read_only)")
    for _stem, sql in measures.files_in_order():
        con.execute(sql)  # macros of the in-memory database: never written to the warehouse
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")
    return con


@st.cache_resource(max_entries=4, show_spinner=False)
def _connection(ident: Identity) -> tuple[duckdb.DuckDBPyConnection, threading.Lock]:
    try:
        return open_readonly(ident.path), threading.Lock()
    except duckdb.Error as error:
        log.exception("cannot open warehouse %s", ident.path)
        raise WarehouseMissing(f"{ident.path}: {error}") from error


@cache
def sql_text(name: str) -> str:
    """The named query dashboard/queries/<name>.sql (names are file names, never user input)."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"bad query name {name!r}")
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _bound(sql: str, params: dict[str, object]) -> dict[str, object]:
    """Exactly the parameters the query names (DuckDB refuses extras); a missing one is a bug."""
    names = set(_PARAM.findall(sql))
    missing = names - params.keys()
    if missing:
        raise KeyError(f"query needs parameters {sorted(missing)}")
    return {n: params[n] for n in names}


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(ident: Identity, view: str, name: str, params: tuple[tuple[str, object], ...]) -> pd.DataFrame:
    con, lock = _connection(ident)
    sql = sql_text(name)
    # One cursor per call: cursors are cheap and safe across Streamlit's session threads.
    with lock:
        cursor = con.cursor()
    try:
        cursor.execute(f"set search_path = '{SEARCH_PATH}'")
        values = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
        return cursor.execute(sql, _bound(sql, values)).df()
    finally:
        cursor.close()


def query(name: str, view: str, **params: object) -> pd.DataFrame:
    """Run a named query with bound parameters on the view's own warehouse file.

    The view is an argument (never looked up inside a cached function): st.cache_data is shared by every session,
    so the view must be part of the cache key. The file identity differs per view as well.
    """
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list | tuple) else v) for k, v in params.items()))
    return _cached(identity(view), view, name, frozen).copy()
