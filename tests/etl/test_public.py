"""The public warehouse holds nothing of requests a State did not consent to publish, except regional totals."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.load import run
from etl.public import public_path
from tests.conftest import FIXED_TODAY, FIXTURES

# Planted in the fixture's only non-consented request (Turkmenistan's): ids, summary, item text, match feedback.
MARKERS = ("ZZSECRET", "R-TKM-1", "M-3", "O-EU-1")


def hits(path: Path, marker: str) -> list[str]:
    """Every table.column of the file holding the marker anywhere in its text (lists and dates included)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        columns = con.execute("""select database_name, schema_name, table_name, column_name from duckdb_columns()
                                 where database_name = current_database()""").fetchall()
        found = []
        for _db, schema, table, column in columns:
            count = con.execute(
                f'select count(*) from "{schema}"."{table}" where "{column}"::varchar like ?', [f"%{marker}%"]
            ).fetchone()[0]
            if count:
                found.append(f"{schema}.{table}.{column}")
        return found
    finally:
        con.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("public") / "w.duckdb"
    run([FIXTURES], path, today=FIXED_TODAY)
    return path


@pytest.mark.parametrize("marker", MARKERS)
def test_internal_warehouse_holds_the_markers(built: Path, marker: str) -> None:
    assert hits(built, marker), "the scan must find what is there, or it proves nothing"


@pytest.mark.parametrize("marker", MARKERS)
def test_public_warehouse_holds_no_marker_anywhere(built: Path, marker: str) -> None:
    assert hits(public_path(built), marker) == []


def test_public_requests_are_the_consented_ones_and_totals_are_regional(built: Path) -> None:
    con = duckdb.connect(str(public_path(built)), read_only=True)
    assert con.execute("select list(request_id order by request_id) from core.requests").fetchone()[0] == [
        "R-KAZ-1",
        "R-KGZ-1",
        "R-UZB-1",
    ]
    assert con.execute("select * from core.withheld").fetchall() == [(1, 1, 1, 1, 1)]
    assert [c[0] for c in con.execute("describe core.withheld").fetchall()] == [
        "requests",
        "synthetic_requests",
        "request_items",
        "matches",
        "offers",
    ]  # no State, area or date breakdown
    assert con.execute("select count(*) from mart.request_pipeline where state_id = 'TKM'").fetchone()[0] == 0
    assert (
        con.execute(
            "select count(*) from mart.activity_log where state_id = 'TKM' and request_id is not null"
        ).fetchone()[0]
        == 0
    )
    assert con.execute("select count(*) from meta.rejects").fetchone()[0] == 0
    # offers with no match at all stay public; the one matched only to the withheld request does not
    assert con.execute("select list(offer_id) from core.offers").fetchone()[0] == ["O-UNODC-1"]


def test_rejected_values_stay_internal(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for path in FIXTURES.iterdir():
        (source / path.name).write_bytes(path.read_bytes())
    with (source / "requests.csv").open("a", encoding="utf-8") as handle:
        handle.write("R-BAD-1,KAZ,2015-01-01,ZZSECRET-CHANNEL,,,false,open,,Summary.,,synthetic,true\n")
    warehouse = tmp_path / "w.duckdb"
    run([source], warehouse, today=FIXED_TODAY)
    assert hits(warehouse, "ZZSECRET-CHANNEL") == ["meta.rejects.value", "meta.rejects.reason"]
    assert hits(public_path(warehouse), "ZZSECRET-CHANNEL") == []


def test_public_load_details_name_no_request_file(built: Path) -> None:
    """A folder per State is a natural way to collect files: its name and per-file counts would say who asked."""
    internal = duckdb.connect(str(built), read_only=True)
    public = duckdb.connect(str(public_path(built)), read_only=True)
    request_files = "select path, sha256, rows_read from meta.load_files where table_name = 'requests'"
    assert internal.execute(request_files).fetchall()[0][0].endswith("requests.csv")
    assert public.execute(request_files).fetchall() == [
        ("1 file(s): paths and per-file counts in the internal view", None, 4)
    ]
    assert public.execute("select distinct sources from meta.load_runs").fetchall() == [
        ("(listed in the internal view)",)
    ]
    # tables without withheld rows keep one row per file (its base name: see test_public_columns.py)
    assert public.execute("select count(*) from meta.load_files where table_name = 'events'").fetchone()[0] == 1
