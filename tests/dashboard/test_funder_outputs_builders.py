"""Funder outputs builders: the project timeline as DOMAIN.md gives it, funders in alphabetical order whatever their
figures (never ranked), 'not recorded' never a zero."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.charts import funder_outputs as charts
from dashboard.figures import FUNDER_KEYS


def funders(**overrides) -> pd.DataFrame:
    base = {
        "funder": ["NOR", "EU"],
        "funder_name": ["Norway", "European Union"],
        "is_provider": [False, True],
        "meetings_held": [9, 1],
        "meetings_held_synthetic": [0, 0],
        "participants": [None, 80.0],
        "meetings_with_participants": [0, 1],
        "states_reached": [5, 4],
        "requests_matched": [None, 0],
        "requests_delivered": [None, 0],
        "matches_synthetic": [0, 0],
    }
    base.update(overrides)
    return pd.DataFrame(base)


def test_timeline_dates_are_those_of_the_domain_brief() -> None:
    marks = {m.key: m for m in charts.PROJECT_TIMELINE}
    assert marks["adopted"].start == dt.date(2011, 11, 30)
    assert marks["review"].start == dt.date(2021, 12, 8)
    assert marks["updated_plan"].start == dt.date(2022, 3, 3)
    assert charts.mark_date(marks["launch"]) == "Sep 2010"  # month precision: never "2010-09-01"
    assert charts.mark_date(marks["phase_2"]) == "Sep 2013" and charts.mark_date(marks["phase_3"]) == "Apr 2018"
    table = charts.timeline_table()
    assert len(table) == len(charts.PROJECT_TIMELINE) and "Sep 2010" in set(table["start"])


def test_funders_are_alphabetical_not_ranked() -> None:
    """Norway has 9 meetings, the EU 1: the order is still by name."""
    assert charts.funder_order(funders()) == [("EU", "European Union"), ("NOR", "Norway")]
    assert list(charts.summary_table(funders())["funder"]) == ["EU", "NOR"]


def test_not_recorded_is_said_never_zero() -> None:
    row = funders().set_index("funder").loc["NOR"]
    row["funder"] = "NOR"
    shown = {f.measure: f for f in charts.key_figures_of(row, FUNDER_KEYS)}
    assert shown["funder_requests_matched"].value is None
    assert shown["funder_requests_matched"].text == "not recorded"
    assert shown["funder_participants"].text == "not recorded"
    assert shown["funder_meetings_held"].value == 9
    eu = funders().set_index("funder").loc["EU"]
    assert {f.measure: f for f in charts.key_figures_of(eu, FUNDER_KEYS)}["funder_requests_matched"].value == 0
    summary = charts.summary_table(funders()).set_index("funder")
    assert "assistance not recorded" in summary.loc["NOR", "not_recorded"]
    assert "assistance not recorded" not in summary.loc["EU", "not_recorded"]
    assert charts.participants_text(eu) == "Participants: 80, recorded for 1 of 1 meetings funded."


def test_over_time_one_panel_per_funder_and_no_bar_for_what_is_not_recorded() -> None:
    by_year = pd.DataFrame(
        {
            "funder": ["NOR", "EU"],
            "funder_name": ["Norway", "European Union"],
            "year": [2011, 2015],
            "meetings_held": [2, 1],
            "states_reached": [4, 2],
            "requests_matched": [None, 1],
            "requests_delivered": [None, 0],
        }
    )
    figure = charts.over_time(by_year, funders(), dt.date(2010, 1, 1), dt.date(2026, 1, 1))
    titles = [a.text for a in figure.layout.annotations]
    assert titles[:2] == ["European Union", "Norway"]
    nor_bars = [tr for tr in figure.data if tr.xaxis == "x2"]
    assert {tr.name for tr in nor_bars} == {"Meetings funded", "States reached"}
    assert all(titles), "an annotation without text: plotly.js draws it as 'new text'"
