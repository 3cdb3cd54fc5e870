"""Assistance pipeline page in AppTest on the fixture warehouse (tests/fixtures/good).

The fixture holds four synthetic requests; most tests look at 2011-07-21 .. 2015-12-01 (PERIOD):
R-KAZ-1 delivered (distributed in 4 days), R-KGZ-1 matched (distributed after 10 days),
R-TKM-1 matched (proposed), no consent to publish, R-UZB-1 never distributed (91 days old at the period end).
"""

from __future__ import annotations

import json

import pytest

from tests.dashboard.conftest import all_protos

# These tests check the figures of the whole fixture set (all four requests): the internal view.
# The public view of every page is checked in test_access_pages.py.
pytestmark = pytest.mark.usefixtures("internal_view")

PAGE = "assistance_pipeline"
SECRET = b"ZZSECRET"
PERIOD = {"from": "2011-07-21", "to": "2015-12-01"}


def figures(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def trace_of(at, kind: str) -> dict:
    return next(trace for spec in figures(at) for trace in spec["data"] if trace["type"] == kind)


def funnel(at) -> dict:
    return trace_of(at, "funnel")


def test_funnel_holds_exact_counts(run_page) -> None:
    at = run_page(PAGE, PERIOD)
    assert not at.exception
    trace = funnel(at)
    assert trace["x"] == [4, 3, 3, 3, 1]
    assert trace["y"] == [
        "Received",
        "Acknowledged by the Chair",
        "Distributed to providers",
        "Matched with an offer",
        "Assistance delivered",
    ]
    assert trace["text"] == ["4 (100%)", "3 (75%)", "3 (75%)", "3 (75%)", "1 (25%)"]
    assert any("synthetic demonstration data" in w.value for w in at.warning)


def test_arriving_from_another_page_keeps_synthetic_data_counted(run_page) -> None:
    # run_page opens the overview first, then switches: the sidebar toggle must not fall back to "off"
    at = run_page(PAGE)
    assert at.toggle(key="w_synthetic").value is True
    assert at.query_params["synthetic"] in ("1", ["1"])


def test_one_week_rule_by_year_and_the_late_requests(run_page) -> None:
    at = run_page(PAGE, PERIOD)
    bars = next(
        trace
        for spec in figures(at)
        for trace in spec["data"]
        if trace["type"] == "bar" and trace.get("x") == ["2012", "2013", "2014", "2015"]
    )
    assert bars["y"] == [1.0, 0.0, 1.0, 0.0]
    assert bars["text"] == ["1 of 1", "0 of 1", "1 of 1", "0 of 1"]
    late = next(df.value for df in at.dataframe if "still_waiting" in df.value.columns)
    assert late["request_id"].tolist() == ["R-UZB-1", "R-KGZ-1"]
    assert late["days"].tolist() == [91, 10]  # UZB: waited 91 days by 2015-12-01; KGZ: distributed on day 10
    assert late["still_waiting"].tolist() == [True, False]
    assert late["distributed_date"].tolist() == ["not by period end", "2013-05-20"]


def test_ageing_of_open_requests_as_of_period_end(run_page) -> None:
    at = run_page(PAGE, PERIOD)
    stacked = [trace for spec in figures(at) if spec["layout"].get("barmode") == "stack" for trace in spec["data"]]
    drawn = {trace["name"]: dict(zip(trace["x"], trace["y"], strict=True)) for trace in stacked}
    # KAZ closed in 2014; whole months waited by 2015-12-01: KGZ 30, TKM 21, UZB 3
    assert drawn == {"Kyrgyzstan": {"2-5 years": 1}, "Turkmenistan": {"1-2 years": 1}, "Uzbekistan": {"3-12 months": 1}}


def test_gap_by_area_highlights_unmet_items(run_page) -> None:
    at = run_page(PAGE, PERIOD)
    drawn = {
        trace["name"]: dict(zip(trace["y"], trace["x"], strict=True))
        for spec in figures(at)
        for trace in spec["data"]
        if trace.get("orientation") == "h" and trace.get("name", "").startswith(("Items", "Offers"))
    }
    # offers available during the period: EU (2012, border + physical protection) and UNODC's, made on 2011-01-15,
    # before the period (legislation + export control): both were on offer
    assert drawn["Offers available"] == {
        "Legislation": 1,
        "Accounting and securing": 0,
        "Physical protection": 1,
        "Border control and law enforcement": 1,
        "Export and trans-shipment control": 1,
    }
    # unmet = request open at the period end and item without a match: UZB accounting, KGZ physical protection
    assert drawn["Items unmet (open, no match)"] == {
        "Legislation": 0,
        "Accounting and securing": 1,
        "Physical protection": 1,
        "Border control and law enforcement": 0,
        "Export and trans-shipment control": 0,
    }
    assert drawn["Items delivered"]["Export and trans-shipment control"] == 1
    assert any("2 requested items are unmet" in w.value for w in at.warning)


def test_with_a_state_filter(run_page) -> None:
    at = run_page(PAGE, {**PERIOD, "states": "KGZ"})
    assert not at.exception
    assert funnel(at)["x"] == [1, 1, 1, 1, 0]
    assert at.selectbox(key="pipeline_request").options == ["R-KGZ-1 · Kyrgyzstan · 2013-05-10"]


def test_synthetic_off_explains_instead_of_blank_charts(run_page) -> None:
    at = run_page(PAGE, {"synthetic": "0"})
    assert not at.exception
    assert any("Only synthetic demonstration data exists" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_a_period_with_no_request_explains(run_page) -> None:
    at = run_page(PAGE, {"from": "2011-08-01", "to": "2011-12-31"})
    assert not at.exception
    assert any("Nothing matches the filters" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_request_timeline_on_selection(run_page) -> None:
    at = run_page(PAGE, PERIOD)
    at.selectbox(key="pipeline_request").set_value("R-KAZ-1").run()
    assert not at.exception
    steps = trace_of(at, "scatter")
    assert steps["y"][0] == "Procedure steps"
    lanes = {trace["y"][0] for spec in figures(at) for trace in spec["data"] if trace["type"] == "scatter"}
    assert lanes == {"Procedure steps", "Item 1 · UN Office on Drugs and Crime (Delivered)"}
    assert any("Licensing software." in df.value.to_csv() for df in at.dataframe)


def test_internal_view_shows_unpublished_texts_marked_as_such(run_page) -> None:
    at = run_page(PAGE, PERIOD)
    at.selectbox(key="pipeline_request").set_value("R-TKM-1").run()
    assert not at.exception
    assert any("Not published: the requesting State has not consented" in w.value for w in at.warning)
    assert any(SECRET.decode() in md.value.replace("\\", "") for md in at.markdown)
    items = next(df.value for df in at.dataframe if "description" in df.value.columns)
    assert SECRET.decode() in items["description"].iloc[0]


def test_public_view_does_not_know_the_unpublished_request(run_page, monkeypatch) -> None:
    monkeypatch.delenv("DASHBOARD_LOCAL_INTERNAL")
    at = run_page(PAGE)
    assert not at.exception
    assert "R-TKM-1" not in at.selectbox(key="pipeline_request").options
    assert any("1 request is not published at the request of the State concerned" in i.value for i in at.info)
    protos = all_protos(at._tree)
    assert protos, "the AppTest tree walk found nothing: the helper is stale"
    assert not [p for p in protos if SECRET in p.SerializeToString() or b"R-TKM-1" in p.SerializeToString()]


def test_a_period_ending_mid_way_judges_the_request_pending(run_page) -> None:
    """2013-01-01..2013-05-15: R-KGZ-1 came in on 05-10 and was distributed on 05-20, after the period end."""
    at = run_page(PAGE, {"from": "2013-01-01", "to": "2013-05-15"})
    assert not at.exception
    assert funnel(at)["x"] == [1, 1, 0, 0, 0]
    bars = next(trace for spec in figures(at) for trace in spec["data"] if trace.get("x") == ["2013"])
    assert bars["text"] == ["none judged"] and bars["customdata"] == [[0, 0, 1, 0]]
    assert not any("still_waiting" in df.value.columns for df in at.dataframe)
    assert any("No request received in the period was late" in s.value for s in at.success)
    assert any("status at the period end: **Open**" in md.value for md in at.markdown)


def test_offers_made_before_the_period_and_taken_up_in_it_count(run_page) -> None:
    """2013: UNODC's offer of 2011 was matched in July 2013 (M-2); EU's offer of 2012 only in 2014 (M-3)."""
    at = run_page(PAGE, {"from": "2013-01-01", "to": "2013-12-31"})
    assert not at.exception
    bars = next(
        trace for spec in figures(at) for trace in spec["data"] if trace.get("y") and "European Union" in trace["y"]
    )
    assert dict(zip(bars["y"], bars["text"], strict=True)) == {
        "UN Office on Drugs and Crime": "1 of 1",
        "European Union": "0 of 1",
    }


def test_each_stage_is_drawn_with_its_definition(run_page) -> None:
    at = run_page(PAGE, PERIOD)
    texts = " ".join(md.value for md in at.markdown)
    assert "**Matched with an offer**: Of the requests received in the period, those with at least one match" in texts
    assert "judged with hindsight" in texts
    assert (
        "**Withdrawn before distribution**:" in texts
        and "(7 calendar days, the dashboard's reading of the procedure)" in texts
    )
    assert any("judged with hindsight" in c.value for c in at.caption)  # under the funnel and the days per stage
