"""ETL test helpers: a fresh copy of the good fixture set per test, real ETL runs, and the warehouse read back."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import shutil
import signal
import sys
from pathlib import Path

import duckdb
import pytest

from etl.contract import TABLES_BY_NAME
from etl.load import TMP_PATTERN, LoadResult, run

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "tests" / "fixtures" / "good"
TODAY = dt.date(2026, 11, 29)

#: Rows per core table in tests/fixtures/good.
GOOD_COUNTS = {
    "sources": 6,
    "pillars": 4,
    "actors": 10,
    "events": 3,
    "participation": 10,
    "procedure_steps": 3,
    "national_action_plans": 1,
    "requests": 4,
    "request_items": 5,
    "offers": 2,
    "matches": 3,
    "action_items": 3,
    "action_item_status": 5,
}

REJECT_FIELDS = ("table_name", "source_file", "source_row", "column_name", "value", "rule", "reason")


@pytest.fixture
def good_dir(tmp_path: Path) -> Path:
    """A private copy of tests/fixtures/good that a test may damage."""
    return Path(shutil.copytree(GOOD, tmp_path / "source"))


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    """Where a test publishes (its folder does not exist yet: the ETL creates it)."""
    return tmp_path / "published" / "warehouse.duckdb"


@pytest.fixture
def published(fixture_warehouse: Path, warehouse: Path) -> str:
    """The good fixture set already published at `warehouse` (a copy of the session's fixture warehouse): its run id."""
    warehouse.parent.mkdir(parents=True)
    shutil.copyfile(fixture_warehouse, warehouse)
    (run_id,) = run_ids(warehouse)
    return run_id


@pytest.fixture
def keep_sigterm_handler():
    """etl.__main__.main() installs a SIGTERM handler: give pytest its own back afterwards."""
    previous = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, previous)


def run_etl(*folders: Path, warehouse: Path, strict: bool = False, today: dt.date = TODAY) -> LoadResult:
    """One real ETL run (read, validate, build, publish) with a fixed 'today'."""
    return run(list(folders), warehouse, strict=strict, today=today)


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def rejects(warehouse: Path) -> list[dict]:
    """meta.rejects of the published warehouse, as dicts, in file and row order."""
    rows = query(
        warehouse,
        f"select {', '.join(REJECT_FIELDS)} from meta.rejects "
        "order by table_name, source_file, source_row, column_name",
    )
    return [dict(zip(REJECT_FIELDS, row, strict=True)) for row in rows]


def core_counts(warehouse: Path) -> dict[str, int]:
    counts = " union all ".join(f"select '{name}', count(*) from core.{name}" for name in GOOD_COUNTS)
    return dict(query(warehouse, counts))


def read_csv(folder: Path, table: str) -> list[dict]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(folder: Path, table: str, rows: list[dict], quoting: int = csv.QUOTE_MINIMAL) -> Path:
    """<folder>/<table>.csv with the contract's header (columns a row leaves out are blank)."""
    path = folder / f"{table}.csv"
    columns = [c.name for c in TABLES_BY_NAME[table].columns]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=columns, restval="", extrasaction="raise", lineterminator="\n", quoting=quoting
        )
        writer.writeheader()
        writer.writerows(rows)
    return path


def temp_files(folder: Path) -> list[Path]:
    """Files a run leaves only while it is building (.<name>.<pid>.<run>.tmp and its .wal)."""
    return sorted(p for p in folder.iterdir() if TMP_PATTERN.match(p.name)) if folder.is_dir() else []


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_ids(warehouse: Path) -> list[str]:
    return [r[0] for r in query(warehouse, "select run_id from meta.load_runs order by started_at")]


#: Load only the folders given with --source (not the shipped reference and demo data).
ONLY_SOURCES = ["--no-reference", "--no-demo"]


def cli(*args: str) -> list[str]:
    """`python -m etl` with only the given folders (no shipped data)."""
    return [sys.executable, "-m", "etl", *ONLY_SOURCES, *args]


def label(path: Path) -> str:
    """How the ETL names a source file in rejects and load records: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
