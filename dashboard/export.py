"""Every download goes through here: CSV and XLSX with spreadsheet formulas neutralised.

A cell starting with = + - @ (or tab, CR, LF) is run as a formula by Excel and LibreOffice
(CSV injection, OWASP). Such text gets a leading apostrophe; numbers are left as numbers.
"""

from __future__ import annotations

import io
import re

import pandas as pd

FORMULA_START = re.compile(r"^[=+\-@\t\r\n]")


def neutralise(value: object) -> object:
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised and list cells joined with '|'."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_cell)
    out.columns = [str(neutralise(str(c))) for c in out.columns]
    return out


def _cell(value: object) -> object:
    if isinstance(value, list | tuple) or hasattr(value, "tolist"):
        value = "|".join(str(v) for v in (value.tolist() if hasattr(value, "tolist") else value))
    return neutralise(value)


def to_csv(frame: pd.DataFrame) -> bytes:
    # utf-8-sig: Excel opens it with the right encoding (Cyrillic names survive).
    # CRLF rows (as Excel writes): the writer then quotes any cell holding a bare CR or LF.
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet[:31]
    safe = safe_frame(frame)
    worksheet.append([str(c) for c in safe.columns])
    for row in safe.itertuples(index=False):
        worksheet.append([None if pd.isna(v) else v for v in row])
    for row in worksheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":  # belt and braces: no formula cell ever leaves this module
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
