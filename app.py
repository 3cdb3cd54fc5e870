"""Entry point: only routes. Each page is a file in pages/; shared code lives in dashboard/."""

from pathlib import Path

import streamlit as st

from dashboard.i18n import t

HERE = Path(__file__).parent
PAGES = [
    st.Page(HERE / "pages" / "overview.py", title=t("nav.overview"), icon=":material/dashboard:", default=True),
    st.Page(HERE / "pages" / "coverage_map.py", title=t("nav.coverage_map"), icon=":material/map:"),
    st.Page(HERE / "pages" / "pillar_progress.py", title=t("nav.pillar_progress"), icon=":material/grid_view:"),
    st.Page(
        HERE / "pages" / "assistance_pipeline.py", title=t("nav.assistance_pipeline"), icon=":material/conversion_path:"
    ),
    st.Page(HERE / "pages" / "state_profile.py", title=t("nav.state_profile"), icon=":material/flag:"),
    st.Page(HERE / "pages" / "load_details.py", title=t("nav.load_details"), icon=":material/fact_check:"),
]

st.set_page_config(
    page_title=t("nav.app_title"), page_icon=str(HERE / "dashboard" / "assets" / "icon.png"), layout="wide"
)
st.navigation(PAGES).run()
