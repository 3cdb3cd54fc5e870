"""Overview page in AppTest: defaults, filters set, a filter that leaves nothing, the timeline."""

from __future__ import annotations

import json

import pytest

# These tests check the figures of the whole fixture set (all four requests): the internal view.
# The public view of every page is checked in test_access_pages.py.
pytestmark = pytest.mark.usefixtures("internal_view")


def test_overview_defaults_on_fixtures(run_page) -> None:
    at = run_page("overview")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Meetings held"] == "3"
    assert metrics["Requests received"] == "4"
    assert metrics["Open requests"] == "3"  # KGZ, TKM, UZB; KAZ closed in 2014
    assert metrics["Distributed ≤ 7 days"] == "50%"  # KAZ 4 days, TKM 4 days: on time; KGZ 10 days, UZB never: late
    assert any("synthetic demonstration data" in w.value for w in at.warning)


def test_overview_timeline_is_coloured_by_pillar(run_page) -> None:
    at = run_page("overview")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = [trace["name"] for trace in spec["data"]]
    assert names == [
        "Pillar I: conditions conducive to the spread of terrorism",
        "Pillar II: preventing and combating terrorism",
        "Pillar III: building States' capacity",
        "Pillar IV: human rights and the rule of law",
    ]


def test_overview_with_filters_set(run_page) -> None:
    at = run_page("overview", {"states": "KGZ", "synthetic": "1"})
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Requests received"] == "1"


def test_overview_filter_that_leaves_nothing_explains(run_page) -> None:
    at = run_page("overview", {"from": "2011-08-01", "to": "2011-09-01", "synthetic": "0"})
    assert not at.exception
    assert any("Nothing matches the filters" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_no_synthetic_badge_when_only_sourced_rows_count(run_page) -> None:
    at = run_page("overview", {"synthetic": "0"})
    assert not at.exception
    assert not any("synthetic demonstration data" in w.value for w in at.warning)


def test_too_many_events_are_drawn_as_monthly_totals(run_page, monkeypatch) -> None:
    from dashboard import settings

    monkeypatch.setattr(settings, "TIMELINE_MAX_EVENTS", 2)
    at = run_page("overview")
    assert not at.exception
    assert any("event rows match the filters, more than the 2 drawn one by one" in c.value for c in at.caption)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert all("events" in trace["hovertemplate"] for trace in spec["data"])
