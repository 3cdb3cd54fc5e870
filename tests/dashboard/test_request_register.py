"""Request register (internal view only) in AppTest on the fixture warehouse, judged at the period end."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("internal_view")

PAGE = "request_register"
PERIOD = {"from": "2011-07-21", "to": "2015-12-01"}


def register(at):
    return next(df.value for df in at.dataframe if "request_id" in df.value.columns)


def test_every_request_with_its_consent_and_the_rule_at_the_period_end(run_page) -> None:
    at = run_page(PAGE, PERIOD)
    assert not at.exception
    table = register(at).set_index("request_id")
    assert sorted(table.index) == ["R-KAZ-1", "R-KGZ-1", "R-TKM-1", "R-UZB-1"]
    assert not table.loc["R-TKM-1", "consent_to_publish"] and table.loc["R-KAZ-1", "consent_to_publish"]
    assert table["distribution_at_end"].to_dict() == {
        "R-UZB-1": "Late",
        "R-TKM-1": "Within one week",
        "R-KGZ-1": "Late",
        "R-KAZ-1": "Within one week",
    }
    assert table["status_at_end"].to_dict()["R-KAZ-1"] == "Closed"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Requests received": "4",
        "Not consented for publication": "1",
        "Distributed within one week": "50%",
        "Open at period end": "3",
    }


def test_the_switch_narrows_the_table_not_the_key_figures(run_page) -> None:
    at = run_page(PAGE, PERIOD)
    at.main.toggle[0].set_value(True).run()
    assert not at.exception
    assert register(at)["request_id"].tolist() == ["R-TKM-1"]
    assert {m.label: m.value for m in at.metric}["Requests received"] == "4"


def test_a_request_judged_before_its_distribution_is_not_yet_due(run_page) -> None:
    at = run_page(PAGE, {"from": "2013-01-01", "to": "2013-05-15"})
    assert not at.exception
    table = register(at)
    assert table["distribution_at_end"].tolist() == ["Not yet due"]
    assert table["stage_at_end"].tolist() == ["Acknowledged"]
    assert {m.label: m.value for m in at.metric}["Distributed within one week"] == "n/a"
