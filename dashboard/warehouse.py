"""The one module that touches the warehouse: read-only, hardened, cached on the file's identity.

A connection is an in-memory DuckDB with the warehouse ATTACHed READ_ONLY as `wh`, the measure macros
(dashboard/measures) created in its in-memory database, external access off and the configuration locked, so no
query can read files, attach others or write to the warehouse. It is cached on the file's
(inode, mtime, size): when the ETL swaps in a new file the identity changes, the next query opens the
new file, and every cached result keyed on the old identity is dropped (TECH-NOTES, DuckDB).

The caches (connections, query results, and what pages build from them through `remember`) live in dashboard/cache.py,
outside Streamlit's: one anonymous `clear_cache` websocket message empties st.cache_data and st.cache_resource for
every session, and cannot reach these.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from dashboard import measures, settings
from dashboard.cache import FIGURES, SharedCache

T = TypeVar("T")

QUERY_DIR = Path(__file__).parent / "queries"
_PARAM = re.compile(r"\$([a-z_]+)")
#: Where a query's names are looked up: the warehouse's tables (core.x, mart.x, meta.x), then the measure macros.
SEARCH_PATH = "wh.main,memory.main"
log = logging.getLogger(__name__)


#: The load this script run reads ("as of load ..."), or None for the latest. Set at the start of every run
#: (chrome.open_page), so it never carries over from another session's run on the same thread.
_AS_OF_LOAD: ContextVar[str | None] = ContextVar("as_of_load", default=None)
_LOAD_ID = re.compile(r"\d{8}T\d{6}(\d{3})?Z-[0-9a-f]{6}")  # milliseconds since Dec 2026; older ids have none


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


@contextlib.contextmanager
def reading_load(view: str, load: str) -> Iterator[None]:
    """For a few queries, read the view's kept snapshot of `load` (the data-quality page opens an older load's own
    rejects), then go back to the file the run was reading."""
    if load not in snapshot_loads(view):
        raise ValueError(f"no kept load {load!r} in this view")
    token = _AS_OF_LOAD.set(load)
    try:
        yield
    finally:
        _AS_OF_LOAD.reset(token)


class WarehouseMissing(Exception):
    """No warehouse file at the configured path (or it cannot be opened)."""


@dataclass(frozen=True)
class Identity:
    path: str
    inode: int
    mtime_ns: int
    size: int


#: One connection per file identity (a few: old readers finish on the old file while new ones open the new one).
CONNECTIONS = SharedCache(max_entries=4)
#: Query results: (identity, view, query name, parameters) -> DataFrame.
RESULTS = SharedCache(max_entries=512)
#: What pages build from results (figures, tables ready to send): (identity, view, name, parameters) -> value.
BUILT = SharedCache(max_entries=512)
_LATEST: dict[str, Identity] = {}  # path -> the identity last seen there
_LATEST_LOCK = threading.Lock()


def identity(view: str, path: Path | None = None) -> Identity:
    """The identity of the file this view reads (the public view never touches the internal file)."""
    load = _AS_OF_LOAD.get()
    path = Path(path or (snapshots_dir(view) / f"{load}.duckdb" if load else settings.warehouse_path(view)))
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        raise WarehouseMissing(str(path)) from None
    found = Identity(str(path), stat.st_ino, stat.st_mtime_ns, stat.st_size)
    with _LATEST_LOCK:
        changed = _LATEST.get(found.path) != found
        _LATEST[found.path] = found
    if changed:
        forget_other_identities(found)
    return found


def forget_other_identities(current: Identity) -> None:
    """A new file at this path: drop every connection and cached value of the files it replaced."""

    def stale(key: Hashable) -> bool:
        ident = key if isinstance(key, Identity) else key[0]  # type: ignore[index]
        return ident.path == current.path and ident != current

    for shared in (CONNECTIONS, RESULTS, BUILT):
        shared.forget(stale)


def clear_shared_caches() -> None:
    """Empty every shared cache (tests; nothing a client can send reaches this)."""
    for shared in (CONNECTIONS, RESULTS, BUILT, FIGURES):
        shared.clear()
    with _LATEST_LOCK:
        _LATEST.clear()


def open_readonly(path: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:", config={"threads": 2})
    escaped = path.replace("'", "''")
    con.execute(f"attach '{escaped}' as wh (read_only)")
    for _stem, sql in measures.files_in_order():
        con.execute(sql)  # macros of the in-memory database: never written to the warehouse
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")
    return con


def _connection(ident: Identity) -> tuple[duckdb.DuckDBPyConnection, threading.Lock]:
    def opened() -> tuple[duckdb.DuckDBPyConnection, threading.Lock]:
        try:
            return open_readonly(ident.path), threading.Lock()
        except duckdb.Error as error:
            log.exception("cannot open warehouse %s", ident.path)
            raise WarehouseMissing(f"{ident.path}: {error}") from error

    return CONNECTIONS.get_or_build(ident, opened)


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


def _run(ident: Identity, name: str, params: tuple[tuple[str, object], ...]) -> pd.DataFrame:
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


def frozen(params: Mapping[str, object]) -> tuple[tuple[str, object], ...]:
    """Parameters as part of a cache key: sorted, lists as tuples."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list | tuple) else v) for k, v in params.items()))


def query(name: str, view: str, **params: object) -> pd.DataFrame:
    """Run a named query with bound parameters on the view's own warehouse file.

    The view is an argument (never looked up inside a cached function): the cache is shared by every session, so
    the view must be part of the cache key. The file identity differs per view as well.
    """
    ident, bound = identity(view), frozen(params)
    return RESULTS.get_or_build((ident, view, name, bound), lambda: _run(ident, name, bound)).copy()


def remember(view: str, name: str, params: Mapping[str, object], build: Callable[[], T]) -> T:
    """A value built from this view's warehouse (a figure, a table ready to send), built once for every session that
    asks with the same name and parameters, until the file changes. `params` must hold everything `build` reads
    besides the warehouse; the value is shared, so nobody may change it."""
    return BUILT.get_or_build((identity(view), view, name, frozen(params)), build)
