"""The bad-input corpus: broken and hostile variants of every source table, written at test time from
tests/fixtures/good (megabytes of zip bombs and huge cells are made, not committed).

Each variant says what a correct ETL does with it:
  fails         the run stops; the message names the file and what to fix; nothing is published
  rejects       the run publishes; the damaged file has rejects naming it (rows that depended on them may go too)
  rejects_kept  the same, and every valid row of the good set still loads (the damage only added bad rows)
  clean         the run publishes every row of the good set, with no reject (a harmless difference of form)
  wipe          the run publishes and names the table in a wipe-out warning (nothing to reject: no rows)

`python -m tests.etl.bad_corpus OUT` writes every variant of every table into OUT/<variant>/<table>/ to look at.
"""

from __future__ import annotations

import csv
import io
import random
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from etl.contract import TABLES_BY_NAME, Column, Table, load_order

GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "good"
HUGE = 3 * 1024 * 1024  # characters in a multi-megabyte cell
PAYLOADS = (
    "<script>alert('x')</script>",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1-2",
    "-=cmd",
    "<img src=x onerror=alert(1)>",
)
FORMULA_PAYLOAD = '=HYPERLINK("http://example.invalid/x","click")'
OTHER_DATE = "%m/%d/%Y"  # 09/14/2011: month first, as a US-locale export writes it


@dataclass(frozen=True)
class Variant:
    name: str
    fmt: str  # "csv" or "xlsx"
    outcome: str
    #: (table, the good rows with their header first, folder) -> the file written, or None where it does not apply
    write: Callable[[Table, list[list[str]], Path], Path | None]
    #: a reject rule the damaged file must show (for variants that test one rule)
    rule: str | None = None
    #: a note the run must print for the damaged file
    note: str | None = None


def good_rows(table: str) -> list[list[str]]:
    with (GOOD / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def csv_text(rows: list[list[str]], newline: str = "\n") -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(rows)
    return out.getvalue()


def free_text_columns(table: Table) -> list[Column]:
    """Columns any text may fill: no vocabulary, pattern, reference or key."""
    return [
        c
        for c in table.columns
        if c.type == "text" and not (c.allowed or c.pattern or c.references) and c.name not in table.key
    ]


def _write(folder: Path, table: Table, data: bytes | str, suffix: str = ".csv") -> Path:
    path = folder / f"{table.name}{suffix}"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _csv(transform: Callable[[Table, list[list[str]]], bytes | str | None]):
    def write(table: Table, rows: list[list[str]], folder: Path) -> Path | None:
        data = transform(table, rows)
        return None if data is None else _write(folder, table, data)

    return write


def _appended(row_of: Callable[[Table, list[list[str]]], list[str]]):
    return lambda table, rows: csv_text([*rows, row_of(table, rows)])


def _truncated(table: Table, rows: list[list[str]]) -> str:
    last = csv_text([rows[-1]]).rstrip("\n")
    return csv_text(rows) + last[: len(last) // 2]  # the copy of the last row cut off mid-way, as a broken upload


def _with_cell(table: Table, row: list[str], value: str) -> list[str]:
    """The row with `value` in its first free-text column (else its last text column)."""
    names = [c.name for c in table.columns]
    targets = free_text_columns(table) or [c for c in table.columns if c.type == "text"]
    out = list(row)
    out[names.index(targets[-1].name)] = value
    return out


def _padded(table: Table, rows: list[list[str]]) -> str:
    return csv_text([rows[0]] + [[f"  {v}\t " if v else v for v in row] for row in rows[1:]])


def _payloads(table: Table, rows: list[list[str]]) -> str | None:
    columns = free_text_columns(table)
    if not columns:
        return None
    names = rows[0]
    out = [rows[0]]
    for i, row in enumerate(rows[1:]):
        row = list(row)
        for column in columns:
            row[names.index(column.name)] = [FORMULA_PAYLOAD, *PAYLOADS][i % (len(PAYLOADS) + 1)]
        out.append(row)
    return csv_text(out)


def _other_dates(table: Table, rows: list[list[str]]) -> str | None:
    import datetime as dt

    names = rows[0]
    dates = [names.index(c.name) for c in table.columns if c.type == "date"]
    out, changed = [rows[0]], False
    for row in rows[1:]:
        row = list(row)
        for i in dates:
            if row[i]:
                row[i] = dt.date.fromisoformat(row[i]).strftime(OTHER_DATE)
                changed = True
        out.append(row)
    return csv_text(out) if changed else None


def _extra_column(table: Table, rows: list[list[str]]) -> str:
    return csv_text([[*rows[0], "extra_column"]] + [[*r, "x"] for r in rows[1:]])


def _missing_required(table: Table, rows: list[list[str]]) -> str:
    drop = rows[0].index(table.required_columns[0])
    return csv_text([[v for i, v in enumerate(r) if i != drop] for r in rows])


def _unclosed_quote(table: Table, rows: list[list[str]]) -> str:
    return csv_text(rows) + '"' + ",".join(rows[-1])[:-1] + "\n"


def _seeded(table: Table) -> random.Random:
    return random.Random(f"{table.name}-1540")


CSV_VARIANTS = [
    Variant("empty", "csv", "fails", _csv(lambda t, r: b"")),
    Variant("header_only", "csv", "wipe", _csv(lambda t, r: csv_text(r[:1])), note="a header row and no data rows"),
    Variant("random_binary", "csv", "fails", _csv(lambda t, r: _seeded(t).randbytes(8192))),
    Variant("nul_file", "csv", "fails", _csv(lambda t, r: b"\x00" * 4096)),
    Variant(
        "nul_in_cell",
        "csv",
        "rejects_kept",
        _csv(_appended(lambda t, r: _with_cell(t, r[-1], "ab\x00cd"))),
        rule="control",
    ),
    Variant("nul_in_key", "csv", "rejects_kept", _csv(_appended(lambda t, r: [r[-1][0] + "\x00x", *r[-1][1:]]))),
    Variant("truncated_row", "csv", "rejects_kept", _csv(_truncated)),
    Variant("short_row", "csv", "rejects_kept", _csv(_appended(lambda t, r: r[-1][:2])), rule="malformed"),
    Variant("long_row", "csv", "rejects_kept", _csv(_appended(lambda t, r: [*r[-1], "surplus"])), rule="malformed"),
    Variant("duplicate_row", "csv", "rejects_kept", _csv(_appended(lambda t, r: r[-1])), rule="unique"),
    Variant("unclosed_quote", "csv", "fails", _csv(_unclosed_quote)),
    Variant("utf16", "csv", "clean", _csv(lambda t, r: csv_text(r).encode("utf-16"))),
    Variant("utf16_without_bom", "csv", "fails", _csv(lambda t, r: csv_text(r).encode("utf-16-le"))),
    Variant("utf32", "csv", "fails", _csv(lambda t, r: csv_text(r).encode("utf-32"))),
    Variant("cp1251", "csv", "clean", _csv(lambda t, r: csv_text(r).encode("cp1251"))),
    Variant("crlf", "csv", "clean", _csv(lambda t, r: csv_text(r, "\r\n"))),
    Variant("bom", "csv", "clean", _csv(lambda t, r: "\ufeff" + csv_text(r))),
    Variant("whitespace_padding", "csv", "clean", _csv(_padded)),
    Variant(
        "huge_cell",
        "csv",
        "rejects_kept",
        _csv(_appended(lambda t, r: _with_cell(t, r[-1], "x" * HUGE))),
        rule="length",
    ),
    Variant("formula_and_script_payloads", "csv", "clean", _csv(_payloads)),
    Variant("dates_month_first", "csv", "rejects", _csv(_other_dates), rule="type"),
    Variant("extra_column", "csv", "clean", _csv(_extra_column), note="extra_column are not in the contract"),
    Variant("missing_required_column", "csv", "fails", _csv(_missing_required)),
]


# ---------------------------------------------------------------------------------------------------- workbooks


def _workbook(table: Table, rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = table.name
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx(transform: Callable[[Table, list[list[str]]], bytes | list[list[object]] | None]):
    def write(table: Table, rows: list[list[str]], folder: Path) -> Path | None:
        data = transform(table, rows)
        if data is None:
            return None
        (folder / f"{table.name}.csv").unlink()  # the workbook replaces the table's CSV
        return _write(folder, table, data if isinstance(data, bytes) else _workbook(table, data), ".xlsx")

    return write


def _zip_bomb(table: Table, rows: list[list[str]]) -> bytes:
    """A valid workbook plus a sheet part that unpacks to 250 MB of blanks (a few hundred KB packed)."""
    out = io.BytesIO(_workbook(table, rows))
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/padding.xml", b" " * (250 * 1024 * 1024))
    return out.getvalue()


def _with_parts(table: Table, rows: list[list[object]], parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO(_workbook(table, rows))
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


EXTERNAL_LINK = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></externalLink>"""


def _formula_in_free_text(table: Table, rows: list[list[str]], formula: str) -> list[list[object]] | None:
    columns = free_text_columns(table)
    if not columns:
        return None
    index = rows[0].index(columns[0].name)
    last = list(rows[-1])
    last[index] = formula  # openpyxl stores a string starting with '=' as a formula, with no computed value
    return [*rows[:-1], last]


def _xlsx_payloads(table: Table, rows: list[list[str]]) -> list[list[object]] | None:
    text = _payloads(table, rows)
    if text is None:
        return None
    return [[v if v != FORMULA_PAYLOAD else PAYLOADS[0] for v in r] for r in csv.reader(io.StringIO(text))]


XLSX_VARIANTS = [
    Variant("empty_sheet", "xlsx", "fails", _xlsx(lambda t, r: [])),
    Variant("header_only", "xlsx", "wipe", _xlsx(lambda t, r: r[:1]), note="a header row and no data rows"),
    Variant("not_a_zip", "xlsx", "fails", _xlsx(lambda t, r: _seeded(t).randbytes(8192))),
    Variant("truncated_zip", "xlsx", "fails", _xlsx(lambda t, r: _workbook(t, r)[: len(_workbook(t, r)) // 2])),
    Variant("zip_bomb", "xlsx", "fails", _xlsx(_zip_bomb)),
    Variant("duplicate_row", "xlsx", "rejects_kept", _xlsx(lambda t, r: [*r, r[-1]]), rule="unique"),
    Variant("short_row", "xlsx", "rejects_kept", _xlsx(lambda t, r: [*r, r[-1][:2]])),
    Variant("long_row", "xlsx", "rejects_kept", _xlsx(lambda t, r: [*r, [*r[-1], "surplus"]]), rule="malformed"),
    Variant(
        "huge_cell", "xlsx", "rejects_kept", _xlsx(lambda t, r: [*r, _with_cell(t, r[-1], "x" * HUGE)]), rule="length"
    ),
    Variant("script_payloads", "xlsx", "clean", _xlsx(_xlsx_payloads)),
    Variant(
        "formula_without_value",
        "xlsx",
        "rejects",
        _xlsx(lambda t, r: _formula_in_free_text(t, r, "=1+1")),
        rule="formula",
    ),
    Variant(
        "dates_month_first",
        "xlsx",
        "rejects",
        _xlsx(lambda t, r: (lambda s: None if s is None else list(csv.reader(io.StringIO(s))))(_other_dates(t, r))),
        rule="type",
    ),
    Variant(
        "macros",
        "xlsx",
        "clean",
        _xlsx(lambda t, r: _with_parts(t, r, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" * 64})),
        note="macros",
    ),
    Variant(
        "external_links",
        "xlsx",
        "rejects",
        _xlsx(
            lambda t, r: (
                lambda rows: None
                if rows is None
                else _with_parts(t, rows, {"xl/externalLinks/externalLink1.xml": EXTERNAL_LINK})
            )(_formula_in_free_text(t, r, "='C:\\secret\\[budget.xlsx]Sheet1'!A1"))
        ),
        rule="formula",
        note="links to other workbooks",
    ),
]

VARIANTS = CSV_VARIANTS + XLSX_VARIANTS


def write_variant(variant: Variant, folder: Path, tables: list[str]) -> dict[str, Path]:
    """The good set in `folder` with the variant applied to each of `tables`: {table: damaged file}."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in GOOD.glob("*.csv"):
        (folder / path.name).write_bytes(path.read_bytes())
    damaged = {}
    for name in tables:
        path = variant.write(TABLES_BY_NAME[name], good_rows(name), folder)
        if path is not None:
            damaged[name] = path
    return damaged


def main(out: str) -> None:
    for variant in VARIANTS:
        for name in load_order():
            write_variant(variant, Path(out) / f"{variant.fmt}-{variant.name}" / name, [name])


if __name__ == "__main__":
    main(sys.argv[1])
