"""Streamlit's legacy multipage mode: on a freshly started server it runs a deep-linked file from pages/ by itself
until app.py has called st.navigation once. Every page switches that mode off first."""

from __future__ import annotations

import streamlit as st


def leave_legacy_routing() -> None:
    """Switch the legacy mode off and rerun through app.py, so the page list, the layout and the access rules apply
    from the very first request. (A private flag: if a Streamlit release drops it, getattr finds nothing and the
    navigation.allowed() check in chrome.open_page still guards every page; tests/browser/test_leaks_in_browser.py
    fails if an upgrade changes this.)"""
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()
