"""The same measure on two pages gives the same value for the same filters (AppTest, fixture warehouse, both views).

Overview key figures against the assistance pipeline's funnel and one-week rule, the request register, the coverage
map's figures by State, the State profile and pillar progress, for several filter sets: the defaults, a period that
ends mid-way through a request's life, one State, one area, synthetic data off.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.conftest import APP

FILTER_SETS = {
    "defaults": {},
    "mid_way": {"from": "2013-01-01", "to": "2013-05-15"},
    "old_end": {"from": "2011-07-21", "to": "2015-12-01"},
    "one_state": {"states": "KGZ"},
    "one_area": {"areas": "legislation"},
    "synthetic_off": {"synthetic": "0"},
}
STATES = ("KAZ", "KGZ", "TJK", "TKM", "UZB")


def page(stem: str, query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if stem != "overview":
        at.switch_page(f"pages/{stem}.py")
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def number(text: str) -> int:
    return int(text.replace(",", ""))


def traces(at: AppTest) -> list[dict]:
    return [trace for chart in at.get("plotly_chart") for trace in json.loads(chart.proto.spec)["data"]]


def funnel(at: AppTest) -> list[int]:
    found = [trace["x"] for trace in traces(at) if trace["type"] == "funnel"]
    return found[0] if found else [0, 0, 0, 0, 0]


def rule_share(at: AppTest) -> str:
    """The share within one week over all years of the pipeline's chart (within / (within + late)), as shown."""
    bars = [t for t in traces(at) if t["type"] == "bar" and t.get("hovertemplate", "").count("customdata") == 4]
    within = sum(row[0] for bar in bars for row in bar["customdata"])
    late = sum(row[1] for bar in bars for row in bar["customdata"])
    return f"{within / (within + late):.0%}" if within + late else "n/a"


def state_table(at: AppTest) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if "meetings_attended" in df.value.columns).set_index("state_id")


@pytest.fixture(params=["public", "internal"])
def view(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "internal":
        monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    return request.param


@pytest.mark.parametrize("filters", list(FILTER_SETS.values()), ids=list(FILTER_SETS))
def test_overview_pipeline_register_and_coverage_agree(view: str, filters: dict[str, str]) -> None:
    overview = metrics(page("overview", filters))
    pipeline = page("assistance_pipeline", filters)
    received, acknowledged, distributed, matched, delivered = funnel(pipeline)
    assert number(overview["Requests received"]) == received
    assert number(overview["Matched with an offer"]) == matched
    assert number(overview["Assistance delivered"]) == delivered
    assert overview["Distributed within one week"] == (rule_share(pipeline) if received else "n/a")
    coverage = state_table(page("coverage_map", filters))
    assert number(overview["Open at period end"]) == int(coverage["requests_open_at_end"].sum())
    assert number(overview["States reached"]) == int((coverage["meetings_attended"] > 0).sum())
    if view == "internal":
        register = page("request_register", filters)
        if received:
            shown = metrics(register)
            assert shown["Requests received"] == overview["Requests received"]
            assert shown["Open at period end"] == overview["Open at period end"]
            assert shown["Distributed within one week"] == overview["Distributed within one week"]
        else:
            assert not register.metric


@pytest.mark.parametrize("filters", [FILTER_SETS["defaults"], FILTER_SETS["mid_way"], FILTER_SETS["synthetic_off"]])
@pytest.mark.parametrize("state", STATES)
def test_a_state_reads_the_same_on_the_profile_the_map_and_the_overview(view: str, state: str, filters) -> None:
    profile = metrics(page("state_profile", {**filters, "state": state}))
    overview = metrics(page("overview", {**filters, "states": state}))
    coverage = state_table(page("coverage_map", filters)).loc[state]
    assert profile["Requests received"] == overview["Requests received"]
    assert profile["Open at period end"] == overview["Open at period end"]
    assert number(profile["Open at period end"]) == coverage["requests_open_at_end"]
    assert profile["Matched with an offer"] == overview["Matched with an offer"]
    assert profile["Assistance delivered"] == overview["Assistance delivered"]
    assert number(profile["Meetings attended"]) == coverage["meetings_attended"]
    assert number(profile["Attendance disputed"]) == coverage["meetings_disputed"]
    assert overview["States reached"] == ("1" if coverage["meetings_attended"] else "0")


@pytest.mark.parametrize("state", ["KAZ", "KGZ"])
def test_joint_plan_items_on_the_profile_and_on_pillar_progress(view: str, state: str) -> None:
    """As of the period end: the profile's "n of m" is the sum of the State's row of the pillar progress heatmap."""
    profile = metrics(page("state_profile", {"state": state}))
    progress = page("pillar_progress", {"states": state})
    table = next(df.value for df in progress.dataframe if "cell_text" in df.value.columns)
    completed, items = int(table["completed"].sum()), int(table["items"].sum())
    assert profile["Joint Plan items completed"] == f"{completed} of {items}"
