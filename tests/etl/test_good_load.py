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
    rejects,
    run_etl,
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


def test_request_pipeline_holds_dated_facts_only(loaded: Loaded) -> None:
    """Whether a step had happened, and so late / open / stage, is judged at a period end by the dashboard's measure
    layer (dashboard/measures, tests/dashboard/test_measures.py): the mart keeps the dates, judges nothing."""
    rows = query(
        loaded.warehouse,
        "select request_id, received_date, acknowledged_date, distributed_date, status, closed_date, n_items, areas "
        "from mart.request_pipeline order by request_id",
    )
    d = dt.date
    assert rows == [
        ("R-KAZ-1", d(2012, 3, 1), d(2012, 3, 2), d(2012, 3, 5), "closed", d(2014, 6, 30), 1, ["export_control"]),
        (
            "R-KGZ-1",
            d(2013, 5, 10),
            d(2013, 5, 13),
            d(2013, 5, 20),
            "open",
            None,
            2,
            ["legislation", "physical_protection"],
        ),
        ("R-TKM-1", d(2014, 2, 3), d(2014, 2, 4), d(2014, 2, 7), "open", None, 1, ["border_law_enforcement"]),
        ("R-UZB-1", d(2015, 9, 1), None, None, "open", None, 1, ["accounting_securing"]),
    ]
    columns = {
        c
        for (c,) in query(
            loaded.warehouse, "select column_name from duckdb_columns() where table_name = 'request_pipeline'"
        )
    }
    assert not columns & {"distributed_within_7_days", "is_open", "age_days", "stage"}


def test_the_distribution_rule_comes_from_the_procedure_step(loaded: Loaded) -> None:
    assert query(
        loaded.warehouse, "select distribution_rule_days, step_no, from_procedure_data from mart.distribution_rule"
    ) == [(7, 3, True)]


def test_without_procedure_data_the_rule_is_one_week(good_dir: Path, warehouse: Path) -> None:
    (good_dir / "procedure_steps.csv").unlink()
    run_etl(good_dir, warehouse=warehouse)
    assert query(warehouse, "select distribution_rule_days, from_procedure_data from mart.distribution_rule") == [
        (7, False)
    ]


def test_no_mart_is_judged_against_the_load_date() -> None:
    from etl.load import SQL_DIR

    for path in (SQL_DIR / "marts").glob("*.sql"):
        text = path.read_text(encoding="utf-8")
        assert "$as_of" not in text and "current_date" not in text and "today" not in text.lower(), path.name


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
