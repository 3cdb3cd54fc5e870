"""Entry point: only routes. The page list is built per view, so internal pages do not exist for a public session."""

from pathlib import Path

import streamlit as st

from dashboard import navigation
from dashboard.i18n import t
from dashboard.ui import account, chrome, embed

HERE = Path(__file__).parent

st.set_page_config(
    page_title=t("nav.app_title"), page_icon=str(HERE / "dashboard" / "assets" / "icon.png"), layout="wide"
)
pages = [
    st.Page(HERE / "pages" / f"{spec.stem}.py", title=t(f"nav.{spec.stem}"), icon=spec.icon, default=spec.default)
    for spec in navigation.pages_for(chrome.view())
]
# Embedded (?embed=true, dashboard/ui/embed.py): no navigation and no account box, so no sidebar at all.
page = st.navigation(pages, position="hidden" if embed.embedded() else "sidebar")
if not embed.embedded():
    account.account_box()
page.run()
