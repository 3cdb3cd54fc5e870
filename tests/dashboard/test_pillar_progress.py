"""Pillar progress in AppTest on the fixture warehouse: defaults, filters from a link, a filter that leaves
nothing, the drill-down, the as-of dates, and the fixed State order on the shipped data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGE = "pages/pillar_progress.py"
FIVE = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]


def open_link(query: dict[str, str] | None = None):
    """The page opened from a shared link: its URL parameters are read on the session's first run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    at.run()
    return at


def date_box(at, label: str):
    return next(d for d in at.date_input if d.label == label)


def heatmap(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]


def test_defaults_through_the_navigation(run_page) -> None:
    at = run_page("pillar_progress")
    assert not at.exception
    assert at.title[0].value == "Pillar progress"
    # Either the heatmap or an explanation: never an empty chart.
    assert at.get("plotly_chart") or any("synthetic" in i.value for i in at.info)


def test_defaults_from_a_link_on_fixtures() -> None:
    at = open_link()
    assert not at.exception
    assert any("3 of the 3 records" in w.value for w in at.warning)  # every JPoA item shipped is synthetic
    assert any("not a compliance score" in c.value for c in at.caption)
    assert date_box(at, "Period").value == (dt.date(2011, 7, 21), dt.date(2026, 11, 29))  # to the data's as-of date
    assert date_box(at, "Status as of").value == dt.date(2026, 11, 29)  # the period end
    assert date_box(at, "Compare with").value == dt.date(2011, 7, 21)  # the period start
    cells = heatmap(at)
    assert cells["y"] == FIVE
    assert cells["text"][0] == [
        "no items recorded",
        "1 of 1 completed<br>+1 since 21 Jul 2011",
        "0 of 1 completed<br>no change since 21 Jul 2011",
        "no items recorded",
    ]
    assert cells["text"][1][1] == "0 of 1 completed<br>no change since 21 Jul 2011"
    assert cells["z"][0] == [None, 1.0, 0.0, None]
    change = json.loads(at.get("plotly_chart")[1].proto.spec)["data"][0]
    assert change["text"][0][:3] == ["no items recorded", "+1", "0"]


def test_drill_down_lists_items_and_full_history() -> None:
    at = open_link()
    # Starts on the first State and pillar (fixed order) holding items: Kazakhstan, pillar II.
    assert at.selectbox(key="pp_state").value == "KAZ" and at.selectbox(key="pp_pillar").value == "II"
    items, history = at.dataframe[1].value, at.dataframe[2].value
    assert list(items["item"]) == ["AI-KAZ-II-1"]
    assert list(items["status"]) == ["Completed"]
    assert list(items["note"]) == ["Law adopted."]
    assert list(history["status"]) == ["Not started", "In progress", "Completed"]
    assert [d.date() for d in history["date"]] == [dt.date(2012, 1, 1), dt.date(2013, 6, 30), dt.date(2015, 12, 1)]

    at.selectbox(key="pp_state").set_value("KGZ").run()
    assert not at.exception
    assert list(at.dataframe[1].value["item"]) == ["AI-KGZ-II-1"]
    assert list(at.dataframe[1].value["status"]) == ["Not started"]

    at.selectbox(key="pp_pillar").set_value("IV").run()
    assert any("No Joint Plan item is recorded" in i.value for i in at.info)


def test_as_of_date_moves_the_counts() -> None:
    at = open_link()
    date_box(at, "Status as of").set_value(dt.date(2014, 1, 1)).run()
    date_box(at, "Compare with").set_value(dt.date(2013, 1, 1)).run()
    assert not at.exception
    text = heatmap(at)["text"]
    assert text[0][1] == "0 of 1 completed<br>no change since 1 Jan 2013"  # KAZ II in progress on 1 Jan 2014
    assert text[1][1] == "0 of 1 completed<br>no change since 1 Jan 2013"  # KGZ II baselined on 1 Jan 2014


def test_compare_date_after_as_of_is_swapped_with_a_warning() -> None:
    at = open_link()
    date_box(at, "Compare with").set_value(dt.date(2015, 12, 1)).run()
    date_box(at, "Status as of").set_value(dt.date(2012, 6, 1)).run()
    assert not at.exception
    assert any("used the other way round" in w.value for w in at.warning)
    assert heatmap(at)["text"][0][1] == "1 of 1 completed<br>+1 since 1 Jun 2012"


def test_filters_from_a_link() -> None:
    at = open_link({"states": "KGZ", "pillars": "II", "synthetic": "1"})
    assert not at.exception
    cells = heatmap(at)
    assert cells["y"] == ["Kyrgyzstan"]
    assert cells["x"] == ["<b>Pillar II</b><br>preventing and<br>combating terrorism"]
    assert cells["text"] == [["0 of 1 completed<br>no change since 21 Jul 2011"]]


def test_filters_set_before_the_first_run_survive_the_page_switch(run_page) -> None:
    at = run_page("pillar_progress", {"states": "KGZ", "pillars": "II", "synthetic": "1"})
    assert not at.exception
    assert heatmap(at)["y"] == ["Kyrgyzstan"]


def test_synthetic_off_explains_instead_of_an_empty_heatmap() -> None:
    at = open_link({"synthetic": "0"})
    assert not at.exception
    assert any("Only synthetic demonstration data exists for Joint Plan of Action items" in i.value for i in at.info)
    assert not at.get("plotly_chart")
    assert not at.warning  # no synthetic badge: nothing synthetic counts


def test_a_period_before_any_item_explains() -> None:
    at = open_link({"from": "2011-07-21", "to": "2011-08-01"})
    assert not at.exception
    assert any("Nothing matches the filters: Joint Plan of Action items" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_shipped_data_keeps_the_fixed_state_order(use_shipped_warehouse) -> None:
    at = open_link()
    assert not at.exception
    cells = heatmap(at)
    assert cells["y"] == FIVE  # never sorted by share completed
    assert all(" of 5 completed" in text for row in cells["text"] for text in row)
    assert any("100 of the 100 records" in w.value for w in at.warning)
