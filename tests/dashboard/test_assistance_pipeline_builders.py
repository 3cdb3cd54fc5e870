"""Pure builders of the assistance pipeline page, on small frames with exact values."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.charts import assistance_pipeline as charts
from dashboard.i18n import catalogue

ROOT = Path(__file__).resolve().parents[2]


def funnel_input() -> pd.DataFrame:
    # deliberately out of order: the builder sorts by stage_order
    return pd.DataFrame(
        {
            "stage_order": [3, 1, 2, 5, 4],
            "stage": ["distributed", "received", "acknowledged", "delivered", "matched"],
            "requests": [3, 4, 3, 1, 3],
        }
    )


def test_funnel_counts_and_shares_of_received() -> None:
    frame = charts.funnel_frame(funnel_input())
    assert frame["stage"].tolist() == ["received", "acknowledged", "distributed", "matched", "delivered"]
    assert frame["requests"].tolist() == [4, 3, 3, 3, 1]
    assert frame["share_of_received"].tolist() == [1.0, 0.75, 0.75, 0.75, 0.25]
    assert frame["stage_label"].tolist() == [
        "Received",
        "Acknowledged by the Chair",
        "Distributed to providers",
        "Matched with an offer",
        "Assistance delivered",
    ]


def test_funnel_figure_draws_counts_with_percent_of_received() -> None:
    trace = charts.funnel(charts.funnel_frame(funnel_input())).data[0]
    assert trace.type == "funnel"
    assert list(trace.x) == [4, 3, 3, 3, 1]
    assert list(trace.text) == ["4 (100%)", "3 (75%)", "3 (75%)", "3 (75%)", "1 (25%)"]


def test_funnel_with_nothing_received_has_no_share() -> None:
    frame = charts.funnel_frame(funnel_input().assign(requests=0))
    assert frame["share_of_received"].isna().all()
    assert list(charts.funnel(frame).data[0].text) == ["0"] * 5


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (0, "< 3 months"),
        (89, "< 3 months"),
        (90, "< 3 months"),
        (91, "3-6 months"),
        (182, "3-6 months"),
        (183, "6-12 months"),
        (365, "6-12 months"),
        (366, "1-2 years"),
        (400, "1-2 years"),
        (730, "1-2 years"),
        (731, "> 2 years"),
        (5000, "> 2 years"),
    ],
)
def test_age_buckets(days: int, bucket: str) -> None:
    assert charts.age_bucket_labels(pd.Series([days])).tolist() == [bucket]


def test_ageing_counts_per_bucket_and_state() -> None:
    open_requests = pd.DataFrame(
        {
            "request_id": ["A", "B", "C", "D", "E"],
            "state_id": ["UZB", "KGZ", "KGZ", "TKM", "KGZ"],
            "state_name": ["Uzbekistan", "Kyrgyzstan", "Kyrgyzstan", "Turkmenistan", "Kyrgyzstan"],
            "age_days": [91, 935, 800, 666, 10],
        }
    )
    counts = charts.ageing_counts(open_requests)
    assert counts[["age_bucket", "state_id", "requests", "oldest_days"]].values.tolist() == [
        ["< 3 months", "KGZ", 1, 10],
        ["3-6 months", "UZB", 1, 91],
        ["1-2 years", "TKM", 1, 666],
        ["> 2 years", "KGZ", 2, 935],
    ]
    figure = charts.ageing(counts)
    drawn = {trace.name: dict(zip(trace.x, trace.y, strict=True)) for trace in figure.data}
    assert drawn == {
        "Kyrgyzstan": {"< 3 months": 1, "> 2 years": 2},
        "Turkmenistan": {"1-2 years": 1},
        "Uzbekistan": {"3-6 months": 1},
    }
    assert figure.layout.barmode == "stack"
    assert list(figure.layout.xaxis.categoryarray) == [
        "< 3 months",
        "3-6 months",
        "6-12 months",
        "1-2 years",
        "> 2 years",
    ]


def compliance_input() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2013, 2012, 2014, 2015],
            "requests": [4, 2, 3, 1],
            "within_rule": [3, 2, 0, 0],
            "breached": [1, 0, 2, 0],
            "pending": [0, 0, 1, 1],
        }
    )


def test_compliance_share_per_year() -> None:
    frame = charts.compliance_frame(compliance_input())
    assert frame["year"].tolist() == [2012, 2013, 2014, 2015]
    assert frame["judged"].tolist() == [2, 4, 2, 0]
    shares = frame["share_within_rule"].tolist()
    assert shares[:3] == [1.0, 0.75, 0.0]
    assert math.isnan(shares[3])  # only a pending request: nothing to judge yet


def test_compliance_figure_bars_counts_and_rule_line() -> None:
    figure = charts.compliance(charts.compliance_frame(compliance_input()), 7)
    bar = figure.data[0]
    assert list(bar.x) == ["2012", "2013", "2014", "2015"]
    assert list(bar.y) == [1.0, 0.75, 0.0, 0.0]
    assert list(bar.text) == ["2 of 2", "3 of 4", "0 of 2", "pending"]
    assert [shape.y0 for shape in figure.layout.shapes] == [1]
    assert "within 7 days" in figure.layout.annotations[0].text


def gap_input() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area": ["physical_protection", "legislation", "export_control"],
            "sort_order": [2, 0, 4],
            "items_requested": [1, 3, 0],
            "offers_made": [1, 0, 2],
            "items_matched": [0, 2, 0],
            "items_delivered": [0, 1, 0],
            "items_unmet": [1, 1, 0],
        }
    )


LABELS = {"legislation": "Legislation", "physical_protection": "Physical protection", "export_control": "Export"}


def test_gap_frame_and_figure_values() -> None:
    frame = charts.gap_frame(gap_input(), LABELS)
    assert frame["area_label"].tolist() == ["Legislation", "Physical protection", "Export"]
    figure = charts.gap(frame)
    drawn = {trace.name: dict(zip(trace.y, trace.x, strict=True)) for trace in figure.data}
    assert drawn == {
        "Items requested": {"Legislation": 3, "Physical protection": 1, "Export": 0},
        "Offers made": {"Legislation": 0, "Physical protection": 1, "Export": 2},
        "Items matched": {"Legislation": 2, "Physical protection": 0, "Export": 0},
        "Items delivered": {"Legislation": 1, "Physical protection": 0, "Export": 0},
        "Items unmet (open, no match)": {"Legislation": 1, "Physical protection": 1, "Export": 0},
    }
    unmet = next(trace for trace in figure.data if trace.name.startswith("Items unmet"))
    assert unmet.marker.color == charts.UNMET_COLOUR
    assert list(unmet.text) == ["1", "1", ""]  # labelled where there is something unmet
    assert figure.layout.barmode == "group"


def test_area_match_rate_skips_areas_without_items() -> None:
    rates = charts.area_match_rate(charts.gap_frame(gap_input(), LABELS))
    assert rates.values.tolist() == [["Legislation", 3, 2, 2 / 3], ["Physical protection", 1, 0, 0.0]]
    figure = charts.match_rate_bars(rates, "area_label", "items_matched", "items_requested", "items_unit")
    assert list(figure.data[0].x) == [2 / 3, 0.0]
    assert list(figure.data[0].text) == ["2 of 3", "0 of 1"]


def test_provider_match_rate_names_providers() -> None:
    providers = pd.DataFrame(
        {
            "provider_id": ["EU", "UNODC", "OSCE"],
            "provider_name": [
                "European Union",
                "United Nations Office on Drugs and Crime",
                "Organization for Security and Co-operation in Europe (incl. Action against Terrorism Unit)",
            ],
            "offers_made": [4, 1, 2],
            "offers_matched": [3, 1, 0],
            "matches": [5, 2, 0],
            "matches_delivered": [2, 1, 0],
        }
    )
    rates = charts.provider_match_rate(providers)
    assert rates["match_rate"].tolist() == [0.75, 1.0, 0.0]
    figure = charts.match_rate_bars(rates, "provider_name", "offers_matched", "offers_made", "offers_unit")
    assert list(figure.data[0].text) == ["3 of 4", "1 of 1", "0 of 2"]
    shown = list(figure.data[0].y)
    assert shown[:2] == ["European Union", "United Nations Office on Drugs and Crime"]
    assert shown[2].endswith("…") and len(shown[2]) <= charts.MAX_NAME
    assert figure.data[0].customdata[2][0] == providers["provider_name"][2]  # the full name in the hover


def test_stage_days_boxes_come_from_the_sql_summary() -> None:
    points = pd.DataFrame(
        {
            "stage_order": [2, 2, 2, 3],
            "stage": ["distribute", "distribute", "distribute", "match"],
            "request_id": ["A", "B", "C", "A"],
            "state_name": ["Kazakhstan", "Kyrgyzstan", "Turkmenistan", "Kazakhstan"],
            "received_date": pd.to_datetime(["2012-03-01", "2013-05-10", "2014-02-03", "2012-03-01"]),
            "days": [4, 10, 4, 27],
        }
    )
    summary = pd.DataFrame(
        {
            "stage_order": [2, 3],
            "stage": ["distribute", "match"],
            "requests": [3, 1],
            "min_days": [4, 27],
            "q1_days": [4.0, 27.0],
            "median_days": [4.0, 27.0],
            "q3_days": [7.0, 27.0],
            "max_days": [10, 27],
            "mean_days": [6.0, 27.0],
        }
    )
    figure = charts.stage_days(points, summary, 7)
    boxes = [trace for trace in figure.data if trace.q1 is not None]
    assert [(b.q1[0], b.median[0], b.q3[0], b.lowerfence[0], b.upperfence[0]) for b in boxes] == [
        (4.0, 4.0, 7.0, 4, 10),
        (27.0, 27.0, 27.0, 27, 27),
    ]
    dots = [trace for trace in figure.data if trace.q1 is None]
    assert [list(d.y) for d in dots] == [[4, 10, 4], [27]]
    titles = [a.text for a in figure.layout.annotations]
    assert "median 4 days" in titles[0] and "middle half 4–7 days" in titles[0] and "3 requests" in titles[0]
    assert [(shape.y0, shape.yref) for shape in figure.layout.shapes] == [(7, "y")]  # the rule, distribution panel


def timeline_input() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lane_order": [0, 0, 0, 1, 1],
            "lane": ["request", "request", "request", "match", "match"],
            "match_id": [None, None, None, "M-1", "M-1"],
            "item_no": [None, None, None, 1, 1],
            "provider_name": [None, None, None, "UNODC", "UNODC"],
            "match_status": [None, None, None, "delivered", "delivered"],
            "step": ["received", "acknowledged", "distributed", "proposed", "delivered"],
            "step_date": pd.to_datetime(["2012-03-01", "2012-03-02", "2012-03-05", "2012-04-01", "2013-02-01"]),
        }
    )


def test_request_timeline_lanes_and_deadline() -> None:
    frame = charts.timeline_frame(timeline_input(), {"delivered": "Delivered"})
    assert frame["lane_label"].unique().tolist() == ["Procedure steps", "Item 1 · UNODC (Delivered)"]
    assert frame["step_label"].tolist() == ["Received", "Acknowledged", "Distributed", "Match proposed", "Delivered"]
    figure = charts.request_timeline(frame, dt.date(2012, 3, 1), 7, dt.date(2015, 12, 1))
    assert len(figure.data) == 2
    assert [pd.Timestamp(s.x0) for s in figure.layout.shapes] == [pd.Timestamp("2012-03-08")]  # no period-end line
    later_end = charts.request_timeline(frame, dt.date(2012, 3, 1), 7, dt.date(2012, 12, 31))
    assert [pd.Timestamp(s.x0) for s in later_end.layout.shapes] == [
        pd.Timestamp("2012-03-08"),
        pd.Timestamp("2012-12-31"),  # delivery came after the period end: the end is marked
    ]


def test_every_message_key_used_by_the_page_and_builders_exists() -> None:
    used: set[str] = set()
    for path in (ROOT / "pages" / "assistance_pipeline.py", ROOT / "dashboard" / "charts" / "assistance_pipeline.py"):
        used |= set(re.findall(r"""\b_?m\(\s*["']([a-z0-9_]+)["']""", path.read_text(encoding="utf-8")))
    messages = catalogue()
    assert used, "no keys found: the pattern is stale"
    assert sorted(k for k in used if f"assistance_pipeline.{k}" not in messages) == []
    for prefix, suffixes in (
        ("stage_", charts.STAGES),
        ("interval_", charts.INTERVALS),
        ("interval_", [f"{s}_short" for s in charts.INTERVALS]),
        ("measure_", [column for column, _ in charts.GAP_MEASURES]),
        ("age_", [key for key, _ in charts.AGE_BUCKETS]),
        ("step_", charts.STEP_SYMBOLS),
    ):
        assert all(f"assistance_pipeline.{prefix}{s}" in messages for s in suffixes)


def test_timeline_steps_days_apart_share_one_label_on_a_long_axis() -> None:
    frame = charts.timeline_frame(timeline_input(), {"delivered": "Delivered"})
    procedure = charts.request_timeline(frame, dt.date(2012, 3, 1), 7, dt.date(2015, 12, 1)).data[0]
    # span 337 days: the steps of 1-5 March are within 4% of it, so they share the first step's label
    assert list(procedure.text) == ["Received · Acknowledged · Distributed", "", ""]
    assert list(procedure.customdata) == ["Received", "Acknowledged", "Distributed"]  # each still in the hover
