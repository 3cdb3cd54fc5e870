"""Source formats as they arrive: Excel workbooks, Windows-1251 semicolon CSV, BOMs, broken rows and broken files."""

from __future__ import annotations

import codecs
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from etl.contract import TABLES_BY_NAME
from etl.read import SourceError
from tests.etl.conftest import (
    GOOD_COUNTS,
    core_counts,
    label,
    query,
    read_csv,
    rejects,
    run_etl,
    run_ids,
    sha256,
    temp_files,
)


def typed_cells(table: str, row: dict, order: list[str]) -> list[object]:
    """A CSV row as Excel would hold it: real dates, numbers and booleans, empty cells as None."""
    cells = []
    for name in order:
        text = row[name]
        kind = TABLES_BY_NAME[table].column(name).type
        if text == "":
            cells.append(None)
        elif kind == "date":
            cells.append(dt.date.fromisoformat(text))
        elif kind == "int":
            cells.append(int(text))
        elif kind == "float":
            cells.append(float(text))
        elif kind == "bool":
            cells.append(text == "true")
        else:
            cells.append(text)
    return cells


def test_xlsx_sheets_load_with_their_cell_types(good_dir: Path, warehouse: Path, fixture_warehouse: Path) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in ("actors", "requests", "request_items"):
        rows = read_csv(good_dir, table)
        order = [c.name for c in TABLES_BY_NAME[table].columns]
        if table == "requests":  # columns in any order; an optional one last leaves trailing empty cells
            order = [c for c in order if c != "closed_date"] + ["closed_date"]
        sheet = workbook.create_sheet(table)
        sheet.append(["Comment", *order])  # a column the contract does not know
        for row in rows:
            sheet.append(["checked", *typed_cells(table, row, order)])
        (good_dir / f"{table}.csv").unlink()
    workbook.create_sheet("Notes").append(["anything", "at all"])
    path = good_dir / "sources.xlsx"
    workbook.save(path)

    result = run_etl(good_dir, warehouse=warehouse)

    assert rejects(warehouse) == []
    assert core_counts(warehouse) == GOOD_COUNTS
    assert [n for n in result.notes if "Notes" in n] == [f"{path}: sheet 'Notes' ignored, not a table of the contract"]
    assert f"{label(path)}[requests]: column(s) comment are not in the contract and were ignored" in result.notes
    files = query(
        warehouse,
        "select table_name, path, encoding, rows_read, rows_loaded, rows_rejected from meta.load_files "
        "where encoding = 'xlsx' order by table_name",
    )
    assert files == [
        ("actors", f"{label(path)}[actors]", "xlsx", 10, 10, 0),
        ("request_items", f"{label(path)}[request_items]", "xlsx", 5, 5, 0),
        ("requests", f"{label(path)}[requests]", "xlsx", 4, 4, 0),
    ]
    assert query(warehouse, "select count(*) from meta.load_files") == [(13,)]  # no row for the Notes sheet
    assert query(
        warehouse,
        "select received_date, consent_to_publish, closed_date from core.requests where request_id = 'R-KAZ-1'",
    ) == [(dt.date(2012, 3, 1), True, dt.date(2014, 6, 30))]
    assert query(warehouse, "select item_no from core.request_items where item_id = 'R-KGZ-1-2'") == [(2,)]
    assert query(warehouse, "select latitude, longitude from core.actors where actor_id = 'CTITF'") == [(40.75, -73.97)]
    # every value equals what the CSV fixture set loads
    for table in ("actors", "requests", "request_items"):
        columns = ", ".join(c.name for c in TABLES_BY_NAME[table].columns)
        sql = f"select {columns} from core.{table} order by all"
        assert query(warehouse, sql) == query(fixture_warehouse, sql), table


def test_cp1251_semicolon_csv_with_russian_names(good_dir: Path, warehouse: Path) -> None:
    actors = read_csv(good_dir, "actors")
    header = [c.name for c in TABLES_BY_NAME["actors"].columns]
    lines = [";".join(header)]
    for row in actors:  # as Excel saves "CSV" in a Russian locale: ';' and decimal commas
        lines.append(";".join(row[c].replace(".", ",") if c in ("latitude", "longitude") else row[c] for c in header))
    raw = ("\r\n".join(lines) + "\r\n").encode("cp1251")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the file really is not UTF-8
    (good_dir / "actors.csv").write_bytes(raw)

    run_etl(good_dir, warehouse=warehouse)

    assert rejects(warehouse) == []
    assert core_counts(warehouse) == GOOD_COUNTS
    assert query(warehouse, "select actor_id, name_ru from core.actors order by actor_id") == sorted(
        (a["actor_id"], a["name_ru"]) for a in actors
    )
    assert query(warehouse, "select latitude from core.actors where actor_id = 'KAZ'") == [(51.17,)]
    assert query(warehouse, "select encoding, delimiter from meta.load_files where table_name = 'actors'") == [
        ("cp1251", ";")
    ]


def test_utf8_with_bom(good_dir: Path, warehouse: Path) -> None:
    path = good_dir / "requests.csv"
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())

    run_etl(good_dir, warehouse=warehouse)

    assert rejects(warehouse) == []
    assert core_counts(warehouse) == GOOD_COUNTS
    assert query(warehouse, "select min(request_id) from core.requests") == [("R-KAZ-1",)]
    assert query(warehouse, "select encoding from meta.load_files where table_name = 'requests'") == [("utf-8",)]


def test_a_malformed_row_is_rejected_and_later_rows_keep_their_numbers(good_dir: Path, warehouse: Path) -> None:
    path = good_dir / "requests.csv"
    header, kaz, kgz, tkm, uzb = path.read_text(encoding="utf-8").splitlines()
    broken = kgz + ",one too many"
    # row 1 header, 2 R-KAZ-1, 3 blank, 4 R-KGZ-1 with one value too many, 5 R-TKM-1, 6 R-UZB-1 (made bad)
    path.write_text("\n".join([header, kaz, "", broken, tkm, uzb.replace(",referral,", ",email,")]) + "\n", "utf-8")

    run_etl(good_dir, warehouse=warehouse)

    found = [r for r in rejects(warehouse) if r["table_name"] == "requests"]
    assert found == [
        {
            "table_name": "requests",
            "source_file": label(path),
            "source_row": 4,
            "column_name": "",
            "value": broken,
            "rule": "malformed",
            "reason": "the row has 14 values but the header names 13 columns",
        },
        {
            "table_name": "requests",
            "source_file": label(path),
            "source_row": 6,
            "column_name": "channel",
            "value": "email",
            "rule": "allowed",
            "reason": "'email' is not an allowed value of channel (allowed: note_verbale, template, national_report, "
            "referral)",
        },
    ]
    assert query(warehouse, "select request_id, loaded_row from core.requests order by loaded_row") == [
        ("R-KAZ-1", 2),
        ("R-TKM-1", 5),
    ]
    assert query(
        warehouse, "select rows_read, rows_loaded, rows_rejected from meta.load_files where table_name = 'requests'"
    ) == [(4, 2, 2)]


def _missing_column(folder: Path) -> tuple[Path, list[str]]:
    rows = read_csv(folder, "requests")
    path = folder / "requests.csv"
    header = [c.name for c in TABLES_BY_NAME["requests"].columns if c.name != "channel"]
    path.write_text(
        "\n".join([",".join(header)] + [",".join(r[c] for c in header) for r in rows]) + "\n", encoding="utf-8"
    )
    return path, ["missing required column(s) channel for table 'requests'", "Start from the template workbook"]


def _undecodable(folder: Path) -> tuple[Path, list[str]]:
    path = folder / "requests.csv"
    good = path.read_bytes()
    path.write_bytes(good + b"R-BAD-1,UZB,2015-09-01,referral,,,true,open,,Caf\x98,,synthetic,true\n")
    offset = len(good) + len(b"R-BAD-1,UZB,2015-09-01,referral,,,true,open,,Caf")
    return path, [f"cannot decode the file as UTF-8 (invalid start byte at byte {offset})", "Save it as 'CSV UTF-8'"]


def _not_a_zip(folder: Path) -> tuple[Path, list[str]]:
    path = folder / "more.xlsx"
    path.write_bytes(b"request_id,state_id\nR-X,KAZ\n")
    return path, ["not a readable .xlsx workbook (not a zip archive)", "Save it again from Excel"]


def _empty(folder: Path) -> tuple[Path, list[str]]:
    path = folder / "requests.csv"
    path.write_bytes(b"")
    return path, ["the file is empty", "It needs a header row naming the columns"]


@pytest.mark.parametrize(
    "damage",
    [_missing_column, _undecodable, _not_a_zip, _empty],
    ids=["missing-required-column", "undecodable", "xlsx-not-a-zip", "empty-file"],
)
def test_an_unreadable_file_stops_the_run_and_leaves_the_warehouse_as_it_was(
    damage: Callable[[Path], tuple[Path, list[str]]], good_dir: Path, warehouse: Path, published: str
) -> None:
    before = sha256(warehouse)
    listing = sorted(os.listdir(warehouse.parent))
    path, fixes = damage(good_dir)

    with pytest.raises(SourceError) as error:
        run_etl(good_dir, warehouse=warehouse)

    message = str(error.value)
    assert message.startswith(f"{label(path)}: "), message
    for fix in fixes:
        assert fix in message
    assert sha256(warehouse) == before
    assert run_ids(warehouse) == [published]
    assert temp_files(warehouse.parent) == []
    assert sorted(os.listdir(warehouse.parent)) == listing == ["warehouse.duckdb"]
