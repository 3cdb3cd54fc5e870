"""The wipe-out guard: a load that empties a table, or cuts it to half or less of the published one, never goes
unnoticed: named in the summary, recorded in the load record (both files), shown on the data page; --strict refuses."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import streamlit as st

from etl.guard import WipeOut, published_counts, wipe_outs
from tests.etl.conftest import GOOD_COUNTS, ROOT, cli, query, read_csv, run_ids, sha256, temp_files, write_csv

HEADER_ONLY = "event_id,actor_id,role,note,source_url,confidence,is_synthetic\n"


def _etl(source: Path, warehouse: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        cli("--source", str(source), "--warehouse", str(warehouse), *extra),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_guard_names_tables_emptied_or_cut_to_half_or_less() -> None:
    before = {"pillars": 4, "events": 10, "participation": 10, "requests": 0, "actors": 3}
    after = {"pillars": 3, "events": 5, "participation": 0, "requests": 0, "actors": 9}
    assert wipe_outs(before, after) == [WipeOut("events", 10, 5), WipeOut("participation", 10, 0)]
    assert wipe_outs({}, after) == []  # nothing published yet: nothing to compare with
    assert wipe_outs(before, after, keeps_at_most=0.8) == [
        WipeOut("pillars", 4, 3),
        WipeOut("events", 10, 5),
        WipeOut("participation", 10, 0),
    ]


def test_published_counts_reads_the_served_file_and_is_empty_without_one(published: str, warehouse: Path) -> None:
    assert published_counts(warehouse) == GOOD_COUNTS
    assert published_counts(warehouse.with_name("missing.duckdb")) == {}
    broken = warehouse.with_name("broken.duckdb")
    broken.write_bytes(b"not a database" * 100)
    assert published_counts(broken) == {}


def test_a_header_only_participation_file_is_named_in_the_summary_and_recorded(
    good_dir: Path, warehouse: Path, published: str
) -> None:
    (good_dir / "participation.csv").write_text(HEADER_ONLY, encoding="utf-8")

    done = _etl(good_dir, warehouse)

    assert done.returncode == 0, done.stderr
    assert "WARNING:" in done.stdout
    assert (
        "wipe-out: table participation would be emptied: 10 row(s) in the published warehouse, none now" in done.stdout
    )
    assert "participation.csv: a header row and no data rows" in done.stdout
    latest = run_ids(warehouse)[-1]
    for path in (warehouse, warehouse.with_name("warehouse.public.duckdb")):
        assert query(path, "select run_id, kind, table_name, rows_before, rows_after from meta.load_warnings") == [
            (latest, "wipe_out", "participation", 10, 0)
        ]


def test_strict_refuses_a_header_only_file_and_publishes_nothing(
    good_dir: Path, warehouse: Path, published: str
) -> None:
    before = sha256(warehouse)
    (good_dir / "participation.csv").write_text(HEADER_ONLY, encoding="utf-8")

    done = _etl(good_dir, warehouse, "--strict")

    assert done.returncode == 1
    assert "error: --strict: table participation would be emptied" in done.stderr
    assert "The warehouse was not changed" in done.stderr
    assert sha256(warehouse) == before
    assert run_ids(warehouse) == [published]
    assert temp_files(warehouse.parent) == []


def test_a_table_cut_by_more_than_half_is_flagged_and_a_small_cut_is_not(
    good_dir: Path, warehouse: Path, published: str
) -> None:
    rows = read_csv(good_dir, "participation")
    write_csv(good_dir, "participation", rows[:7])
    assert "WARNING:" not in _etl(good_dir, warehouse).stdout
    assert query(warehouse, "select count(*) from meta.load_warnings") == [(0,)]

    write_csv(good_dir, "participation", rows[:3])
    done = _etl(good_dir, warehouse)
    assert "wipe-out: table participation would shrink from 7 to 3 row(s)" in done.stdout


@pytest.mark.parametrize("view", ["internal", "public"])
def test_the_data_page_shows_the_wipe_out_as_a_warning(
    view: str, good_dir: Path, warehouse: Path, published: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.dashboard.conftest import run_page

    (good_dir / "participation.csv").write_text(HEADER_ONLY, encoding="utf-8")
    assert _etl(good_dir, warehouse).returncode == 0
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(warehouse))
    monkeypatch.delenv("DASHBOARD_PUBLIC_WAREHOUSE", raising=False)
    if view == "internal":
        monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    else:
        monkeypatch.delenv("DASHBOARD_LOCAL_INTERNAL", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()

    at = run_page("load_details")

    assert not at.exception
    assert [w.value for w in at.warning if "emptied" in w.value] == [
        "This load emptied the table **participation**: it had 10 rows in the load before and has none now. "
        "If its source file was a header-only or partial export, load the full file again."
    ]
