"""The page registry: which pages exist, and for which view.

app.py builds st.navigation from pages_for(view), so an internal page does not exist for a public session (asking
for it by URL answers Streamlit's page-not-found). Each page also checks allowed() itself when it starts, because
on a freshly started server Streamlit may run a file from pages/ before app.py has registered the list.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.access import INTERNAL, PUBLIC

BOTH = (PUBLIC, INTERNAL)


@dataclass(frozen=True)
class PageSpec:
    stem: str  # file name in pages/ without .py; also the URL path (the overview is the default page at /)
    icon: str
    views: tuple[str, ...] = BOTH
    default: bool = False


PAGES = (
    PageSpec("overview", ":material/dashboard:", default=True),
    PageSpec("coverage_map", ":material/map:"),
    PageSpec("meetings", ":material/groups:"),
    PageSpec("pillar_progress", ":material/grid_view:"),
    PageSpec("assistance_pipeline", ":material/conversion_path:"),
    PageSpec("state_profile", ":material/flag:"),
    PageSpec("funder_outputs", ":material/volunteer_activism:"),
    PageSpec("workshop_planner", ":material/event_note:"),
    PageSpec("request_register", ":material/lock:", views=(INTERNAL,)),
    PageSpec("load_details", ":material/fact_check:"),
    PageSpec("data_quality", ":material/rule:"),
    PageSpec("data_import", ":material/upload_file:", views=(INTERNAL,)),
)


def pages_for(view: str) -> list[PageSpec]:
    return [page for page in PAGES if view in page.views]


def allowed(stem: str, view: str) -> bool:
    """Whether pages/<stem>.py may run for this view; an unknown page never may."""
    return any(page.stem == stem and view in page.views for page in PAGES)
