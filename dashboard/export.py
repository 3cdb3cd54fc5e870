"""Every download goes through here: CSV with spreadsheet formulas neutralised.

A cell starting with = + - @ (or tab, CR) is run as a formula by Excel and LibreOffice (CSV injection, OWASP). Such
text gets an apostrophe in front; numbers are left as numbers (a negative number is not a formula).

In a CSV file a cell's first character is not enough: a spreadsheet may cut a cell into pieces. Excel in locales
whose list separator is ';' (Russian among them) splits a comma-separated file at every ';', and once one field's
quotes are misread the rest of the line is split at ',', tabs and line breaks too. So every piece a cell could be cut
into is neutralised: whatever follows , ; tab CR or LF (after any spaces or quote marks) and starts like a formula
gets the apostrophe too. Every CSV field is quoted.
"""

from __future__ import annotations

import csv
import re

import pandas as pd

#: Each piece of a CSV cell: at the start or after a separator, past spaces and quote marks, a formula character.
CSV_PIECE_FORMULA = re.compile(r"(^|[,;\t\r\n])([ \"]*)(?=[=+\-@\t\r])")


def neutralise_csv(value: object) -> object:
    """A CSV cell: every piece that a separator could cut off and that starts like a formula gets an apostrophe."""
    if isinstance(value, str):
        return CSV_PIECE_FORMULA.sub(r"\1\2'", value)
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell and column name neutralised for CSV, and list cells joined with '|'."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda value: neutralise_csv(_joined(value)))
    out.columns = [str(neutralise_csv(str(c))) for c in out.columns]
    return out


def _joined(value: object) -> object:
    if isinstance(value, list | tuple) or hasattr(value, "tolist"):
        return "|".join(str(v) for v in (value.tolist() if hasattr(value, "tolist") else value))
    return value


def to_csv(frame: pd.DataFrame) -> bytes:
    # utf-8-sig: Excel opens it with the right encoding (Cyrillic names survive).
    # CRLF rows (as Excel writes); every field quoted, so a separator or line break inside a cell stays inside it
    # for any reader that honours quotes.
    text = safe_frame(frame).to_csv(index=False, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    return text.encode("utf-8-sig")
