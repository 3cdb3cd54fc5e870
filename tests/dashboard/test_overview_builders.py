"""Overview builders and the shared key figures on small frames, exact values asserted."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.charts import overview as charts
from dashboard.charts.common import PILLAR_COLOURS, format_delta, format_value, key_figures
from dashboard.figures import OVERVIEW_KEYS


def kpis(**values: float) -> pd.DataFrame:
    return pd.DataFrame([{**dict.fromkeys(OVERVIEW_KEYS, 0), **values}])


def test_key_figures_delta_against_previous_period() -> None:
    figures = {
        f.measure: f
        for f in key_figures(
            kpis(meetings_held=12, share_within_rule=0.75),
            OVERVIEW_KEYS,
            kpis(meetings_held=9, share_within_rule=0.5),
            percent=["share_within_rule"],
            lower_is_better=["requests_open_at_end"],
        )
    }
    assert figures["meetings_held"].delta == 3
    assert format_value(figures["meetings_held"]) == "12"
    assert format_delta(figures["meetings_held"]) == "+3"
    assert format_value(figures["share_within_rule"]) == "75%"
    assert format_delta(figures["share_within_rule"]) == "+25 pts"
    assert figures["requests_open_at_end"].lower_is_better and not figures["meetings_held"].lower_is_better


def test_no_delta_without_a_previous_period_and_no_share_of_nothing() -> None:
    current = kpis(median_days_to_distribute=float("nan"), share_within_rule=None)
    figures = {f.measure: f for f in key_figures(current, OVERVIEW_KEYS, None, percent=["share_within_rule"])}
    assert figures["meetings_held"].delta is None and format_delta(figures["meetings_held"]) is None
    assert format_value(figures["median_days_to_distribute"]) == "–"
    assert format_value(figures["share_within_rule"]) == "n/a"  # nothing judged against the rule


def test_timeline_one_trace_per_pillar_with_synthetic_marked() -> None:
    frame = pd.DataFrame(
        {
            "event_id": ["a", "a", "b"],
            "title": ["Meeting A", "Meeting A", "Demo: B"],
            "event_type": ["expert_meeting"] * 2 + ["workshop"],
            "start_date": [dt.date(2011, 7, 21)] * 2 + [dt.date(2015, 1, 1)],
            "city": ["Almaty", "Almaty", None],
            "pillar": ["I", "IV", "none"],
            "participants": [80, 80, None],
            "is_synthetic": [False, False, True],
        }
    )
    figure = charts.timeline(
        frame, {"I": "Pillar I", "IV": "Pillar IV"}, {"expert_meeting": "Expert meeting", "workshop": "Workshop"}
    )
    assert [t.name for t in figure.data] == ["Pillar I", "Pillar IV", "No pillar recorded"]
    assert figure.data[0].marker.color == PILLAR_COLOURS["I"]
    assert list(figure.data[2].marker.symbol) == ["diamond-open"]
    assert list(figure.data[0].marker.symbol) == ["circle"]
    assert figure.data[0].marker.size[0] == 8 + 80 / 8
    assert figure.data[2].customdata[0][1] == "1 Jan 2015"  # the date as known (day precision by default)
    assert figure.data[2].customdata[0][4] == "not recorded"
    assert figure.data[2].customdata[0][5] == "synthetic (demo)"


def test_monthly_timeline_sizes_by_events_and_says_how_many_are_synthetic() -> None:
    frame = pd.DataFrame(
        {
            "pillar": ["I", "I", "III"],
            "month": [dt.date(2020, 1, 1), dt.date(2020, 2, 1), dt.date(2020, 1, 1)],
            "events_held": [4, 1, 16],
            "events_held_synthetic": [4, 0, 10],
            "participants": [100, None, 800],
        }
    )
    figure = charts.timeline_monthly(frame, {"I": "Pillar I", "III": "Pillar III"})
    assert [trace.name for trace in figure.data] == ["Pillar I", "Pillar III"]
    # marker area grows with the count: size 6 + 30 * sqrt(events / largest)
    assert list(figure.data[0].marker.size) == [21.0, 13.5]
    assert list(figure.data[1].marker.size) == [36.0]
    assert [list(c) for c in figure.data[1].customdata] == [[16, 10]]


def test_changes_table_links_only_web_addresses() -> None:
    changes = pd.DataFrame(
        {
            "change_date": [dt.date(2015, 5, 12), dt.date(2011, 7, 21)],
            "kind": ["request_received", "event"],
            "states": ["KGZ", "KAZ, KGZ"],
            "description": ["Request received", "Meeting"],
            "source_url": ["UNIS/INF/393", "https://example.org/a"],
            "is_synthetic": [True, False],
        }
    )
    table = charts.changes_table(changes)
    assert table["kind"].tolist() == ["Request received", "Event"]
    assert table["source"].isna().tolist() == [True, False] and table["source"].iloc[1] == "https://example.org/a"
    assert table["source_ref"].iloc[0] == "UNIS/INF/393" and pd.isna(table["source_ref"].iloc[1])
