"""Find source files and read them into string tables, keeping each row's file and row number.

Everything is read as text: typing is the validator's job, so that a bad value becomes a
reject with a reason instead of a crash or a silent NaN.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from etl.contract import TABLES_BY_NAME, Table

# An xlsx is a zip: its uncompressed size, not its file size, is what parsing costs.
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024
ROW_COLUMN = "_row"
#: The template workbook's sheets that hold no table (etl/template.py): passed over without a note.
TEMPLATE_SHEETS = ("how to fill", "lists")
FILE_COLUMN = "_file"
#: Excel's own limit on a cell: a longer value did not come from a spreadsheet, and would bloat every page showing it.
#: openpyxl cuts longer workbook cells to exactly this length, so a value of this length is rejected too.
MAX_CELL_CHARS = 32767
#: Control characters (tab, line feed and carriage return excepted): NUL bytes and the like are never data.
CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"


class SourceError(Exception):
    """A file that cannot be read at all. The message names the file and what to fix."""


@dataclass
class SourceFile:
    table: str
    path: Path
    sheet: str | None = None
    sha256: str = ""
    encoding: str = ""
    delimiter: str = ""
    table_data: pa.Table | None = None
    # (row number, reason, raw text) of rows that could not be split into the header's columns
    malformed: list[tuple[int, str, str]] = field(default_factory=list)
    # (row number, column, value as shown, rule, reason) of cells no rule of the contract could judge: control
    # characters, over-long values, formulas without a computed value. Each rejects its row.
    cell_problems: list[tuple[int, str, str, str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The file as users name it: relative to the working folder when inside it (no local paths leak)."""
        try:
            shown = self.path.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            shown = self.path
        return f"{shown}[{self.sheet}]" if self.sheet else str(shown)

    @property
    def rows_read(self) -> int:
        rows = 0 if self.table_data is None else self.table_data.num_rows
        return rows + len(self.malformed)


def discover(folders: list[Path]) -> tuple[list[SourceFile], list[str]]:
    """Source files in the folders, as (files, notes about what was ignored)."""
    files: list[SourceFile] = []
    notes: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            raise SourceError(f"{folder}: source folder not found. Pass an existing folder to --source.")
        for path in sorted(folder.iterdir()):
            if path.name.startswith((".", "~$")):
                continue
            suffix = path.suffix.lower()
            if suffix == ".csv":
                if path.stem.lower() in TABLES_BY_NAME:
                    files.append(SourceFile(path.stem.lower(), path))
                else:
                    notes.append(f"{path}: ignored, '{path.stem}' is not a table of the contract")
            elif suffix == ".xlsx":
                notes.extend(_workbook_notes(path))
                for sheet in _sheet_names(path):
                    if sheet.strip().lower() in TEMPLATE_SHEETS:
                        continue
                    if sheet.strip().lower() in TABLES_BY_NAME:
                        files.append(SourceFile(sheet.strip().lower(), path, sheet=sheet))
                    else:
                        notes.append(f"{path}: sheet '{sheet}' ignored, not a table of the contract")
            elif suffix in (".xls", ".xlsm", ".xlsb", ".ods", ".txt", ".tsv"):
                notes.append(f"{path}: ignored, save it as .csv or .xlsx to load it")
    return files, notes


def read(source: SourceFile) -> SourceFile:
    """Fill in the file's hash, encoding, delimiter and string table (or raise SourceError)."""
    try:
        _read(source)
    except OSError as error:  # gone (a folder removed or unmounted mid-run), or unreadable
        raise SourceError(
            f"{source.label}: cannot be read ({error.strerror or error}). Check that the file and its folder are "
            "still there and readable, then run again."
        ) from None
    if source.rows_read == 0:
        # Not an error (a table may have no rows yet), but never silent: the wipe-out guard weighs what it empties.
        source.warnings.append(f"{source.label}: a header row and no data rows: the table gets no rows from it")
    return source


def _read(source: SourceFile) -> SourceFile:
    raw = source.path.read_bytes()
    source.sha256 = hashlib.sha256(raw).hexdigest()
    table = TABLES_BY_NAME[source.table]
    if source.sheet is not None:
        source.encoding = "xlsx"
        header, rows = _xlsx_rows(source.path, source.sheet, source)
        source.table_data = _from_rows(table, header, rows, source)
        return source
    source.encoding = _encoding(raw, source.path)
    text_head = raw[:65536].decode(source.encoding if source.encoding != "utf-8" else "utf-8-sig", errors="replace")
    source.delimiter = _delimiter(text_head)
    header = next(csv.reader(io.StringIO(text_head, newline=""), delimiter=source.delimiter), [])
    names = _check_header(table, header, source)
    fast = _arrow_csv(raw, source, names)
    if fast is None:  # a malformed row: re-read exactly, so every row keeps its true number
        text = raw.decode("utf-8-sig" if source.encoding == "utf-8" else source.encoding)
        header, rows = _csv_rows(text, source.delimiter, source.path)
        source.table_data = _from_rows(table, header, rows, source)
    else:
        source.table_data = _finish(table, fast, names, list(range(2, fast.num_rows + 2)), source)
    return source


def _encoding(raw: bytes, path: Path) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as utf8_error:
        # Excel in Russian locales writes "CSV" as Windows-1251; DuckDB cannot decode it here.
        try:
            raw.decode("cp1251")
            return "cp1251"
        except UnicodeDecodeError:
            raise SourceError(
                f"{path}: cannot decode the file as UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
                "nor as Windows-1251. Save it as 'CSV UTF-8' from Excel and load it again."
            ) from None


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _arrow_csv(raw: bytes, source: SourceFile, names: list[str]) -> pa.Table | None:
    malformed: list[object] = []

    def on_invalid(row: object) -> str:
        malformed.append(row)
        return "skip"

    try:
        result = pacsv.read_csv(
            pa.BufferReader(raw),
            read_options=pacsv.ReadOptions(
                encoding="utf8" if source.encoding == "utf-8" else source.encoding, column_names=names, skip_rows=1
            ),
            # Blank lines stay rows (all empty, dropped later) so that every later row keeps its true number.
            parse_options=pacsv.ParseOptions(
                delimiter=source.delimiter,
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=on_invalid,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None
    return None if malformed else result


def _csv_rows(text: str, delimiter: str, path: Path) -> tuple[list[str], list[list[str]]]:
    # A multi-megabyte cell is judged (rejected) by its length, not made a reason to refuse the whole file.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise SourceError(
            f"{path}: not a readable CSV file ({error}). Check the quotes around line {reader.line_num}."
        ) from None
    if not rows:
        raise SourceError(f"{path}: the file is empty. It needs a header row naming the columns.")
    return rows[0], rows[1:]


def _sheet_names(path: Path) -> list[str]:
    from openpyxl import load_workbook

    _check_xlsx_size(path)
    try:
        workbook = load_workbook(path, read_only=True)
    except Exception as error:  # openpyxl raises many types for a broken archive
        raise SourceError(f"{path}: not a readable .xlsx workbook ({type(error).__name__}: {error}).") from None
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _check_xlsx_size(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise SourceError(
            f"{path}: not a readable .xlsx workbook (not a zip archive). Save it again from Excel."
        ) from None
    if size > MAX_XLSX_UNCOMPRESSED:
        raise SourceError(
            f"{path}: the workbook unpacks to {size // 2**20} MB, over the {MAX_XLSX_UNCOMPRESSED // 2**20} MB limit. "
            "Split it or save the large sheets as CSV."
        )


def _workbook_notes(path: Path) -> list[str]:
    """What a workbook holds beyond cell values, said once: nothing of it is run or fetched."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return []  # _sheet_names says what is wrong with it
    notes = []
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        notes.append(f"{path}: the workbook holds macros; they were not run (only cell values are read)")
    if any(n.startswith("xl/externalLinks/") for n in names):
        notes.append(
            f"{path}: the workbook links to other workbooks; nothing was fetched from them, and a formula "
            "without a saved value is rejected"
        )
    return notes


def _has_formulas(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return any(
            b"<f>" in archive.read(n) or b"<f " in archive.read(n)
            for n in archive.namelist()
            if n.startswith("xl/worksheets/") and n.endswith(".xml")
        )


def _xlsx_rows(path: Path, sheet: str, source: SourceFile | None = None) -> tuple[list[str], list[list[str]]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = [[_cell_text(v) for v in row] for row in workbook[sheet].iter_rows(values_only=True)]
    finally:
        workbook.close()
    if not rows:
        raise SourceError(f"{path}[{sheet}]: the sheet is empty. It needs a header row naming the columns.")
    if source is not None and _has_formulas(path):
        source.cell_problems.extend(_formulas_without_value(path, sheet, rows))
    return rows[0], rows[1:]


def _formulas_without_value(path: Path, sheet: str, values: list[list[str]]) -> list[tuple[int, str, str, str, str]]:
    """Formula cells that carry no computed value (written by a program, never opened in Excel): read as blank, they
    would load an empty cell without a word."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=False)
    try:
        formulas = list(workbook[sheet].iter_rows(values_only=True))
    finally:
        workbook.close()
    header = values[0]
    found = []
    for offset, row in enumerate(formulas[1:]):
        for i, cell in enumerate(row):
            computed = values[offset + 1][i] if i < len(values[offset + 1]) else ""
            if isinstance(cell, str) and cell.startswith("=") and computed == "":
                column = str(header[i] or "").strip().lower() if i < len(header) else ""
                found.append(
                    (
                        offset + 2,
                        column,
                        cell,
                        "formula",
                        f"the cell holds the formula {cell[:200]} but no computed value: open the workbook in "
                        "Excel and save it, or paste the values",
                    )
                )
    return found


def _cell_text(value: object) -> str:
    """Excel cells as the text a CSV export would hold (dates as ISO, 61.0 as 61)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_header(table: Table, header: list[str], source: SourceFile) -> list[str]:
    names = [str(h or "").strip().lower() for h in header]
    expected = [c.name for c in table.columns]
    if not any(names):
        raise SourceError(f"{source.label}: the file is empty. It needs a header row naming the columns.")
    if any(re.search(CONTROL, n) for n in names):
        raise SourceError(
            f"{source.label}: the header row holds NUL or other control characters, so this is not a text CSV file "
            "(a binary file, or UTF-16 text without its byte-order mark). Save it as 'CSV UTF-8' from Excel."
        )
    missing = [c for c in table.required_columns if c not in names]
    if missing:
        raise SourceError(
            f"{source.label}: missing required column(s) {', '.join(missing)} for table '{table.name}'. "
            f"The header row must name the contract's columns ({', '.join(expected)}); "
            f"found: {', '.join(n for n in names if n) or 'nothing'}. "
            "Start from the template workbook (Data & sources, or `make template`), whose sheets carry every column; "
            "the columns are described in docs/DATA_DICTIONARY.md."
        )
    duplicated = sorted({n for n in names if n and names.count(n) > 1})
    if duplicated:
        raise SourceError(
            f"{source.label}: column(s) {', '.join(duplicated)} appear twice in the header row. Keep one of each."
        )
    unknown = [n for n in names if n and n not in expected]
    if unknown:
        source.warnings.append(
            f"{source.label}: column(s) {', '.join(unknown)} are not in the contract and were ignored"
        )
    # Unnamed columns still need distinct names for the reader.
    return [n or f"_unnamed_{i}" for i, n in enumerate(names)]


def _from_rows(table: Table, header: list[str], rows: list[list[str]], source: SourceFile) -> pa.Table:
    """The exact (slow) path: rows whose field count differs from the header become rejects."""
    names = _check_header(table, header, source)
    width = len(names)
    columns: list[list[str]] = [[] for _ in names]
    numbers: list[int] = []
    for offset, row in enumerate(rows):
        number = offset + 2
        if len(row) != width:
            if any(str(v).strip() for v in row):
                source.malformed.append(
                    (
                        number,
                        f"the row has {len(row)} values but the header names {width} columns",
                        source.delimiter.join(str(v) for v in row),
                    )
                )
            continue
        for i, value in enumerate(row):
            columns[i].append(str(value))
        numbers.append(number)
    data = pa.table({name: pa.array(values, type=pa.string()) for name, values in zip(names, columns, strict=False)})
    return _finish(table, data, names, numbers, source)


def _finish(table: Table, data: pa.Table, names: list[str], numbers: list[int], source: SourceFile) -> pa.Table:
    """Exactly the contract's columns (missing optional ones blank, every value trimmed), plus row number and file."""
    data, numbers = _without_values_in_unnamed_columns(data, names, numbers, source)
    rows = data.num_rows
    out = {}
    for column in table.columns:
        if column.name in names:
            # Padding of any kind (tabs, no-break spaces) is form, not data: SQL's trim() removes only spaces.
            out[column.name] = pc.utf8_trim_whitespace(data.column(column.name))
            source.cell_problems.extend(_cell_problems(column.name, out[column.name], numbers))
        else:
            out[column.name] = pa.array([""] * rows, type=pa.string())
    out[ROW_COLUMN] = pa.array(numbers, type=pa.int64())
    out[FILE_COLUMN] = pa.array([source.label] * rows, type=pa.string())
    return pa.table(out)


def _without_values_in_unnamed_columns(
    data: pa.Table, names: list[str], numbers: list[int], source: SourceFile
) -> tuple[pa.Table, list[int]]:
    """Rows with a value under no header (a long row in a workbook) are malformed: which column was meant is unknown."""
    unnamed = [n for n in names if n.startswith("_unnamed_")]
    if not unnamed or data.num_rows == 0:
        return data, numbers
    mask = None
    for name in unnamed:
        present = pc.not_equal(pc.utf8_trim_whitespace(data.column(name)), "")
        mask = present if mask is None else pc.or_(mask, present)
    hits = pc.indices_nonzero(pc.fill_null(mask, False)).to_pylist()
    if not hits:
        return data, numbers
    width = sum(1 for n in names if not n.startswith("_unnamed_"))
    for i in hits:
        row = [str(data.column(n)[i].as_py() or "") for n in names]
        source.malformed.append(
            (numbers[i], f"the row has values beyond the {width} named columns of the header", ",".join(row))
        )
    keep = pc.invert(pc.fill_null(mask, False))
    kept = set(range(data.num_rows)) - set(hits)
    return data.filter(keep), [n for i, n in enumerate(numbers) if i in kept]


def shown(value: str, limit: int = 200) -> str:
    """A cell as a reject shows it: control characters visible, long values cut."""
    visible = re.sub(CONTROL, lambda m: f"\\x{ord(m.group()):02x}", value[:limit])
    return visible + (f"… ({len(value):,} characters)" if len(value) > limit else "")


def _cell_problems(name: str, values: pa.ChunkedArray, numbers: list[int]) -> list[tuple[int, str, str, str, str]]:
    found = []
    for i in pc.indices_nonzero(pc.fill_null(pc.match_substring_regex(values, CONTROL), False)).to_pylist():
        found.append(
            (
                numbers[i],
                name,
                shown(values[i].as_py()),
                "control",
                f"{name} holds a NUL byte or another control character: remove it (the file may be damaged)",
            )
        )
    for i in pc.indices_nonzero(
        pc.fill_null(pc.greater_equal(pc.utf8_length(values), MAX_CELL_CHARS), False)
    ).to_pylist():
        found.append(
            (
                numbers[i],
                name,
                shown(values[i].as_py()),
                "length",
                f"{name} is {len(values[i].as_py()):,} characters long: a spreadsheet cell holds fewer than "
                f"{MAX_CELL_CHARS:,} (and longer workbook cells are cut to that when read): shorten it",
            )
        )
    return found
