"""The files donors use beside CSV: Excel (.xlsx) and HXL-tagged CSV, as pure builders (DataFrame + metadata -> bytes).

Same rules as dashboard/export.py: formulas neutralised, list cells joined with '|'. A builder never reads Streamlit or
the warehouse, so the download block can call it when the page is drawn or only when the button is clicked.

- Excel: one sheet per table, then an "About" sheet with what the file says about its data (filters, as-of date,
  view, definitions, sources), given by the caller as (label, value) rows already in the reader's words. openpyxl
  turns any string starting with '=' into a live formula: every text cell is written as text (data type 's'), and one
  that starts like a formula also gets the apostrophe CSV gets, so it stays inert wherever it is pasted.
- HXL (Humanitarian Exchange Language, hxlstandard.org): a CSV whose second row holds a hashtag per column, so the
  Humanitarian Data Exchange and the HXL tools know what each column is. Hashtags come from the column's name
  (HXL_TAGS, then the patterns below); a column the table cannot place is tagged #meta+<its name>.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from dashboard.export import neutralise_csv, safe_frame

#: A cell Excel or LibreOffice would run as a formula (first character), as in CSV.
XLSX_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_MAX = 31  # Excel's limit
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]\:\*\?\/\\]")


@dataclass(frozen=True)
class ExportMeta:
    """What a file says about its data, in the reader's words (the caller translates)."""

    title: str
    about: tuple[tuple[str, str], ...] = ()  # (label, value) rows: filters, as-of date, view, definitions, sources
    about_sheet: str = "About"


# --- Excel -------------------------------------------------------------------------------------------------------


def neutralise_xlsx(value: object) -> object:
    """A text cell that starts like a formula gets an apostrophe; anything else is left as it is."""
    if isinstance(value, str) and value.startswith(XLSX_FORMULA_START):
        return "'" + value
    return value


def _cell(value: object) -> object:
    """A value openpyxl can store: lists joined with '|', missing values empty, timestamps as datetimes, numpy
    scalars as Python numbers, text neutralised."""
    if isinstance(value, list | tuple) or (hasattr(value, "tolist") and not hasattr(value, "item")):
        items = value.tolist() if hasattr(value, "tolist") else value
        value = "|".join(str(v) for v in items)
    elif value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    elif isinstance(value, pd.Timestamp):
        value = value.to_pydatetime().replace(tzinfo=None)
    elif hasattr(value, "item"):
        value = value.item()
    return neutralise_xlsx(value)


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (at most 31 characters, none of []:*?/\\)."""
    base = SHEET_NAME_FORBIDDEN.sub("_", str(name)).strip("'") or "Sheet"
    base = base[:SHEET_NAME_MAX]
    candidate, n = base, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f"_{n}"
        candidate, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(candidate)
    return candidate


def _write_rows(sheet, rows: Sequence[Sequence[object]]) -> None:
    for row in rows:
        sheet.append([_cell(v) for v in row])
    # Text stays text: openpyxl would otherwise store a string starting with '=' as a formula.
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def to_xlsx(tables: Mapping[str, pd.DataFrame] | pd.DataFrame, meta: ExportMeta) -> bytes:
    """An Excel workbook: one sheet per table (named after it), then the About sheet."""
    if isinstance(tables, pd.DataFrame):
        tables = {meta.title: tables}
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for name, frame in tables.items():
        sheet = book.create_sheet(sheet_name(name, taken))
        _write_rows(sheet, [[str(c) for c in frame.columns], *frame.itertuples(index=False, name=None)])
        sheet.freeze_panes = "A2"
        for index, column in enumerate(frame.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, len(str(column)) + 2))
    about = book.create_sheet(sheet_name(meta.about_sheet, taken))
    _write_rows(about, [[meta.title, ""], *meta.about])
    about.column_dimensions["A"].width = 32
    about.column_dimensions["B"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- HXL -----------------------------------------------------------------------------------------------------------

#: Hashtags of the dashboard's usual columns (HXL core schema: #country, #org, #sector, #date, #indicator, #meta ...).
HXL_TAGS: dict[str, str] = {
    "state_id": "#country+code",
    "iso3": "#country+code",
    "country_id": "#country+code",
    "state": "#country+name",
    "state_name": "#country+name",
    "name_en": "#country+name",
    "name_ru": "#country+name+i_ru",
    "funder": "#org+funder+code",
    "funder_name": "#org+funder+name",
    "funders": "#org+funder+code",
    "organisers": "#org+impl+code",
    "provider_id": "#org+provider+code",
    "provider_name": "#org+provider+name",
    "area": "#sector+area",
    "areas": "#sector+area",
    "area_label": "#sector+area+name",
    "pillar": "#sector+pillar",
    "pillar_id": "#sector+pillar",
    "pillars": "#sector+pillar",
    "pillar_label": "#sector+pillar+name",
    "topic": "#sector+code",
    "topic_label": "#sector+name",
    "role": "#role",
    "city": "#loc+name",
    "venue": "#loc+name",
    "latitude": "#geo+lat",
    "longitude": "#geo+lon",
    "year": "#date+year",
    "month": "#date+month",
    "event_id": "#event+code",
    "title": "#event+name",
    "event_title": "#event+name",
    "event_type": "#event+type",
    "request_id": "#activity+request+code",
    "item_id": "#activity+item+code",
    "match_id": "#activity+match+code",
    "offer_id": "#activity+offer+code",
    "status": "#status",
    "status_at_end": "#status",
    "stage_at_end": "#status+stage",
    "source": "#meta+source",
    "source_url": "#meta+source",
    "source_ref": "#meta+source+ref",
    "confidence": "#meta+confidence",
    "is_synthetic": "#meta+synthetic",
    "description": "#description",
    "summary": "#description",
    "note": "#description+note",
    "reason": "#description+reason",
    "participants": "#reached+participants",
}
_ATTRIBUTE = re.compile(r"[^a-z0-9_]+")


def _attribute(name: str) -> str:
    """An HXL attribute from a column name: lowercase letters, digits and _, starting with a letter."""
    text = _ATTRIBUTE.sub("_", str(name).lower()).strip("_")
    return text if text[:1].isalpha() else f"x_{text}" if text else "x"


def hxl_tag(column: str, series: pd.Series | None = None) -> str:
    """The HXL hashtag of a column: known names, then dates, then numbers as indicator values, else #meta."""
    name = str(column)
    if name in HXL_TAGS:
        return HXL_TAGS[name]
    if name.endswith("_date") or name in {"last_reached", "last_covered", "status_since"}:
        return f"#date+{_attribute(name)}"
    if series is not None and pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        return f"#indicator+value+{_attribute(name)}"
    return f"#meta+{_attribute(name)}"


def hxl_tags(frame: pd.DataFrame, tags: Mapping[str, str] | None = None) -> list[str]:
    """A hashtag for every column (the caller's own first)."""
    tags = tags or {}
    return [tags.get(str(c)) or hxl_tag(c, frame[c]) for c in frame.columns]


def to_hxl_csv(frame: pd.DataFrame, tags: Mapping[str, str] | None = None) -> bytes:
    """An HXL-tagged CSV: the header row, the hashtag row, then the rows, neutralised as dashboard/export.py does.
    UTF-8 without a byte-order mark (what the HXL tools and the Humanitarian Data Exchange read)."""
    safe = safe_frame(frame)
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([str(neutralise_csv(str(c))) for c in frame.columns])
    writer.writerow(hxl_tags(frame, tags))
    for row in safe.itertuples(index=False, name=None):
        writer.writerow(["" if _missing(v) else v for v in row])
    return out.getvalue().encode("utf-8")


def _missing(value: object) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and pd.isna(value))
