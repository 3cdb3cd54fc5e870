"""The embeddable view: `?embed=true` (Streamlit's own URL option, read through st.context.is_embedded) shows a page
without the sidebar, the navigation or any widget, with its filters fixed by the URL, and always the public view.

Streamlit hides its toolbar and footer itself on `?embed=true` but keeps the sidebar and the page's widgets; this
switch does the rest. The flag comes from the browser, which is safe only because it can only take rights away: an
embedded page never shows the internal view, whoever's cookie the browser sends.
"""

from __future__ import annotations

import streamlit as st


def embedded() -> bool:
    try:
        return bool(st.context.is_embedded)
    except Exception:  # noqa: BLE001 - outside a script run (a bare import, a test of a builder): not embedded
        return False
