"""Overview builders on small frames, exact values asserted."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.charts import overview as charts
from dashboard.charts.common import PILLAR_COLOURS


def kpis(**values: float) -> pd.DataFrame:
    base = {name: 0 for name, _pct, _lower in charts.KPI_COLUMNS}
    return pd.DataFrame([{**base, **values}])


def test_key_figures_delta_against_previous_period() -> None:
    figures = {
        f.key: f
        for f in charts.key_figures(
            kpis(meetings=12, share_within_7_days=0.75), kpis(meetings=9, share_within_7_days=0.5)
        )
    }
    assert figures["meetings"].delta == 3
    assert charts.format_value(figures["meetings"]) == "12"
    assert charts.format_delta(figures["meetings"]) == "+3"
    assert charts.format_value(figures["share_within_7_days"]) == "75%"
    assert charts.format_delta(figures["share_within_7_days"]) == "+25 pts"
    assert figures["requests_open"].lower_is_better and not figures["meetings"].lower_is_better


def test_no_delta_without_a_previous_period_or_value() -> None:
    figures = {f.key: f for f in charts.key_figures(kpis(median_days_to_distribute=float("nan")), kpis().iloc[0:0])}
    assert figures["meetings"].delta is None and charts.format_delta(figures["meetings"]) is None
    assert charts.format_value(figures["median_days_to_distribute"]) == "–"


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
    assert figure.data[2].customdata[0][3] == "not recorded"


def test_monthly_timeline_sizes_by_events_and_says_how_many_are_synthetic() -> None:
    frame = pd.DataFrame(
        {
            "pillar": ["I", "I", "III"],
            "month": [dt.date(2020, 1, 1), dt.date(2020, 2, 1), dt.date(2020, 1, 1)],
            "events": [4, 1, 16],
            "synthetic_events": [4, 0, 10],
            "participants": [100, None, 800],
        }
    )
    figure = charts.timeline_monthly(frame, {"I": "Pillar I", "III": "Pillar III"})
    assert [trace.name for trace in figure.data] == ["Pillar I", "Pillar III"]
    # marker area grows with the count: size 6 + 30 * sqrt(events / largest)
    assert list(figure.data[0].marker.size) == [21.0, 13.5]
    assert list(figure.data[1].marker.size) == [36.0]
    assert [list(c) for c in figure.data[1].customdata] == [[16, 10]]
