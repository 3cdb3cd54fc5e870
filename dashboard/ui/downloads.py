"""Every download button: exactly the frame shown, as CSV (dashboard/export.py, formulas neutralised), Excel or
HXL-tagged CSV (dashboard/export_formats.py), the format chosen beside the button. Each carries the synthetic
column, and, when synthetic rows are behind it, the illustrative note (first line, or the About sheet) and name.

The file is built only when the button is clicked (a callable `data`): Streamlit's frontend fetches every
non-deferred download's file on every run, so each run would build and send every file of the page (issue 11: 11 % of
the server's time, 38 % at scale 1000). The callable closes over the frame the page drew, which came from this
run's view, so the consent rule holds on this path (tests/dashboard/test_access_pages.py clicks them all). What the
file says about the session (filters, as-of date: the Excel About sheet) is gathered on the run, where the session is.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from dashboard import export, export_formats, synthetic
from dashboard.i18n import t

FORMATS = ("csv", "xlsx", "hxl")
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "hxl": "text/csv",
}
EXTENSION = {"csv": "csv", "xlsx": "xlsx", "hxl": "hxl.csv"}


def stamped_name(name: str, extension: str = "csv") -> str:
    """The file name a download is saved under: its name and the day it was made."""
    return f"{name}_asof-{dt.date.today().isoformat()}.{extension}"


def with_illustrative_note(meta: export_formats.ExportMeta, frame: pd.DataFrame) -> export_formats.ExportMeta:
    """The About sheet opens with the illustrative note when synthetic rows are behind the table."""
    note = export.illustrative_note(frame)
    if not note:
        return meta
    return dataclasses.replace(meta, about=((t("common.illustrative_mark"), note), *meta.about))


def hxl_with_note(frame: pd.DataFrame) -> bytes:
    """The HXL CSV, with the illustrative note as a first line when synthetic rows count (HXL readers look for the
    hashtag row under the header, so a line above the header is read as a note)."""
    body = export_formats.to_hxl_csv(frame)
    note = export.illustrative_note(frame)
    if not note:
        return body
    line = io.StringIO()
    csv.writer(line, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerow([note])
    return line.getvalue().encode("utf-8") + body


def file_builder(
    frame: pd.DataFrame, name: str, chosen: str, meta: export_formats.ExportMeta | None = None
) -> Callable[[], bytes]:
    """The file of one format, built when called (export.to_csv looked up then, so tests can record every file)."""
    if chosen == "xlsx" and meta is not None:
        return lambda: export_formats.to_xlsx({name: frame}, with_illustrative_note(meta, frame))
    if chosen == "hxl":
        return lambda: hxl_with_note(frame)
    return lambda: export.to_csv(frame)


def download(frame: pd.DataFrame, name: str, measures: Sequence[str] = ()) -> None:
    """A download of exactly this frame, in the format chosen beside it, built on click (its widget keys are the
    name: one download per name on a page). `measures`: the catalogue keys it shows, defined in the About sheet."""
    from dashboard.ui.embed import embedded

    if embedded():  # an embedded view has no widgets
        return
    chosen = (
        st.segmented_control(
            t("common.download_format"),
            FORMATS,
            default="csv",
            key=f"fmt_{name}",
            format_func=lambda f: t(f"common.format_{f}"),
            label_visibility="collapsed",
            help=t("common.download_format_help"),
        )
        or "csv"
    )
    meta = None
    if chosen == "xlsx":
        from dashboard.ui.export_meta import export_meta  # reads the session's filters and the catalogue

        meta = export_meta(name, frame, measures)
    st.download_button(
        t(f"common.download_{chosen}"),
        file_builder(frame, name, chosen, meta),
        file_name=stamped_name(export.file_stem(name, frame), EXTENSION[chosen]),
        mime=MIME[chosen],
        key=f"dl_{name}",
        icon=":material/download:",
        on_click="ignore",
    )


def download_workbook(tables: dict[str, pd.DataFrame], name: str, measures: Sequence[str] = ()) -> None:
    """One Excel file holding several tables of a page, a sheet each, and the About sheet (a donor's report pack),
    built on click."""
    from dashboard.ui.embed import embedded
    from dashboard.ui.export_meta import export_meta

    if embedded() or not tables:
        return
    cited = pd.DataFrame(
        {"source": [v for f in tables.values() for c in ("source", "source_url") if c in f.columns for v in f[c]]}
    )
    # the note and the name follow a table with synthetic rows behind it, when one has
    marked = next((f for f in tables.values() if synthetic.rows(f)), next(iter(tables.values())))
    meta = with_illustrative_note(export_meta(name, cited, measures), marked)
    st.download_button(
        t("common.download_workbook"),
        lambda: export_formats.to_xlsx(tables, meta),
        file_name=stamped_name(export.file_stem(name, marked), "xlsx"),
        mime=MIME["xlsx"],
        key=f"dl_{name}",
        icon=":material/download:",
        on_click="ignore",
    )
