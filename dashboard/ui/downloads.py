"""Every download button: a CSV of exactly the frame shown, through dashboard/export.py (formulas neutralised; the
synthetic column, and the illustrative note and name when synthetic rows are behind it).

The file is built only when the button is clicked (a callable `data`): Streamlit's frontend fetches every
non-deferred download's file on every run, so each run would build and send every CSV of the page (issue 11: 11 % of
the server's time, 38 % at scale 1000). The callable closes over the frame the page drew, which came from this
run's view, so the consent rule holds on this path (tests/dashboard/test_access_pages.py clicks them all).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard import export
from dashboard.i18n import t


def stamped_name(name: str, extension: str = "csv") -> str:
    """The file name a download is saved under: its name and the day it was made."""
    return f"{name}_asof-{dt.date.today().isoformat()}.{extension}"


def csv_file(frame: pd.DataFrame) -> Callable[[], bytes]:
    """The CSV of this frame, built when called (export.to_csv looked up then, so tests can record every file)."""
    return lambda: export.to_csv(frame)


def download(frame: pd.DataFrame, name: str) -> None:
    """A CSV download of exactly this frame, built on click (its widget key is the name: one download per name on a
    page)."""
    st.download_button(
        t("common.download_csv"),
        csv_file(frame),
        file_name=stamped_name(export.file_stem(name, frame)),
        mime="text/csv",
        key=f"dl_{name}",
        icon=":material/download:",
        on_click="ignore",
    )
