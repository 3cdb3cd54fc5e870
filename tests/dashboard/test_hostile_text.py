"""Data holding markdown, HTML and image payloads is shown as literal text on every page, in both views (AppTest).

The hostile warehouse (tests/dashboard/hostile.py) has the payloads in every free-text column. Every string a page
sends is checked by where Streamlit shows it: a markdown field (st.markdown, captions, headers, alerts, metric,
widget and expander labels, help) must hold no payload unescaped; a Plotly figure must hold no payload tag
unescaped (Plotly would draw <a href> as a link and <b> as bold); select options are plain text and may hold them
as they are. A field is added to PLAIN_TEXT_FIELDS only after checking in a browser that Streamlit shows it as plain
text. What a real browser makes of it all is checked in tests/browser/test_hostile_text_in_browser.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import text
from dashboard.navigation import pages_for
from tests.dashboard.conftest import APP, all_protos
from tests.dashboard.hostile import LINK, PAYLOADS

pytestmark = pytest.mark.usefixtures("use_hostile_warehouse")

STATES = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
#: String fields Streamlit shows as plain text, never as markdown: data may stand in them as it is.
PLAIN_TEXT_FIELDS = {"Selectbox.options", "Selectbox.raw_value", "MultiSelect.options", "MultiSelect.raw_values"}
#: Tags Plotly would draw: in a figure they may only come escaped (&lt;...).
PLOTLY_TAGS = (LINK, "<b>B</b>", "<img src=x")


def open_page(stem: str, query: dict[str, str] | None = None) -> AppTest:
    """The page with URL parameters set for the first run of app.py and of the page (the shared sidebar rewrites
    the URL on the first run, which would drop a page's own parameters such as ?state=)."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if stem != "overview":
        at.switch_page(f"pages/{stem}.py")
        for key, value in (query or {}).items():
            at.query_params[key] = value
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def strings(message) -> Iterator[tuple[str, str]]:
    """Every string field under a proto message, as ("Message.field", value)."""
    for descriptor, value in message.ListFields():
        for item in list(value) if descriptor.is_repeated else [value]:
            if isinstance(item, str):
                yield f"{message.DESCRIPTOR.name}.{descriptor.name}", item
            elif hasattr(item, "ListFields"):
                yield from strings(item)


def json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


@dataclass
class Seen:
    """Where the (escaped) payload turned up: so a scan that saw nothing cannot pass."""

    markdown: set[str] = field(default_factory=set)  # proto fields holding the markdown-escaped link payload
    plotly: int = 0  # figure strings holding the Plotly-escaped link payload


def check(at: AppTest, where: str) -> Seen:
    """Every string the page sends follows the rule for where it is shown."""
    seen = Seen()
    for proto in all_protos(at._tree):
        for name, value in strings(proto):
            if name == "PlotlyChart.spec":
                for item in json_strings(json.loads(value)):
                    tags = [tag for tag in PLOTLY_TAGS if tag in item]
                    assert not tags, f"{where}: a figure holds {tags} unescaped: {item[:300]}"
                    seen.plotly += text.plotly(LINK) in item
            elif name == "DeckGlJsonChart.tooltip":
                assert set(json.loads(value)) == {"text"}, f"{where}: map tooltip is not a text template: {value}"
            elif name not in PLAIN_TEXT_FIELDS and name != "DeckGlJsonChart.json":
                raw = [payload for payload in PAYLOADS if payload in value]
                assert not raw, f"{where}: {name} holds {raw} unescaped (markdown): {value[:300]}"
                if text.markdown(LINK) in value:
                    seen.markdown.add(name)
    return seen


def visits(view: str) -> list[tuple[str, dict[str, str]]]:
    return [(spec.stem, {}) for spec in pages_for(view)] + [("state_profile", {"state": s}) for s in STATES]


@pytest.mark.parametrize("view", ["public", "internal"])
def test_every_page_shows_hostile_data_as_text(view: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if view == "internal":
        monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    markdown: set[str] = set()
    figures: dict[str, int] = {}
    for stem, query in visits(view):
        seen = check(open_page(stem, query), f"{view} {stem} {query}")
        markdown |= seen.markdown
        figures[stem] = figures.get(stem, 0) + seen.plotly
    # The scan saw the payloads where pages show data in markdown and in figures.
    assert {"Heading.body", "Markdown.body", "Alert.body"} <= markdown, markdown
    assert figures["overview"] and figures["pillar_progress"] and figures["assistance_pipeline"], figures


@pytest.mark.parametrize("view", ["public", "internal"])
def test_page_controls_show_hostile_data_as_text(view: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every focus State of the coverage map and every request of the pipeline's picker."""
    if view == "internal":
        monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    at = open_page("coverage_map")
    focus = at.selectbox(key="cov_focus")
    assert len(focus.options) == 6
    for code in STATES:
        at.selectbox(key="cov_focus").set_value(code).run()
        assert not at.exception
        assert "Markdown.body" in check(at, f"{view} coverage_map focus {code}").markdown
    at = open_page("assistance_pipeline")
    requests = [option.split(" · ")[0] for option in at.selectbox(key="pipeline_request").options]  # "id · ..."
    assert len(requests) >= 3
    for request in requests:
        at.selectbox(key="pipeline_request").set_value(request).run()
        assert not at.exception
        assert "Markdown.body" in check(at, f"{view} assistance_pipeline {request}").markdown


def actor(hostile_warehouse, code: str) -> dict[str, str]:
    import duckdb

    with duckdb.connect(str(hostile_warehouse), read_only=True) as con:
        name_en, name_ru, capital = con.execute(
            "select name_en, name_ru, seat_city from core.actors where actor_id = ?", [code]
        ).fetchone()
    return {"name_en": name_en, "name_ru": name_ru, "capital": capital}


@pytest.mark.parametrize("state", STATES)
def test_state_profile_names_and_capital_are_literal_text(state: str, hostile_warehouse) -> None:
    """Finding 3: a State's names and capital are markdown-escaped in the header, caption and notes."""
    names = actor(hostile_warehouse, state)
    assert names["name_en"].startswith(LINK) and names["capital"].startswith(LINK)
    at = open_page("state_profile", {"state": state})
    assert [h.value for h in at.header if "·" in h.value] == [
        f"{text.markdown(names['name_en'])} · {text.markdown(names['name_ru'])}"
    ]
    assert any(f"Capital: {text.markdown(names['capital'])} ·" in c.value for c in at.caption)
    for info in at.info:
        if "No national action plan" in info.value:
            assert text.markdown(names["name_en"]) in info.value


def test_coverage_map_focus_name_is_literal_text(hostile_warehouse) -> None:
    """Finding 3: the State the map is focused on is named in markdown, escaped."""
    at = open_page("coverage_map", {"focus": "TKM"})
    name = actor(hostile_warehouse, "TKM")["name_en"]
    assert any(m.value.startswith("**Showing:** " + text.markdown(name)) for m in at.markdown)


def test_match_rate_axis_labels_are_plotly_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding 4: an actor name with <a href> is an axis label and a hover label of the match-rate chart: escaped
    for Plotly, so it is drawn as text, not as a link."""
    monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    at = open_page("assistance_pipeline")
    traces = [
        trace
        for chart in at.get("plotly_chart")
        for trace in json.loads(chart.proto.spec)["data"]
        if trace.get("orientation") == "h"
        and any("European Union" in str(row[0]) for row in trace.get("customdata", []))
    ]
    assert len(traces) == 1, "the provider match-rate chart was not found"
    axis, hover = traces[0]["y"], [row[0] for row in traces[0]["customdata"]]
    assert len(axis) == len(hover) >= 1
    # The axis label is cut at 42 characters, the link tag first: whole and escaped in both.
    assert all(label.startswith(text.plotly(LINK) + " ") for label in [*axis, *hover]), [*axis, *hover]
