"""Meetings & workshops (issue 10, item 10): the register of every event under the shared filters, one event opened
to its full participant list by role, the `?event=` deep link, and the links to it from the State profile and the
coverage map. The Almaty meeting of July 2011 is compared with data/reference/participation.csv."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard.i18n import t
from tests.dashboard.conftest import APP

PAGE = "meetings"
ROOT = Path(__file__).resolve().parents[2]
ALMATY = "EM3-ALMATY-2011"
CENTRAL_ASIA = {"Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"}


#: A column that names each table the tests read (AppTest gives no widget keys for dataframes).
TABLES = {
    "register": {"event_id", "organisers"},
    "participants": {"role", "kind"},
    "roles": {"meeting", "event"},
    "venues": {"meeting", "states_attended"},
    "changes": {"kind", "change_date"},
}


def table(at: AppTest, name: str) -> pd.DataFrame:
    """The table of that name drawn on the page."""
    for element in at.dataframe:
        if TABLES[name] <= set(element.value.columns):
            return element.value
    raise AssertionError(f"no {name} table: {[list(e.value.columns) for e in at.dataframe]}")


def run_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    """The page opened as a link to it opens it: with its URL parameters on its own first run (through the
    overview first, whose sidebar rewrites the URL, then the parameters set again)."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        for key, value in (query or {}).items():
            at.query_params[key] = value
        at.run()
    return at


def reference_rows(event_id: str) -> list[dict[str, str]]:
    with (ROOT / "data" / "reference" / "participation.csv").open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["event_id"] == event_id]


def actor_names() -> dict[str, str]:
    with (ROOT / "data" / "reference" / "actors.csv").open(encoding="utf-8") as handle:
        return {row["actor_id"]: row["name_en"] for row in csv.DictReader(handle)}


def test_almaty_2011_lists_every_participant_of_the_reference_data(use_shipped_warehouse) -> None:
    at = run_page(PAGE, {"event": ALMATY})
    assert not at.exception
    shown = table(at, "participants")
    names, roles = actor_names(), {"host": "Host", "participant": "Participant", "organiser": "Organiser"}
    roles["funder"] = "Funder"
    expected = sorted((roles[r["role"]], names[r["actor_id"]], r["confidence"]) for r in reference_rows(ALMATY))
    confidence = {"confirmed": "Confirmed in the cited source", "disputed": "Sources disagree (see note)"}
    assert sorted(zip(shown["role"], shown["name"], shown["confidence"], strict=True)) == sorted(
        (role, name, confidence[c]) for role, name, c in expected
    )
    participants = shown[shown["role"] == "Participant"]
    states = participants[participants["kind"] == "State"]
    # the four Central Asian States, Uzbekistan's disputed attendance, the eight other States, the organisations
    assert set(states[~states["disputed"]]["name"]) & CENTRAL_ASIA == CENTRAL_ASIA - {"Uzbekistan"}
    uzbekistan = states[states["name"] == "Uzbekistan"].iloc[0]
    assert uzbekistan["disputed"] and uzbekistan["confidence"] == confidence["disputed"]
    reference_note = next(r["note"] for r in reference_rows(ALMATY) if r["actor_id"] == "UZB")
    assert uzbekistan["note"] == reference_note  # both sources, as the data holds them
    assert len(states[~states["name"].isin(CENTRAL_ASIA)]) == 8
    organisations = len(
        [
            r
            for r in reference_rows(ALMATY)
            if r["role"] == "participant"
            and r["actor_id"]
            not in {"KAZ", "KGZ", "TJK", "TKM", "UZB", "AFG", "CHN", "IRN", "NOR", "PAK", "RUS", "TUR", "USA"}
        ]
    )
    assert len(participants[participants["kind"] != "State"]) == organisations >= 17
    assert list(shown[shown["role"] == "Host"]["name"]) == ["Kazakhstan"]
    assert set(shown[shown["role"] == "Organiser"]["name"]) == {names["CTITF"], names["EU"], names["UNRCCA"]}
    assert set(shown[shown["role"] == "Funder"]["name"]) == {names["EU"], names["NOR"]}
    # the event's own record: date at its precision, place, organisers and funders; its source is the note itself
    facts = " ".join(m.value for m in at.markdown).replace("\\", "")  # markdown escapes
    assert "21 Jul 2011 – 22 Jul 2011" in facts and "Almaty, Kazakhstan" in facts
    register = table(at, "register").set_index("event_id")
    assert register.loc[ALMATY, "source_type"] == "UN document"
    assert register.loc[ALMATY, "source_title"].startswith("Information note")
    assert pd.isna(register.loc[ALMATY, "source"]) and register.loc[ALMATY, "source_ref"].startswith("1540 Committee")
    assert register.loc[ALMATY, "participants"] == t("meetings.not_recorded")


def test_register_applies_the_shared_filters() -> None:
    everything = table(run_page(PAGE), "register")
    assert set(everything["event_id"]) == {"EV-ALMATY-2011", "EV-ASTANA-2011", "EV-BISHKEK-2015"}
    assert everything.set_index("event_id").loc["EV-BISHKEK-2015", "is_synthetic"]
    uzbekistan = table(run_page(PAGE, {"states": "UZB"}), "register")
    assert list(uzbekistan["event_id"]) == ["EV-ASTANA-2011"]
    sourced = table(run_page(PAGE, {"synthetic": "0"}), "register")
    assert "EV-BISHKEK-2015" not in set(sourced["event_id"]) and not sourced["is_synthetic"].any()
    period = table(run_page(PAGE, {"from": "2011-09-01", "to": "2015-12-31"}), "register")
    assert set(period["event_id"]) == {"EV-ASTANA-2011", "EV-BISHKEK-2015"}
    empty = run_page(PAGE, {"from": "2011-08-01", "to": "2011-08-15"})
    assert not empty.exception and not [
        e for e in empty.dataframe if getattr(e, "key", "") == "table_meetings_register"
    ]
    assert any(t("meetings.what_events") in info.value for info in empty.info)


def test_event_deep_link_opens_the_event_and_stays_in_the_url() -> None:
    at = run_page(PAGE, {"event": "EV-ASTANA-2011"})
    assert not at.exception
    assert at.selectbox(key="mt_event").value == "EV-ASTANA-2011"
    assert at.query_params["event"] == ["EV-ASTANA-2011"] or at.query_params["event"] == "EV-ASTANA-2011"
    shown = table(at, "participants")
    assert sorted(zip(shown["role"], shown["name"], strict=True)) == [
        ("Host", "Kazakhstan"),
        ("Observer", "Uzbekistan"),
    ]
    # outside the filters: still opened from a link, and said so
    outside = run_page(PAGE, {"event": "EV-ASTANA-2011", "from": "2015-01-01", "to": "2015-12-31"})
    assert outside.selectbox(key="mt_event").value == "EV-ASTANA-2011"
    assert any(t("meetings.outside_filters") in c.value for c in outside.caption)
    unknown = run_page(PAGE, {"event": "NO-SUCH-EVENT"})
    assert not unknown.exception and unknown.selectbox(key="mt_event").value is None
    assert any(t("meetings.unknown_event") in info.value for info in unknown.info)
    demo_off = run_page(PAGE, {"event": "EV-BISHKEK-2015", "synthetic": "0"})
    assert demo_off.selectbox(key="mt_event").value is None


def test_state_profile_and_coverage_map_link_to_the_meeting() -> None:
    profile = run_page("state_profile", {"state": "KAZ"})
    roles = table(profile, "roles")
    assert "meetings?event=EV-ALMATY-2011" in set(roles["meeting"])
    venues = table(run_page("coverage_map", {"from": "2011-01-01", "to": "2015-12-31"}), "venues")
    assert set(venues["meeting"]) == {
        f"meetings?event={e}" for e in ("EV-ALMATY-2011", "EV-ASTANA-2011", "EV-BISHKEK-2015")
    }


def test_month_precision_dates_never_show_a_day(use_shipped_warehouse) -> None:
    """The project's launch is known only to the month (September 2010, stored on the 1st)."""
    register = table(run_page(PAGE, {"event": "LAUNCH-NY-2010"}), "register").set_index("event_id")
    row = register.loc["LAUNCH-NY-2010"]
    assert row["date"] == "Sep 2010"
    assert row["start_date_iso"] == "2010-09-01" and row["start_date_precision"] == "month"  # the download's columns
    at = run_page(PAGE, {"event": "LAUNCH-NY-2010"})
    facts = " ".join(m.value for m in at.markdown).replace("\\", "")  # markdown escapes
    assert "Sep 2010" in facts and "1 Sep 2010" not in facts
    overview = run_page("overview")
    changes = table(overview, "changes")
    assert not changes["change_date"].astype(str).str.match(r"^\d{4}-\d{2}-\d{2}$").any()
