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
    assert metrics["Open at period end"] == "3"  # KGZ, TKM, UZB; KAZ closed in 2014
    # KAZ 4 days, TKM 4 days: within the week; KGZ 10 days, UZB not distributed 91 days after receipt: late
    assert metrics["Distributed within one week"] == "50%"
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
    assert any("3 events match the filters, more than the 2 drawn one by one" in c.value for c in at.caption)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert all("events" in trace["hovertemplate"] for trace in spec["data"])
    # one marker per pillar and month: Almaty (III), Astana (II), Bishkek (I and IV)
    assert sum(row[0] for trace in spec["data"] for row in trace["customdata"]) == 4


def test_every_key_figure_is_explained_by_its_catalogue_definition(run_page) -> None:
    from dashboard.measures.catalogue import catalogue

    at = run_page("overview")
    by_name = {m.name(): m for m in catalogue().values()}
    assert len(at.metric) == 8
    for metric in at.metric:
        assert metric.proto.help == by_name[metric.label].definition(7), metric.label
