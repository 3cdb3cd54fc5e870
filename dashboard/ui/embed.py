"""The embeddable view: `?embed=true` (Streamlit's own URL option, read through st.context.is_embedded) shows a page
without the sidebar, the navigation or any widget, with its filters fixed by the URL, and always the public view.

Streamlit hides its toolbar and footer itself on `?embed=true` but keeps the sidebar and the page's widgets; this
switch does the rest: the sidebar's filters come from the URL (dashboard/ui/sidebar.py), and each page's own controls
(a measure to shade by, a State or meeting to look at, dates, weights) are replaced by their values from the URL or
their defaults, said in one caption (`locked`). Buttons and downloads are left out: a donor's page shows the charts
and tables, while packs and files are fetched from the dashboard itself. Chart selections are off, so nothing but
the link changes what an embedded page shows.

The flag comes from the browser, which is safe only because it can only take rights away: an embedded page never
shows the internal view, whoever's cookie the browser sends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

import streamlit as st

T = TypeVar("T")


def embedded() -> bool:
    try:
        return bool(st.context.is_embedded)
    except Exception:  # noqa: BLE001 - outside a script run (a bare import, a test of a builder): not embedded
        return False


# --- a page's own controls, embedded: their values from the URL (or the defaults), said in one caption ------------


def url_choice(name: str, allowed: Sequence[T], default: T) -> T:
    """The URL's value of a page control when it is one of `allowed` (compared as text), else the default."""
    given = st.query_params.get(name)
    return next((value for value in allowed if str(value) == given), default)


def url_number(name: str, default: float, low: float, high: float) -> float:
    """The URL's number for a page control, kept within its bounds; the default when absent or not a number."""
    try:
        value = float(st.query_params.get(name, default))
    except (TypeError, ValueError):
        return default
    return default if value != value else min(max(value, low), high)  # NaN: the default


def url_date(name: str, default: dt.date, low: dt.date, high: dt.date) -> dt.date:
    """The URL's date for a page control (YYYY-MM-DD), kept within its bounds; the default when absent or not a date."""
    try:
        value = dt.date.fromisoformat(str(st.query_params.get(name)))
    except ValueError:
        return default
    return min(max(value, low), high)


def locked(values: Sequence[tuple[str, str]]) -> None:
    """In place of the page's own controls: each control's label and the value it is fixed at, in one caption (the
    values may come from the data: shown as literal text)."""
    from dashboard import text
    from dashboard.i18n import t

    shown = "; ".join(f"{label}: {value}" for label, value in values)
    st.caption(t("common.embedded_controls", values=text.markdown(shown)), help=t("common.embedded_controls_help"))
