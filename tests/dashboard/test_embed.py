"""The embeddable view on every public page (?embed=true, st.context.is_embedded): no control of any kind, each page's
own controls replaced by their values from the URL (or their defaults) in a caption, chart selections off. The pages
come from the navigation, so a page added there is covered here without a new test."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dashboard import navigation
from dashboard.access import PUBLIC
from dashboard.charts.pillar_progress import day_label
from dashboard.i18n import t
from tests.dashboard.test_funder_outputs import embedded_page

#: Element types a person acts with: inputs, choices, buttons (segmented controls and pills are button groups).
CONTROLS = {
    "audio_input",
    "button",
    "button_group",
    "camera_input",
    "chat_input",
    "checkbox",
    "color_picker",
    "data_editor",
    "date_input",
    "date_time_input",
    "download_button",
    "file_uploader",
    "menu_button",
    "multiselect",
    "number_input",
    "radio",
    "select_slider",
    "selectbox",
    "slider",
    "text_area",
    "text_input",
    "time_input",
    "toggle",
}
PUBLIC_PAGES = [page.stem for page in navigation.pages_for(PUBLIC)]


def element_types(node) -> list[str]:  # noqa: ANN001 - an AppTest node
    """The type of every element under a node of the AppTest tree."""
    found = [str(getattr(node, "type", ""))]
    for child in getattr(node, "children", {}).values():
        found += element_types(child)
    return found


def chart_selections(at) -> list[str]:  # noqa: ANN001 - an AppTest
    """The selection modes of the page's Plotly charts and maps (none: a click selects nothing)."""
    modes = [m for chart in at.get("plotly_chart") for m in chart.proto.selection_mode]
    return modes + [m for deck in at.get("deck_gl_json_chart") for m in deck.proto.selection_mode]


def test_the_public_pages_are_all_here() -> None:
    assert {"overview", "coverage_map", "state_profile", "workshop_planner"} <= set(PUBLIC_PAGES)


@pytest.mark.parametrize("stem", PUBLIC_PAGES)
def test_an_embedded_page_draws_no_control(stem: str) -> None:
    at = embedded_page(stem, {"states": "KAZ,KGZ"})
    kinds = element_types(at._tree)
    assert not CONTROLS & set(kinds), sorted(CONTROLS & set(kinds))
    assert not chart_selections(at), "a chart selection would change the embedded page"
    assert not at.sidebar.children


def locked_caption(at) -> str:  # noqa: ANN001
    """The captions that stand for the page's own controls, joined (markdown escapes taken out)."""
    prefix = t("common.embedded_controls", values="")
    found = [c.value for c in at.caption if c.value.startswith(prefix)]
    assert found, [c.value for c in at.caption]
    return " ".join(found).replace("\\", "")


def test_the_coverage_map_takes_its_measure_focus_and_flows_from_the_url() -> None:
    at = embedded_page("coverage_map", {"measure": "requests_open_at_end", "focus": "KGZ", "flows": "0"})
    caption = locked_caption(at)
    assert t("coverage_map.measure_requests_open_at_end") in caption and "Kyrgyzstan" in caption
    assert t("common.embedded_hidden") in caption
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert not any(layer.get("id") == "arcs" for layer in deck["layers"])  # the flows switched off by the link
    default = embedded_page("coverage_map", {})
    assert t("coverage_map.measure_meetings_attended") in locked_caption(default)
    assert t("coverage_map.focus_all") in locked_caption(default)


def test_the_pillar_progress_dates_and_drill_down_come_from_the_url() -> None:
    link = {"as_of": "2014-06-30", "since": "2013-01-01", "state": "KAZ", "pillar": "II"}
    at = embedded_page("pillar_progress", link)
    caption = locked_caption(at)
    assert "2014-06-30" in caption and "2013-01-01" in caption and "Kazakhstan" in caption
    assert t("pillar_progress.heatmap_header", as_of=day_label(dt.date(2014, 6, 30))) in [h.value for h in at.subheader]
    items = next(d.value for d in at.dataframe if "status_since" in d.value.columns)  # the drill-down: KAZ x II
    assert not items.empty


def test_the_state_profile_takes_its_state_and_since_date_from_the_url() -> None:
    at = embedded_page("state_profile", {"state": "KAZ", "since": "2015-06-01"})
    assert "Kazakhstan" in locked_caption(at)
    assert any("1 of them since 1 June 2015" in m.value for m in at.markdown)


def test_the_planner_takes_its_weights_and_months_from_the_url() -> None:
    """Weights 1 / 3 / 1 put KGZ x pillar II first (counted by hand in test_workshop_planner.py)."""
    at = embedded_page(
        "workshop_planner", {"states": "KGZ", "w_unmet": "1", "w_jpoa": "3", "w_months": "1", "size": "4"}
    )
    table = next(d.value for d in at.dataframe if "reason" in d.value.columns)
    assert (table.iloc[0]["dimension"], table.iloc[0]["topic"], len(table)) == ("pillar", "II", 4)
    caption = locked_caption(at)
    assert f"{t('workshop_planner.w_jpoa')}: 3" in caption and f"{t('workshop_planner.months_label')}: 24" in caption


def test_the_meetings_and_pipeline_pickers_follow_the_url() -> None:
    at = embedded_page("meetings", {"event": "EV-ALMATY-2011"})
    assert f"{t('meetings.pick_event')}: 21 Jul 2011 · 3rd Expert Meeting (fixture)" in locked_caption(at)
    assert at.get("dataframe")  # its participants listed
    at = embedded_page("assistance_pipeline", {})
    assert t("assistance_pipeline.request_select") in locked_caption(at)
