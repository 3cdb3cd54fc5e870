"""Pure builders of the assistance pipeline page, on small frames with exact values."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

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


def test_ageing_in_bucket_order_then_by_state() -> None:
    open_requests = pd.DataFrame(
        {
            "age_bucket": ["gt_5y", "lt_3m", "1_2y", "2_5y", "gt_5y"],
            "state_id": ["KGZ", "KGZ", "TKM", "UZB", "KAZ"],
            "state_name": ["Kyrgyzstan", "Kyrgyzstan", "Turkmenistan", "Uzbekistan", "Kazakhstan"],
            "requests": [2, 1, 1, 1, 3],
            "oldest_open_days": [3000, 10, 666, 900, 4000],
        }
    )
    counts = charts.ageing_frame(open_requests)
    assert counts[["age_label", "state_id", "requests"]].values.tolist() == [
        ["< 3 months", "KGZ", 1],
        ["1-2 years", "TKM", 1],
        ["2-5 years", "UZB", 1],
        ["> 5 years", "KAZ", 3],
        ["> 5 years", "KGZ", 2],
    ]
    figure = charts.ageing(counts)
    drawn = {trace.name: dict(zip(trace.x, trace.y, strict=True)) for trace in figure.data}
    assert drawn == {
        "Kazakhstan": {"> 5 years": 3},
        "Kyrgyzstan": {"< 3 months": 1, "> 5 years": 2},
        "Turkmenistan": {"1-2 years": 1},
        "Uzbekistan": {"2-5 years": 1},
    }
    assert figure.layout.barmode == "stack"
    assert list(figure.layout.xaxis.categoryarray) == [
        "< 3 months",
        "3-12 months",
        "1-2 years",
        "2-5 years",
        "> 5 years",
    ]


def rule_input() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2012, 2013, 2014, 2015],
            "requests": [2, 4, 3, 2],
            "within_rule": [2, 3, 0, 0],
            "late": [0, 1, 2, 0],
            "pending": [0, 0, 1, 1],
            "not_judged": [0, 0, 0, 1],
            "judged": [2, 4, 2, 0],
            "share_within_rule": [1.0, 0.75, 0.0, None],
        }
    )


def test_rule_by_year_bars_counts_and_rule_line() -> None:
    figure = charts.rule_by_year(rule_input(), 7)
    bar = figure.data[0]
    assert list(bar.x) == ["2012", "2013", "2014", "2015"]
    assert list(bar.y) == [1.0, 0.75, 0.0, 0.0]
    assert list(bar.text) == ["2 of 2", "3 of 4", "0 of 2", "none judged"]
    assert [list(c) for c in bar.customdata][3] == [0, 0, 1, 1]  # within, late, not yet due, withdrawn
    assert [shape.y0 for shape in figure.layout.shapes] == [1]
    assert "within 7 days" in figure.layout.annotations[0].text


def test_late_table_says_when_a_distribution_is_still_awaited() -> None:
    late = pd.DataFrame(
        {
            "request_id": ["A", "B"],
            "distributed_date": [None, pd.Timestamp("2013-05-20")],
            "status": ["open", "closed"],
        }
    )
    table = charts.late_table(late, {"open": "Open", "closed": "Closed"})
    assert table["distributed_date"].tolist() == ["not by period end", "2013-05-20"]
    assert table["status"].tolist() == ["Open", "Closed"]


def gap_input() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area": ["physical_protection", "legislation", "export_control"],
            "sort_order": [2, 0, 4],
            "items_requested": [1, 3, 0],
            "offers_available": [1, 0, 2],
            "items_matched": [0, 2, 0],
            "items_delivered": [0, 1, 0],
            "items_unmet": [1, 1, 0],
            "share_items_matched": [0.0, 2 / 3, None],
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
        "Offers available": {"Legislation": 0, "Physical protection": 1, "Export": 2},
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
    figure = charts.share_bars(
        rates,
        "area_label",
        "items_matched",
        "items_requested",
        "share_items_matched",
        "items_unit",
        "axis_share_matched",
    )
    assert list(figure.data[0].x) == [2 / 3, 0.0]
    assert list(figure.data[0].text) == ["2 of 3", "0 of 1"]


def test_provider_take_up_names_providers() -> None:
    providers = pd.DataFrame(
        {
            "provider_id": ["EU", "UNODC", "OSCE", "NONE"],
            "provider_name": [
                "European Union",
                "United Nations Office on Drugs and Crime",
                "Organization for Security and Co-operation in Europe (incl. Action against Terrorism Unit)",
                "Nobody",
            ],
            "offers_available": [4, 1, 2, 0],
            "offers_taken_up": [3, 1, 0, 0],
            "share_taken_up": [0.75, 1.0, 0.0, None],
        }
    )
    rates = charts.provider_take_up(providers)
    assert rates["provider_id"].tolist() == ["EU", "UNODC", "OSCE"]
    figure = charts.share_bars(
        rates,
        "provider_name",
        "offers_taken_up",
        "offers_available",
        "share_taken_up",
        "offers_unit",
        "axis_share_taken_up",
    )
    assert list(figure.data[0].x) == [0.75, 1.0, 0.0]
    assert list(figure.data[0].text) == ["3 of 4", "1 of 1", "0 of 2"]
    shown = list(figure.data[0].y)
    assert shown[:2] == ["European Union", "United Nations Office on Drugs and Crime"]
    assert shown[2].endswith("…") and len(shown[2]) <= charts.MAX_NAME
    assert figure.data[0].customdata[2][0] == providers["provider_name"][2]  # the full name in the hover
    assert figure.layout.xaxis.title.text == "Share of offers taken up"


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
        ("age_", charts.AGE_BUCKETS),
        ("step_", charts.STEP_SYMBOLS),
    ):
        assert all(f"assistance_pipeline.{prefix}{s}" in messages for s in suffixes)


def test_timeline_steps_days_apart_share_one_label_on_a_long_axis() -> None:
    frame = charts.timeline_frame(timeline_input(), {"delivered": "Delivered"})
    procedure = charts.request_timeline(frame, dt.date(2012, 3, 1), 7, dt.date(2015, 12, 1)).data[0]
    # span 337 days: the steps of 1-5 March are within 4% of it, so they share the first step's label
    assert list(procedure.text) == ["Received · Acknowledged · Distributed", "", ""]
    assert list(procedure.customdata) == ["Received", "Acknowledged", "Distributed"]  # each still in the hover


def test_request_picker_lists_newest_first_and_starts_on_a_matched_request() -> None:
    options = pd.DataFrame(
        {
            "request_id": ["R-3", "R-2", "R-1"],
            "state_name": ["Uzbekistan", "Kyrgyzstan", "Kazakhstan"],
            "received_date": pd.to_datetime(["2015-09-01", "2013-05-10", "2012-03-01"]),
            "matched_by_end": [False, True, True],
        }
    )
    assert charts.request_options(options) == {
        "R-3": "R-3 · Uzbekistan · 2015-09-01",
        "R-2": "R-2 · Kyrgyzstan · 2013-05-10",
        "R-1": "R-1 · Kazakhstan · 2012-03-01",
    }
    assert charts.default_request(options) == 1
    assert charts.default_request(options.assign(matched_by_end=False)) == 0
