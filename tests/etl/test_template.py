"""The template workbook: generated from the contract, filled as an expert would, loaded through the real ETL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from etl.contract import CENTRAL_ASIA, TABLES, TABLES_BY_NAME, VOCABULARIES, load_order
from etl.template import HOW_TO_SHEET, LISTS_SHEET, enumerated_columns, write
from tests.etl.conftest import GOOD, GOOD_COUNTS, core_counts, query, read_csv, rejects, run_etl


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("template") / "template.xlsx")


def _cell_value(table: str, column: str, text: str, row_no: int) -> object:
    """A value as an expert's Excel would hold it: dates as real dates or DD.MM.YYYY text, numbers as numbers."""
    kind = TABLES_BY_NAME[table].column(column).type
    if not text:
        return None
    if kind == "date":
        day = dt.date.fromisoformat(text)
        return dt.datetime(day.year, day.month, day.day) if row_no % 2 else day.strftime("%d.%m.%Y")
    if kind == "int":
        return int(text)
    if kind == "float":
        return float(text)
    return text


def _fill(template: Path, out: Path, overrides: dict[tuple[str, str], str] | None = None) -> Path:
    """The template with every table of tests/fixtures/good typed into its sheet."""
    book = load_workbook(template)
    for table in load_order():
        sheet = book[table]
        header = [cell.value for cell in sheet[1]]
        for row_no, row in enumerate(read_csv(GOOD, table), start=2):
            for col_no, name in enumerate(header, start=1):
                text = (overrides or {}).get((table, f"{row[TABLES_BY_NAME[table].key[0]]}.{name}"), row[name])
                sheet.cell(row_no, col_no, _cell_value(table, name, text, row_no))
    book.save(out)
    return out


def test_the_template_has_a_how_to_sheet_first_and_one_sheet_per_table(template: Path) -> None:
    book = load_workbook(template)

    assert book.sheetnames[0] == HOW_TO_SHEET
    assert book.sheetnames[1:-1] == load_order()
    assert book[LISTS_SHEET].sheet_state == "hidden"
    for table in TABLES:
        sheet = book[table.name]
        assert [c.value for c in sheet[1]] == [c.name for c in table.columns]
        for cell, column in zip(sheet[1], table.columns, strict=True):
            assert column.meaning in cell.comment.text
            assert f"Example: {column.example}" in cell.comment.text


def test_every_enumerated_column_has_its_drop_down(template: Path) -> None:
    book = load_workbook(template)
    lists = book[LISTS_SHEET]
    for table in TABLES:
        sheet = book[table.name]
        expected = {c.name for c in enumerated_columns(table)}
        assert {c.name for c in table.columns if c.allowed} <= expected
        assert {c.name for c in table.columns if c.type == "bool"} <= expected
        for index, column in enumerate(table.columns, start=1):
            letter = get_column_letter(index)
            found = [v for v in sheet.data_validations.dataValidation if f"{letter}2:{letter}" in str(v.sqref)]
            if column.name not in expected:
                assert not found, (table.name, column.name)
                continue
            assert len(found) == 1 and found[0].type == "list", (table.name, column.name)
            source = found[0].formula1.split("!")[1].replace("$", "")
            values = [c.value for row in lists[source] for c in row]
            if column.allowed:
                assert values == list(VOCABULARIES[column.allowed]), (table.name, column.name)
    by_name = {col[0].value: [c.value for c in col[1:] if c.value is not None] for col in lists.iter_cols()}
    assert by_name["states"] == list(CENTRAL_ASIA)
    assert by_name["boolean"] == ["true", "false"]


def test_date_columns_are_formatted_as_russian_excel_shows_them(template: Path) -> None:
    sheet = load_workbook(template)["requests"]
    for index, column in enumerate(TABLES_BY_NAME["requests"].columns, start=1):
        if column.type == "date":
            assert sheet.column_dimensions[get_column_letter(index)].number_format == "DD.MM.YYYY"


def test_a_filled_template_loads_through_the_etl_unchanged(template: Path, tmp_path: Path) -> None:
    folder = tmp_path / "filled"
    folder.mkdir()
    _fill(template, folder / "our data.xlsx", {("actors", "KAZ.name_ru"): "Республика Казахстан"})

    result = run_etl(folder, warehouse=tmp_path / "wh" / "warehouse.duckdb")

    assert core_counts(result.warehouse) == GOOD_COUNTS
    assert rejects(result.warehouse) == []
    assert not [n for n in result.notes if "ignored" in n]  # the how-to and lists sheets pass silently
    assert query(result.warehouse, "select name_ru from core.actors where actor_id = 'KAZ'") == [
        ("Республика Казахстан",)
    ]
    # Dates typed as real Excel dates and as DD.MM.YYYY text both arrive as the same dates.
    assert query(
        result.warehouse, "select start_date, end_date from core.events where event_id = 'EV-ALMATY-2011'"
    ) == [(dt.date(2011, 7, 21), dt.date(2011, 7, 22))]
    expected = sorted((r["request_id"], dt.date.fromisoformat(r["received_date"])) for r in read_csv(GOOD, "requests"))
    assert query(result.warehouse, "select request_id, received_date from core.requests order by 1") == expected
