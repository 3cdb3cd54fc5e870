"""Every download button: exactly the frame shown, as CSV (dashboard/export.py, formulas neutralised), Excel or
HXL-tagged CSV (dashboard/export_formats.py), the format chosen beside the button."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard import export, export_formats
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


def file_bytes(frame: pd.DataFrame, name: str, chosen: str, measures: Sequence[str] = ()) -> bytes:
    """The file of one format (the builders are pure: the metadata is gathered here)."""
    if chosen == "xlsx":
        from dashboard.ui.export_meta import export_meta  # reads the session's filters and the catalogue

        return export_formats.to_xlsx({name: frame}, export_meta(name, frame, measures))
    if chosen == "hxl":
        return export_formats.to_hxl_csv(frame)
    return export.to_csv(frame)


def download(frame: pd.DataFrame, name: str, measures: Sequence[str] = ()) -> None:
    """A download of exactly this frame, in the format chosen beside it (its widget keys are the name: one download
    per name on a page). `measures`: the catalogue keys it shows, defined in the Excel file's About sheet."""
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
    st.download_button(
        t(f"common.download_{chosen}"),
        file_bytes(frame, name, chosen, measures),
        file_name=stamped_name(name, EXTENSION[chosen]),
        mime=MIME[chosen],
        key=f"dl_{name}",
        icon=":material/download:",
        on_click="ignore",
    )


def download_workbook(tables: dict[str, pd.DataFrame], name: str, measures: Sequence[str] = ()) -> None:
    """One Excel file holding several tables of a page, a sheet each, and the About sheet (a donor's report pack)."""
    from dashboard.ui.embed import embedded
    from dashboard.ui.export_meta import export_meta

    if embedded() or not tables:
        return
    cited = pd.DataFrame(
        {"source": [v for f in tables.values() for c in ("source", "source_url") if c in f.columns for v in f[c]]}
    )
    st.download_button(
        t("common.download_workbook"),
        export_formats.to_xlsx(tables, export_meta(name, cited, measures)),
        file_name=stamped_name(name, "xlsx"),
        mime=MIME["xlsx"],
        key=f"dl_{name}",
        icon=":material/download:",
        on_click="ignore",
    )
