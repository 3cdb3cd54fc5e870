"""The template workbook (`make template`, and the download on the Data & sources page), built from the contract.

One sheet per source table in load order, each header cell commented with the column's meaning, rules and example
(the data dictionary's words, so they cannot drift), a drop-down on every enumerated column, date cells formatted
DD.MM.YYYY as Russian-locale Excel shows them, and a first sheet saying how to fill it. A filled copy loads through
`python -m etl --source <its folder>` unchanged: the ETL reads the table sheets and passes over the two sheets below.

`python -m etl.template [OUT]` writes it (default data/templates/template.xlsx).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from etl import settings
from etl.contract import (
    CENTRAL_ASIA,
    FALSE_VALUES,
    MULTI_SEPARATOR,
    TABLES_BY_NAME,
    TRUE_VALUES,
    VOCABULARIES,
    Column,
    Table,
    load_order,
)
from etl.dictionary import column_rules
from etl.read import TEMPLATE_SHEETS

#: The explanation sheet, first in the workbook, and the hidden drop-down lists (a list longer than 255 characters
#: cannot sit in the validation itself), last: the reader passes over both without a note.
HOW_TO_SHEET, LISTS_SHEET = TEMPLATE_SHEETS
#: Rows prepared with drop-downs and formats below the header (Excel extends them when rows are inserted inside).
PREPARED_ROWS = 2000
DATE_FORMAT = "DD.MM.YYYY"
DEFAULT_OUT = settings.ROOT / "data" / "templates" / "template.xlsx"

_BOOLEAN = "boolean"
_STATES = "states"

HOW_TO = [
    "How to fill this workbook",
    "",
    "Each sheet after this one is a table of the dashboard's data, named as the ETL expects it. Keep the sheet "
    "names and the header row; the column order does not matter and you may leave optional columns empty.",
    "Hover over a column's header to read what it holds, the values it allows and an example.",
    "Columns with a fixed list of values have a drop-down. In columns holding several values (pillars, areas, "
    f"organisers ...) pick one or type several separated by {MULTI_SEPARATOR}, e.g. I{MULTI_SEPARATOR}IV.",
    "Dates: type them as Excel does (DD.MM.YYYY in Russian locales, shown so here) or as text YYYY-MM-DD.",
    "true/false columns accept " + ", ".join(TRUE_VALUES + FALSE_VALUES) + ".",
    "Every row that is not invented demonstration data needs a source_url listed in the 'sources' sheet with its "
    "type (or already shipped with the dashboard's reference data).",
    "A request is published (public view) only when every row naming it says consent_to_publish = true.",
    "Load it: in the dashboard's internal view, 'Import data' (preview, then publish), or in a terminal "
    "`python -m etl --source <the folder holding this file>`. Rows that break a rule are not loaded: each is "
    "listed with its sheet, row, column, value and reason, and the valid rows load.",
    "Tables (in the order they load; a row naming a parent that is missing or rejected is rejected too):",
]


def _vocabulary_of(column: Column) -> str | None:
    """The drop-down a column gets: its vocabulary, true/false, the Central Asian States, or none."""
    if column.allowed:
        return column.allowed
    if column.type == "bool":
        return _BOOLEAN
    if column.references == "actors.actor_id" and column.reference_filter == "actor_type = 'state'":
        return _STATES
    return None


def _list_values(name: str) -> list[str]:
    if name == _BOOLEAN:
        return ["true", "false"]
    if name == _STATES:
        return list(CENTRAL_ASIA)
    return list(VOCABULARIES[name])


def enumerated_columns(table: Table) -> list[Column]:
    """The columns that get a drop-down: every one with a fixed list of values."""
    return [c for c in table.columns if _vocabulary_of(c)]


def _comment(column: Column, table: Table) -> Comment:
    lines = [column.name, column.meaning, "Required." if column.required else "Optional."]
    rules = column_rules(column, table)
    if rules:
        lines.append("Rules: " + rules.replace("`", ""))
    if column.type == "list":
        lines.append(f"Several values separated by {MULTI_SEPARATOR}.")
    lines.append(f"Example: {column.example}")
    comment = Comment("\n".join(lines), "template")
    comment.width, comment.height = 320, 200
    return comment


def _lists_sheet(workbook: Workbook) -> dict[str, str]:
    """The hidden lists sheet: one column per drop-down; name -> its absolute range."""
    sheet = workbook.create_sheet(LISTS_SHEET)
    names = sorted({_vocabulary_of(c) for t in TABLES_BY_NAME.values() for c in enumerated_columns(t)})
    ranges = {}
    for index, name in enumerate(names, start=1):
        letter = get_column_letter(index)
        values = _list_values(name)
        sheet.cell(1, index, name).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            sheet.cell(row, index, value)
        ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
    sheet.sheet_state = "hidden"
    return ranges


def _table_sheet(workbook: Workbook, table: Table, ranges: dict[str, str]) -> None:
    sheet = workbook.create_sheet(table.name)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    required_font, optional_font = Font(bold=True), Font(bold=False, italic=True)
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(1, index, column.name)
        cell.font = required_font if column.required else optional_font
        cell.fill = header_fill
        cell.comment = _comment(column, table)
        sheet.column_dimensions[letter].width = max(14, min(40, len(column.example) + 4))
        cells = f"{letter}2:{letter}{PREPARED_ROWS + 1}"
        vocabulary = _vocabulary_of(column)
        if vocabulary:
            several = column.type == "list"
            validation = DataValidation(
                type="list",
                formula1=ranges[vocabulary],
                allow_blank=True,
                # Several values (I|IV) and States beyond the five are valid: warn, do not refuse.
                errorStyle="warning" if several or vocabulary == _STATES else "stop",
                showErrorMessage=True,
                errorTitle=column.name,
                error=f"Not one of the listed values for {column.name}."
                + (f" Several values are separated by {MULTI_SEPARATOR}." if several else ""),
                promptTitle=column.name,
                prompt=column.meaning[:250],
                showInputMessage=True,
            )
            validation.add(cells)
            sheet.add_data_validation(validation)
        # A column's format applies to every cell typed into it later; per-cell formats would bloat the file.
        if column.type == "date":
            sheet.column_dimensions[letter].number_format = DATE_FORMAT
        elif column.type in ("text", "list"):
            # Identifiers such as 0012 or 1540-01 stay as typed instead of turning into numbers or dates.
            sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A2"


def _how_to_sheet(workbook: Workbook) -> None:
    sheet = workbook.active
    sheet.title = HOW_TO_SHEET
    sheet.column_dimensions["A"].width = 120
    lines = HOW_TO + [f"  {TABLES_BY_NAME[name].name}: {TABLES_BY_NAME[name].grain}" for name in load_order()]
    for row, line in enumerate(lines, start=1):
        cell = sheet.cell(row, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=14)


def workbook() -> Workbook:
    book = Workbook()
    _how_to_sheet(book)
    ranges = _lists_sheet(book)
    for name in load_order():
        _table_sheet(book, TABLES_BY_NAME[name], ranges)
    book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames))  # last, after the tables
    return book


def template_bytes() -> bytes:
    """The template as .xlsx bytes (for a download)."""
    buffer = io.BytesIO()
    workbook().save(buffer)
    return buffer.getvalue()


def write(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(template_bytes())
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT))
