"""The measure macros (dashboard/measures) on the fixture warehouse, judged at the period end.

Fixture requests (all synthetic): R-KAZ-1 received 2012-03-01, acknowledged 03-02, distributed 03-05, matched
2012-04-01 (M-1), delivered 2013-02-01, closed 2014-06-30; R-KGZ-1 received 2013-05-10, acknowledged 05-13,
distributed 05-20 (10 days), matched 2013-07-01 (M-2, accepted), open; R-TKM-1 received 2014-02-03, distributed 02-07,
matched 2014-03-01 (M-3, proposed), open, no consent; R-UZB-1 received 2015-09-01, never acknowledged nor
distributed, open. Offers: O-UNODC-1 made 2011-01-15 (M-1, M-2), O-EU-1 made 2012-06-01 (M-3). The rule: 7 days
(procedure step 3).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard import warehouse
from etl.load import run
from tests.conftest import FIXED_TODAY, FIXTURES

D = dt.date


@pytest.fixture(scope="module")
def con(fixture_warehouse: Path) -> duckdb.DuckDBPyConnection:
    connection = warehouse.open_readonly(str(fixture_warehouse))
    cursor = connection.cursor()
    cursor.execute(f"set search_path = '{warehouse.SEARCH_PATH}'")
    return cursor


def rows(con, macro: str, start: dt.date, end: dt.date, *extra: object, **filters: object) -> pd.DataFrame:
    """A measure macro over the period with the shared filters (all by default) and the extra arguments."""
    values = {"states": [], "pillars": [], "areas": [], "funders": [], "synthetic": True, **filters}
    args = ", ".join(f"${name}" for name in ("start", "end", *values))
    extras = "".join(f", $x{i}" for i in range(len(extra)))
    params = {"start": start, "end": end, **values, **{f"x{i}": value for i, value in enumerate(extra)}}
    return con.execute(f"select * from {macro}({args}{extras})", params).df()


def one(con, macro: str, start: dt.date, end: dt.date, *extra: object, **filters: object) -> dict:
    frame = rows(con, macro, start, end, *extra, **filters)
    assert len(frame) == 1
    return frame.iloc[0].to_dict()


def test_a_period_ending_mid_way_through_a_request_judges_it_pending_not_late(con) -> None:
    """2013-01-01..2013-05-15: R-KGZ-1 came in on 05-10 and was distributed on 05-20, after the period end."""
    request = rows(con, "request_rows", D(2013, 1, 1), D(2013, 5, 15)).set_index("request_id").loc["R-KGZ-1"]
    assert request["distribution_at_end"] == "pending"
    assert request["stage_at_end"] == "acknowledged"
    assert not request["distributed_by_end"] and pd.isna(request["days_to_distribute"])
    assert not request["matched_by_end"]  # M-2 was proposed on 2013-07-01
    figures = one(con, "request_figures", D(2013, 1, 1), D(2013, 5, 15), "all")
    assert (figures["requests_received"], figures["distribution_pending"], figures["distribution_late"]) == (1, 1, 0)
    assert figures["distribution_within_rule"] == 0 and pd.isna(figures["share_within_rule"])  # n/a: nothing judged


@pytest.mark.parametrize(("end", "judged"), [(D(2015, 9, 8), "pending"), (D(2015, 9, 9), "late")])
def test_a_request_is_due_seven_days_after_receipt(con, end: dt.date, judged: str) -> None:
    """R-UZB-1 came in on 2015-09-01 and was never distributed: on day 7 it is not yet due, on day 8 it is late."""
    request = rows(con, "request_rows", D(2015, 1, 1), end).set_index("request_id").loc["R-UZB-1"]
    assert request["distribution_at_end"] == judged


def test_the_same_request_judged_a_week_later_is_late(con) -> None:
    figures = one(con, "request_figures", D(2013, 1, 1), D(2013, 5, 19), "all")
    assert (figures["distribution_pending"], figures["distribution_late"], figures["share_within_rule"]) == (0, 1, 0)


def test_judged_at_the_end_of_the_old_default_period(con) -> None:
    frame = rows(con, "request_rows", D(2011, 7, 21), D(2015, 12, 1)).set_index("request_id")
    assert frame["distribution_at_end"].to_dict() == {
        "R-KAZ-1": "within_rule",
        "R-KGZ-1": "late",  # distributed after 10 days
        "R-TKM-1": "within_rule",
        "R-UZB-1": "late",  # not distributed 91 days after receipt
    }
    assert frame["stage_at_end"].to_dict() == {
        "R-KAZ-1": "delivered",
        "R-KGZ-1": "matched",
        "R-TKM-1": "matched",
        "R-UZB-1": "received",
    }
    assert frame["days_waited"].to_dict() == {"R-KAZ-1": 4, "R-KGZ-1": 10, "R-TKM-1": 4, "R-UZB-1": 91}
    assert frame["days_to_first_match"].to_dict()["R-KAZ-1"] == 27  # 2012-03-05 -> 2012-04-01
    assert frame["days_to_delivery"].to_dict()["R-KAZ-1"] == 306  # 2012-04-01 -> 2013-02-01
    figures = one(con, "request_figures", D(2011, 7, 21), D(2015, 12, 1), "all")
    assert {k: figures[k] for k in ("requests_received", "requests_open_at_end", "requests_acknowledged")} == {
        "requests_received": 4,
        "requests_open_at_end": 3,
        "requests_acknowledged": 3,
    }
    assert (figures["requests_distributed"], figures["requests_matched"], figures["requests_delivered"]) == (3, 3, 1)
    assert (figures["distribution_within_rule"], figures["distribution_late"], figures["share_within_rule"]) == (
        2,
        2,
        0.5,
    )
    assert figures["median_days_to_distribute"] == 4


def test_a_step_after_the_period_end_has_not_happened_yet(con) -> None:
    """Judged on 2012-12-31, R-KAZ-1 was matched (2012-04-01) but not yet delivered (2013-02-01) and still open."""
    request = rows(con, "request_rows", D(2012, 1, 1), D(2012, 12, 31)).set_index("request_id").loc["R-KAZ-1"]
    assert request["stage_at_end"] == "matched" and request["open_at_end"]
    assert request["status_at_end"] == "open" and pd.isna(request["closed_date"])
    assert request["age_days_at_end"] == 305 and request["age_bucket"] == "3_12m"  # 10 whole months


def test_open_request_ages_in_whole_calendar_months(con) -> None:
    frame = rows(con, "request_rows", D(2011, 7, 21), D(2015, 12, 1)).set_index("request_id")
    open_ages = frame.loc[frame["open_at_end"], ["age_months_at_end", "age_bucket"]]
    assert open_ages.to_dict("index") == {
        "R-KGZ-1": {"age_months_at_end": 30, "age_bucket": "2_5y"},  # 2013-05-10 -> 2015-11-10 is 30 months
        "R-TKM-1": {"age_months_at_end": 21, "age_bucket": "1_2y"},
        "R-UZB-1": {"age_months_at_end": 3, "age_bucket": "3_12m"},  # 2015-09-01 -> 2015-12-01: 3 whole months
    }
    by_age = rows(con, "request_figures", D(2011, 7, 21), D(2015, 12, 1), "age_state")
    assert sorted(zip(by_age["state_id"], by_age["age_bucket"], by_age["requests_open_at_end"], strict=True)) == [
        ("KGZ", "2_5y", 1),
        ("TKM", "1_2y", 1),
        ("UZB", "3_12m", 1),
    ]


def test_request_figures_per_year_and_state(con) -> None:
    by_year = rows(con, "request_figures", D(2011, 7, 21), D(2015, 12, 1), "year").set_index("year")
    assert by_year["distribution_within_rule"].to_dict() == {2012: 1, 2013: 0, 2014: 1, 2015: 0}
    assert by_year["distribution_late"].to_dict() == {2012: 0, 2013: 1, 2014: 0, 2015: 1}
    by_state = rows(con, "request_figures", D(2011, 7, 21), D(2015, 12, 1), "state").set_index("state_id")
    assert by_state["requests_open_at_end"].to_dict() == {"KAZ": 0, "KGZ": 1, "TKM": 1, "UZB": 1}


def test_nothing_counts_gives_one_row_of_zeros(con) -> None:
    figures = one(con, "request_figures", D(2011, 8, 1), D(2011, 12, 31), "all")
    assert figures["requests_received"] == 0 and pd.isna(figures["share_within_rule"])
    assert rows(con, "request_figures", D(2011, 8, 1), D(2011, 12, 31), "year").empty


@pytest.fixture(scope="module")
def withdrawn(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    """The fixture set plus R-KAZ-3: received 2016-01-05, never distributed, withdrawn on 2016-01-20."""
    source = Path(shutil.copytree(FIXTURES, tmp_path_factory.mktemp("withdrawn") / "source"))
    with (source / "requests.csv").open("a", encoding="utf-8") as handle:
        handle.write("R-KAZ-3,KAZ,2016-01-05,template,,,true,withdrawn,2016-01-20,Withdrawn.,,synthetic,true\n")
    path = tmp_path_factory.mktemp("withdrawn_wh") / "w.duckdb"
    run([source], path, today=FIXED_TODAY)
    cursor = warehouse.open_readonly(str(path)).cursor()
    cursor.execute(f"set search_path = '{warehouse.SEARCH_PATH}'")
    return cursor


@pytest.mark.parametrize(
    ("end", "judged"),
    [
        (D(2016, 1, 10), "pending"),
        (D(2016, 1, 15), "late"),
        (D(2016, 1, 20), "not_judged"),
        (FIXED_TODAY, "not_judged"),
    ],
)
def test_a_request_withdrawn_before_distribution_leaves_the_rule(withdrawn, end: dt.date, judged: str) -> None:
    request = rows(withdrawn, "request_rows", D(2016, 1, 1), end).set_index("request_id").loc["R-KAZ-3"]
    assert request["distribution_at_end"] == judged
    figures = one(withdrawn, "request_figures", D(2016, 1, 1), end, "all")
    assert figures["distribution_late"] == (judged == "late")
    assert figures["distribution_not_judged"] == (judged == "not_judged")


def test_items_matched_delivered_and_unmet(con) -> None:
    by_area = rows(con, "item_figures", D(2011, 7, 21), D(2015, 12, 1), "area").set_index("area")
    assert by_area[["items_requested", "items_matched", "items_delivered", "items_unmet"]].to_dict("index") == {
        "accounting_securing": {"items_requested": 1, "items_matched": 0, "items_delivered": 0, "items_unmet": 1},
        "border_law_enforcement": {"items_requested": 1, "items_matched": 1, "items_delivered": 0, "items_unmet": 0},
        "export_control": {"items_requested": 1, "items_matched": 1, "items_delivered": 1, "items_unmet": 0},
        "legislation": {"items_requested": 1, "items_matched": 1, "items_delivered": 0, "items_unmet": 0},
        "physical_protection": {"items_requested": 1, "items_matched": 0, "items_delivered": 0, "items_unmet": 1},
    }
    # the area filter keeps a request with an item in the area, and of its items only those in the area
    only = one(con, "item_figures", D(2011, 7, 21), D(2015, 12, 1), "all", areas=["legislation"])
    assert only["items_requested"] == 1


def test_offers_available_count_offers_made_before_the_period(con) -> None:
    """2013: both offers were made earlier and are available; only UNODC's was taken up by 2013-12-31 (M-2 in July;
    EU's first match came in 2014)."""
    figures = one(con, "offer_figures", D(2013, 1, 1), D(2013, 12, 31), "all")
    assert (figures["offers_available"], figures["offers_taken_up"], figures["share_taken_up"]) == (2, 1, 0.5)
    by_provider = rows(con, "offer_figures", D(2013, 1, 1), D(2013, 12, 31), "provider").set_index("provider_id")
    assert by_provider["offers_taken_up"].to_dict() == {"EU": 0, "UNODC": 1}
    # before the EU made its offer, only UNODC's existed
    assert one(con, "offer_figures", D(2011, 1, 1), D(2012, 5, 31), "all")["offers_available"] == 1
    # the area filter keeps the offers covering a chosen area
    assert (
        one(con, "offer_figures", D(2013, 1, 1), D(2013, 12, 31), "all", areas=["accounting_securing"])[
            "offers_available"
        ]
        == 0
    )
    by_area = rows(con, "offer_figures", D(2013, 1, 1), D(2013, 12, 31), "area").set_index("area")
    assert by_area["offers_available"].to_dict() == {
        "border_law_enforcement": 1,
        "export_control": 1,
        "legislation": 1,
        "physical_protection": 1,
    }


def test_matches_in_the_period_and_delivered_by_its_end(con) -> None:
    figures = one(con, "match_figures", D(2012, 1, 1), D(2012, 12, 31), "all")
    assert (figures["matches_proposed"], figures["matches_delivered"]) == (1, 0)  # M-1, delivered 2013-02-01
    figures = one(con, "match_figures", D(2012, 1, 1), D(2013, 12, 31), "all")
    assert (figures["matches_proposed"], figures["matches_delivered"]) == (2, 1)
    flows = rows(con, "match_figures", D(2011, 7, 21), D(2015, 12, 1), "flow")
    assert sorted(zip(flows["provider_id"], flows["state_id"], flows["matches_proposed"], strict=True)) == [
        ("EU", "TKM", 1),
        ("UNODC", "KAZ", 1),
        ("UNODC", "KGZ", 1),
    ]


def test_meetings_and_attendance(con) -> None:
    """Almaty 2011-07-21 (KAZ host and participant, KGZ, TJK, TKM), Astana 2011-09-27 (KAZ host; UZB observer,
    disputed), Bishkek 2015-05-12 (KGZ host, TJK; synthetic)."""
    meetings = one(con, "meeting_figures", D(2011, 7, 21), D(2015, 12, 1))
    assert (meetings["meetings_held"], meetings["meetings_held_synthetic"], meetings["participants"]) == (3, 1, 167)
    states = rows(con, "attendance_figures", D(2011, 7, 21), D(2015, 12, 1), "state").set_index("state_id")
    assert states["meetings_attended"].to_dict() == {"KAZ": 2, "KGZ": 2, "TJK": 2, "TKM": 1, "UZB": 0}
    assert states["meetings_disputed"].to_dict() == {"KAZ": 0, "KGZ": 0, "TJK": 0, "TKM": 0, "UZB": 1}
    assert states["months_since_last_reached"].to_dict()["KAZ"] == 50  # 2011-09-27 -> 2015-12-01
    assert pd.isna(states.loc["UZB", "months_since_last_reached"])
    assert states["pillar_list"].map(list).to_dict()["KGZ"] == ["I", "III", "IV"]
    region = one(con, "attendance_figures", D(2011, 7, 21), D(2015, 12, 1), "all")
    assert (region["states_reached"], region["meetings_attended"]) == (4, 3)
    # synthetic off: the Bishkek training and its participation rows do not count
    assert (
        one(con, "attendance_figures", D(2011, 7, 21), D(2015, 12, 1), "all", synthetic=False)["meetings_attended"] == 2
    )
    # a State filter keeps the meetings where a chosen State has a row, disputed included
    assert one(con, "meeting_figures", D(2011, 7, 21), D(2015, 12, 1), states=["UZB"])["meetings_held"] == 1
    assert one(con, "attendance_figures", D(2011, 7, 21), D(2015, 12, 1), "all", states=["UZB"])["states_reached"] == 0


def test_joint_plan_items_as_of_a_date_and_since_another(con) -> None:
    """AI-KAZ-II-1: not started 2012-01-01, in progress 2013-06-30, completed 2015-12-01; AI-KAZ-III-1 in progress
    from 2012-01-01; AI-KGZ-II-1 not started from 2014-01-01."""
    figures = one(con, "jpoa_figures", D(2011, 7, 21), D(2015, 12, 1), D(2015, 12, 1), D(2013, 1, 1), "all")
    assert (figures["jpoa_items"], figures["jpoa_completed"], figures["jpoa_in_progress"]) == (3, 1, 1)
    assert (figures["jpoa_not_started"], figures["jpoa_items_on_since"], figures["jpoa_completed_since"]) == (1, 2, 1)
    earlier = one(con, "jpoa_figures", D(2011, 7, 21), D(2015, 12, 1), D(2013, 12, 31), D(2013, 1, 1), "all")
    assert (earlier["jpoa_items"], earlier["jpoa_completed"], earlier["jpoa_completed_since"]) == (2, 0, 0)


def test_withheld_total_follows_only_the_synthetic_switch(con) -> None:
    assert con.execute("select * from withheld_figures(true)").fetchall() == [(1, 1)]
    assert con.execute("select * from withheld_figures(false)").fetchall() == [(0, 0)]


def test_the_rule_days_come_from_the_procedure_data(con) -> None:
    assert con.execute(
        "select distribution_rule_days, step_no, from_procedure_data from mart.distribution_rule"
    ).fetchall() == [(7, 3, True)]
