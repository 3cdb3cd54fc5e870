"""Every download button: a CSV of exactly the frame shown, through dashboard/export.py (formulas neutralised; the
synthetic column, and the illustrative note and name when synthetic rows are behind it)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import export
from dashboard.i18n import t


def stamped_name(name: str, extension: str = "csv") -> str:
    """The file name a download is saved under: its name and the day it was made."""
    return f"{name}_asof-{dt.date.today().isoformat()}.{extension}"


def download(frame: pd.DataFrame, name: str) -> None:
    """A CSV download of exactly this frame (its widget key is the name: one download per name on a page)."""
    st.download_button(
        t("common.download_csv"),
        export.to_csv(frame),
        file_name=stamped_name(export.file_stem(name, frame)),
        mime="text/csv",
        key=f"dl_{name}",
        icon=":material/download:",
        on_click="ignore",
    )
