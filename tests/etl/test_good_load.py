"""The good fixture set loads completely, and the marts hold the values worked out by hand from the fixture rows."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from etl import settings
from etl.load import LoadResult
from tests.etl.conftest import (
    GOOD,
    GOOD_COUNTS,
    TODAY,
    core_counts,
    label,
    query,
    read_csv,
    rejects,
    run_etl,
    write_csv,
)


@dataclass
class Loaded:
    source: Path
    warehouse: Path
    result: LoadResult


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    """One load of a copy of the good fixture set, shared by the tests that only read it."""
    source = Path(shutil.copytree(GOOD, tmp_path_factory.mktemp("good") / "source"))
    warehouse = tmp_path_factory.mktemp("published") / "warehouse.duckdb"
    return Loaded(source, warehouse, run_etl(source, warehouse=warehouse))


def test_every_core_table_has_exactly_the_fixture_rows_and_nothing_is_rejected(loaded: Loaded) -> None:
    assert core_counts(loaded.warehouse) == GOOD_COUNTS
    assert rejects(loaded.warehouse) == []
    assert loaded.result.rejects_total == 0
    assert loaded.result.rows_loaded == sum(GOOD_COUNTS.values()) == 59


def test_request_pipeline_stages_and_the_seven_day_rule(loaded: Loaded) -> None:
    warehouse = loaded.warehouse
    rows = query(
        warehouse,
        "select request_id, days_to_distribute, distributed_within_7_days, stage, is_open, age_days "
        "from mart.request_pipeline order by request_id",
    )
    assert rows == [
        # received 2012-03-01, distributed 2012-03-05; its item's match was delivered; closed
        ("R-KAZ-1", 4, True, "delivered", False, None),
        # received 2013-05-10, distributed 2013-05-20: 10 days, a breach; matched (accepted), not delivered
        ("R-KGZ-1", 10, False, "matched", True, (TODAY - dt.date(2013, 5, 10)).days),
        ("R-TKM-1", 4, True, "matched", True, (TODAY - dt.date(2014, 2, 3)).days),
        # never acknowledged nor distributed, pending for years: a breach, still at 'received'
        ("R-UZB-1", None, False, "received", True, (TODAY - dt.date(2015, 9, 1)).days),
    ]


def test_a_request_pending_seven_days_or_less_is_not_yet_a_breach(good_dir: Path, warehouse: Path) -> None:
    requests = read_csv(good_dir, "requests")
    fresh = dict(requests[-1], request_id="R-UZB-2", received_date=(TODAY - dt.timedelta(days=7)).isoformat())
    write_csv(good_dir, "requests", [*requests, fresh])
    run_etl(good_dir, warehouse=warehouse)
    assert query(
        warehouse, "select distributed_within_7_days, stage from mart.request_pipeline where request_id = 'R-UZB-2'"
    ) == [(None, "received")]


def test_state_coverage(loaded: Loaded) -> None:
    warehouse = loaded.warehouse
    rows = query(
        warehouse,
        "select state_id, events_attended, events_attended_sourced, pillars_covered, requests_total, requests_open "
        "from mart.state_coverage order by state_id",
    )
    assert rows == [
        ("KAZ", 2, 2, ["II", "III"], 1, 0),  # host at Almaty (also participant) and at Astana
        ("KGZ", 2, 1, ["I", "III", "IV"], 1, 1),  # Almaty, and the synthetic Bishkek training
        ("TJK", 2, 1, ["I", "III", "IV"], 0, 0),
        ("TKM", 1, 1, ["III"], 1, 1),
        ("UZB", 1, 1, ["II"], 1, 1),  # observer at Astana
    ]


def test_area_gap(loaded: Loaded) -> None:
    warehouse = loaded.warehouse
    rows = query(
        warehouse,
        "select area, year, is_synthetic, items_requested, items_matched, items_delivered, items_unmet, offers_made "
        "from mart.area_gap order by area, year",
    )
    assert rows == [
        ("accounting_securing", 2015, True, 1, 0, 0, 1, 0),
        ("border_law_enforcement", 2012, True, 0, 0, 0, 0, 1),
        ("border_law_enforcement", 2014, True, 1, 1, 0, 0, 0),
        ("export_control", 2011, True, 0, 0, 0, 0, 1),
        ("export_control", 2012, True, 1, 1, 1, 0, 0),
        ("legislation", 2011, True, 0, 0, 0, 0, 1),
        ("legislation", 2013, True, 1, 1, 0, 0, 0),
        ("physical_protection", 2012, True, 0, 0, 0, 0, 1),
        ("physical_protection", 2013, True, 1, 0, 0, 1, 0),
    ]
    totals = query(
        warehouse,
        "select sum(items_requested), sum(items_matched), sum(items_delivered), sum(items_unmet), sum(offers_made) "
        "from mart.area_gap",
    )
    assert totals == [(5, 3, 1, 2, 4)]


def test_load_run_and_files_are_recorded(loaded: Loaded) -> None:
    warehouse, good_dir, run_id = loaded.warehouse, loaded.source, loaded.result.run_id
    runs = query(
        warehouse,
        "select run_id, as_of, strict, files, rows_read, rows_loaded, rows_rejected, etl_version from meta.load_runs",
    )
    assert runs == [(run_id, TODAY, False, 13, 59, 59, 0, settings.ETL_VERSION)]

    files = query(
        warehouse,
        "select run_id, table_name, path, sha256, encoding, delimiter, rows_read, rows_loaded, rows_rejected "
        "from meta.load_files order by table_name",
    )
    expected = []
    for table in sorted(GOOD_COUNTS):
        path = good_dir / f"{table}.csv"
        n = GOOD_COUNTS[table]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        expected.append((run_id, table, label(path), digest, "utf-8", ",", n, n, 0))
    assert files == expected


def test_a_second_run_keeps_the_first_runs_history(good_dir: Path, warehouse: Path) -> None:
    first = run_etl(good_dir, warehouse=warehouse)
    second = run_etl(good_dir, warehouse=warehouse)
    assert second.run_id != first.run_id
    assert sorted(r[0] for r in query(warehouse, "select run_id from meta.load_runs")) == sorted(
        [first.run_id, second.run_id]
    )
    per_run = query(warehouse, "select run_id, count(*) from meta.load_files group by run_id order by run_id")
    assert per_run == sorted([(first.run_id, 13), (second.run_id, 13)])
    # the data itself is the second run's, not both
    assert core_counts(warehouse) == GOOD_COUNTS
