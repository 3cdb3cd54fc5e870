"""The caches every session shares (dashboard/cache.py, dashboard/warehouse.py): bounded, built once under
concurrency, keyed by view and file identity, and out of reach of the `clear_cache` message any client may send."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from dashboard import warehouse
from dashboard.cache import SharedCache
from tests.benchmarks import servers
from tests.benchmarks.protocol_client import Session, run_sync
from tests.dashboard.conftest import APP

FILTERS = {"start": None, "end": None, "states": [], "pillars": [], "areas": [], "funders": [], "synthetic": True}


def test_lru_is_bounded_and_keeps_the_recently_used() -> None:
    shared = SharedCache(max_entries=2)
    shared.get_or_build("a", lambda: 1)
    shared.get_or_build("b", lambda: 2)
    assert shared.get_or_build("a", lambda: 0) == 1  # a hit: "a" is now the most recent
    shared.get_or_build("c", lambda: 3)
    assert len(shared) == 2
    assert shared.get_or_build("b", lambda: "rebuilt") == "rebuilt"  # "b" was the least recently used
    assert shared.builds == 4


def test_a_value_wanted_by_many_threads_at_once_is_built_once() -> None:
    shared = SharedCache(max_entries=8)
    calls: list[int] = []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.2)
        return "value"

    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(shared.get_or_build("k", slow))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["value"] * 8 and len(calls) == 1


def test_a_failed_build_is_not_kept() -> None:
    shared = SharedCache(max_entries=2)
    with pytest.raises(ZeroDivisionError):
        shared.get_or_build("k", lambda: 1 / 0)
    assert shared.get_or_build("k", lambda: 5) == 5


def test_remembered_values_are_kept_per_view() -> None:
    built = [warehouse.remember(view, "x", {"n": 1}, lambda view=view: view) for view in ("internal", "public")]
    assert built == ["internal", "public"]
    assert warehouse.remember("public", "x", {"n": 1}, lambda: "rebuilt") == "public"


def test_a_new_file_drops_the_old_files_entries(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fixture_warehouse):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(fixture_warehouse, path)
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(path))
    warehouse.query("request_register_requests", "internal", **FILTERS, unpublished_only=False)
    warehouse.remember("internal", "figure", {}, lambda: "old")
    old = warehouse.identity("internal")
    assert len(warehouse.RESULTS) and len(warehouse.BUILT) and len(warehouse.CONNECTIONS)

    replacement = tmp_path / "new.duckdb"
    shutil.copy(fixture_warehouse, replacement)
    os.replace(replacement, path)  # as the ETL publishes
    assert warehouse.identity("internal") != old
    assert not [key for key in warehouse.RESULTS._entries if key[0] == old]
    assert not [key for key in warehouse.CONNECTIONS._entries if key == old]
    assert warehouse.remember("internal", "figure", {}, lambda: "new") == "new"


def _same_identity_garbage(path: Path) -> None:
    """Overwrite the file with zeros in place, keeping its inode, size and mtime: to the app it is the same file, but
    opening it again fails. A page that still shows its data was served from the caches."""
    stat = path.stat()
    with path.open("r+b") as handle:
        handle.write(b"\0" * stat.st_size)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (stat.st_ino, stat.st_size, stat.st_mtime_ns)


async def _warm_clear_and_reopen(url: str, served: Path) -> tuple:
    async with Session(url, timeout=60, fetch_media=False) as first:
        warm = await first.open("pillar_progress")
    _same_identity_garbage(served)
    async with Session(url, timeout=60, fetch_media=False) as anonymous:
        await anonymous.clear_cache()
        await anonymous.open("load_details")  # the message is handled in order: it has been by this run's end
    async with Session(url, timeout=60, fetch_media=False) as later:
        after = await later.open("pillar_progress")
    return warm, after


def test_clear_cache_from_an_anonymous_client_leaves_the_shared_caches_warm(fixture_warehouse, tmp_path) -> None:
    """Issue 11: one `clear_cache` message from anyone emptied every Streamlit cache for every user. The shared
    caches do not listen: after it, a page opened with the same filters is still served without the warehouse."""
    internal = tmp_path / "warehouse.duckdb"
    shutil.copy(fixture_warehouse, internal)
    served = internal.with_name("warehouse.public.duckdb")
    shutil.copy(fixture_warehouse.with_name("fixture.public.duckdb"), served)
    with servers.serve(APP, servers.server_env(internal, "public")) as server:
        warm, after = run_sync(_warm_clear_and_reopen(server.url, served))
    assert warm.errors == [] and warm.page_state.element_types()["plotly_chart"] >= 1
    assert after.errors == []
    assert after.page_state.element_types() == warm.page_state.element_types(), "the page was rebuilt from the file"


def test_a_figure_is_built_once_for_the_same_data_and_view(monkeypatch: pytest.MonkeyPatch) -> None:
    import pandas as pd

    from dashboard import access
    from dashboard.cache import shared_figure

    built: list[int] = []

    @shared_figure
    def chart(frame: pd.DataFrame, title: str) -> dict:
        built.append(1)
        return {"rows": len(frame), "title": title}

    frame = pd.DataFrame({"state": ["KAZ", "KGZ"], "n": [1, 2]})
    first = chart(frame, "a")
    assert chart(frame.copy(), "a") is first and len(built) == 1  # equal content, a different object: shared
    assert chart(frame.assign(n=[1, 3]), "a") is not first and len(built) == 2
    assert chart(frame, title="b")["title"] == "b" and len(built) == 3
    monkeypatch.setattr(access, "current_view", lambda: access.INTERNAL)
    assert chart(frame, "a") is not first and len(built) == 4, "each view builds its own"
