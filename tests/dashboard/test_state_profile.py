"""State profile in AppTest: the State from the URL (validated, written back), roles per event with disputed
rows marked, requests with consent, plans (none for Kazakhstan), synthetic off, and the shipped data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.dashboard.conftest import all_protos

# These tests check the figures of the whole fixture set (all four requests): the internal view.
# The public view of every page is checked in test_access_pages.py.
pytestmark = pytest.mark.usefixtures("internal_view")

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGE = "pages/state_profile.py"


def open_link(query: dict[str, str] | None = None):
    """The page opened from a shared link such as /state_profile?state=UZB (URL read on the first run)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    at.run()
    return at


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def table(at, first_column: str):
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_column)


def test_defaults_through_the_navigation(run_page) -> None:
    at = run_page("state_profile")
    assert not at.exception
    assert at.selectbox(key="sp_state").value == "KAZ"
    assert at.query_params["state"] == "KAZ"
    assert not any(s.label == "States" for s in at.multiselect)  # the State is chosen on the page


def test_state_from_the_link_on_fixtures() -> None:
    at = open_link({"state": "UZB"})
    assert not at.exception
    assert at.selectbox(key="sp_state").value == "UZB"
    assert at.header[0].value == "Uzbekistan · Узбекистан"
    roles = table(at, "date")
    assert list(roles["role"]) == ["Observer (disputed)"]  # the fixture's only UZB row: disputed, kept and marked
    assert list(roles["disputed"]) == [True]
    assert list(roles["source"]) == ["https://example.org/astana"]
    assert metrics(at)["Meetings attended"] == "0"
    assert metrics(at)["Attendance disputed"] == "1"
    assert metrics(at)["Requests received"] == "1"
    requests = table(at, "request")
    assert list(requests["request"]) == ["R-UZB-1"]
    assert list(requests["stage"]) == ["Received"]  # never acknowledged in the fixture
    assert list(requests["consent"]) == [True]
    assert any("No national action plan found in public sources" in i.value for i in at.info)
    assert any("1 of the 1 records" in w.value for w in at.warning)  # its request; no meeting attended


def test_state_is_written_back_and_follows_the_selectbox() -> None:
    at = open_link({"state": "KGZ"})
    assert at.query_params["state"] == "KGZ"
    plans = table(at, "plan")
    assert list(plans["period"]) == ["2022–2025"]
    assert plans["submitted"].iloc[0].date() == dt.date(2021, 12, 24)
    at.selectbox(key="sp_state").set_value("TKM").run()
    assert not at.exception
    assert at.query_params["state"] == "TKM"
    assert at.header[0].value == "Turkmenistan · Туркменистан"


def test_kazakhstan_roles_and_requests() -> None:
    at = open_link({"state": "KAZ"})
    assert not at.exception
    roles = table(at, "date")
    assert list(roles["role"]) == ["Host", "Participant", "Host"]  # host and participant at Almaty, host at Astana
    assert metrics(at)["Meetings attended"] == "2"
    assert metrics(at)["Joint Plan items completed"] == "1 of 2"
    requests = table(at, "request")
    assert list(requests["status"]) == ["Closed"]
    assert list(requests["providers"]) == ["UN Office on Drugs and Crime"]
    assert any("by role" in c.value and "Host 2 · Participant 1" in c.value for c in at.caption)
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    assert [b["name"] for b in bars] == ["Completed", "In progress", "Not started"]


def test_invalid_state_falls_back_to_the_first_state() -> None:
    at = open_link({"state": "XXX"})
    assert not at.exception
    assert at.selectbox(key="sp_state").value == "KAZ"
    assert at.query_params["state"] == "KAZ"
    assert any("was not recognised" in i.value for i in at.info)


def test_state_code_in_lower_case_is_accepted() -> None:
    at = open_link({"state": "uzb"})
    assert not at.exception
    assert at.selectbox(key="sp_state").value == "UZB"
    assert not any("was not recognised" in i.value for i in at.info)


def test_filters_from_the_link() -> None:
    at = open_link({"state": "KGZ", "from": "2013-01-01", "to": "2015-12-01", "synthetic": "1"})
    assert not at.exception
    assert list(table(at, "request")["request"]) == ["R-KGZ-1"]
    assert list(table(at, "date")["date"]) == ["12 May 2015"]  # Almaty 2011 is outside


def test_synthetic_off_explains_each_empty_section() -> None:
    at = open_link({"state": "KAZ", "synthetic": "0"})
    assert not at.exception
    info = [i.value for i in at.info]
    assert any("Only synthetic demonstration data exists for 1540 assistance requests" in v for v in info)
    assert any("Only synthetic demonstration data exists for Joint Plan of Action items" in v for v in info)
    assert not at.warning  # nothing synthetic counts
    assert metrics(at)["Meetings attended"] == "2"  # real participation still shows


def test_internal_view_shows_the_unpublished_request_with_its_consent() -> None:
    at = open_link({"state": "TKM"})  # the fixture's TKM request did not consent; its texts are marked ZZSECRET
    assert not at.exception
    requests = table(at, "request")
    assert list(requests["consent"]) == [False]
    assert "ZZSECRET" in requests["summary"].iloc[0]


def test_public_view_shows_no_request_for_a_state_that_did_not_consent(monkeypatch) -> None:
    monkeypatch.delenv("DASHBOARD_LOCAL_INTERNAL")
    at = open_link({"state": "TKM"})
    assert not at.exception
    protos = all_protos(at._tree)
    assert protos
    assert not [p for p in protos if b"ZZSECRET" in p.SerializeToString() or b"R-TKM-1" in p.SerializeToString()]


def test_uzbekistan_observer_at_the_ashgabat_adoption_on_shipped_data(use_shipped_warehouse) -> None:
    at = open_link({"state": "UZB"})
    assert not at.exception
    roles = table(at, "date")
    adoption = roles[roles["date"] == "30 Nov 2011"]
    assert list(adoption["role"]) == ["Observer"]
    assert list(adoption["city"]) == ["Ashgabat"]
    assert list(adoption["confidence"]) == ["Confirmed in the cited source"]
    assert "Signatory" in set(roles["role"])  # 2022 Tashkent
    assert {"Participant (disputed)"} <= set(roles["role"])  # 2011 expert meetings: sources disagree
    assert len(table(at, "plan")) == 2


def test_kazakhstan_has_no_action_plan_on_shipped_data(use_shipped_warehouse) -> None:
    at = open_link({"state": "KAZ"})
    assert not at.exception
    assert any("No national action plan found in public sources" in i.value for i in at.info)
    assert metrics(at)["National action plans"] == "0"
