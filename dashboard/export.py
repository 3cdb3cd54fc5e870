"""Every download goes through here: CSV with spreadsheet formulas neutralised.

A cell starting with = + - @ (or tab, CR) is run as a formula by Excel and LibreOffice (CSV injection, OWASP). Such
text gets an apostrophe in front; numbers are left as numbers (a negative number is not a formula).

In a CSV file a cell's first character is not enough: a spreadsheet may cut a cell into pieces. Excel in locales
whose list separator is ';' (Russian among them) splits a comma-separated file at every ';', and once one field's
quotes are misread the rest of the line is split at ',', tabs and line breaks too. So every piece a cell could be cut
into is neutralised: whatever follows , ; tab CR or LF (after any spaces or quote marks) and starts like a formula
gets the apostrophe too. Every CSV field is quoted.

Illustrative data cannot leave looking real: every table carries its synthetic column (dashboard/synthetic.py), and a
file built while synthetic rows count says so in its first line and in its name (`..._illustrative`).
"""

from __future__ import annotations

import csv
import re

import pandas as pd

from dashboard import synthetic
from dashboard.i18n import t

ILLUSTRATIVE_SUFFIX = "_illustrative"

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


def illustrative_note(frame: pd.DataFrame) -> str | None:
    """The words a file opens with when synthetic rows are behind it (None when none are)."""
    behind = synthetic.rows(frame)
    if not behind:
        return None
    column = synthetic.FLAG if synthetic.FLAG in synthetic.for_export(frame).columns else synthetic.COUNT
    return t("common.export_illustrative", n=behind, column=column)


def file_stem(name: str, frame: pd.DataFrame) -> str:
    """A download's name: `..._illustrative` when synthetic rows are behind the table."""
    return name + ILLUSTRATIVE_SUFFIX if synthetic.rows(frame) else name


def to_csv(frame: pd.DataFrame) -> bytes:
    # utf-8-sig: Excel opens it with the right encoding (Cyrillic names survive).
    # CRLF rows (as Excel writes); every field quoted, so a separator or line break inside a cell stays inside it
    # for any reader that honours quotes.
    text = safe_frame(synthetic.for_export(frame)).to_csv(index=False, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    note = illustrative_note(frame)
    if note:
        # A first line of one quoted cell: a spreadsheet shows it above the table; a reader skips it with skiprows=1.
        text = f'"{note}"\r\n' + text
    return text.encode("utf-8-sig")
