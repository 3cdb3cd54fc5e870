"""Meetings & workshops builders, and dates shown at their precision everywhere (issue 10, items 3 and 10). Pure."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.charts import coverage_map, meetings, overview
from dashboard.charts.common import date_at_precision, dated, with_source_titles
from dashboard.i18n import t

SOURCES = {
    "Information note (Almaty)": ("Information note: 3rd Expert Meeting", "UN document"),
    "https://www.un.org/en/sc/1540/": ("1540 Committee", "UN web page"),
}


def events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["LAUNCH", "ALMATY", "YEARLY"],
            "title": ["Launch", "3rd Expert Meeting", "Demo: something"],
            "event_type": ["milestone", "expert_meeting", "workshop"],
            "start_date": pd.to_datetime(["2010-09-01", "2011-07-21", "2012-01-01"]),
            "end_date": pd.to_datetime([None, "2011-07-22", None]),
            "date_precision": ["month", "day", "year"],
            "city": ["New York", "Almaty", None],
            "country": [None, "Kazakhstan", None],
            "pillars": [[], ["III"], None],
            "organisers": [["CTITF"], ["CTITF", "EU"], []],
            "funders": [[], ["EU", "Norway"], None],
            "participants": [None, 120, None],
            "summary": ["Launched", None, ""],
            "source_url": ["https://www.un.org/en/sc/1540/", "Information note (Almaty)", "synthetic:etl.synth"],
            "confidence": ["confirmed", "confirmed", "synthetic"],
            "is_synthetic": [False, False, True],
        }
    )


def test_dates_show_only_what_is_known() -> None:
    assert date_at_precision(dt.date(2011, 7, 21), "day") == "21 Jul 2011"
    assert date_at_precision(pd.Timestamp("2010-12-01"), "month") == "Dec 2010"
    assert date_at_precision("2010-01-01", "year") == "2010"
    assert date_at_precision(None, "day") is None and date_at_precision(pd.NaT, "month") is None


def test_dated_keeps_the_iso_date_and_its_precision_for_downloads() -> None:
    frame = pd.DataFrame(
        {"start_date": pd.to_datetime(["2010-12-01", "2011-07-21"]), "date_precision": ["month", "day"]}
    )
    out = dated(frame, "start_date")
    assert list(out.columns) == ["date", "start_date_iso", "start_date_precision"]
    assert list(out["date"]) == ["Dec 2010", "21 Jul 2011"]
    assert list(out["start_date_iso"]) == ["2010-12-01", "2011-07-21"]
    assert list(out["start_date_precision"]) == ["month", "day"]


def test_register_rows_as_listed() -> None:
    table = meetings.register_table(events(), {"expert_meeting": "Expert meeting"}, {"III": "Pillar III"}, SOURCES)
    rows = table.set_index("event_id")
    assert list(rows["date"]) == ["Sep 2010", "21 Jul 2011", "2012"]
    assert rows.loc["ALMATY", "place"] == "Almaty, Kazakhstan" and rows.loc["ALMATY", "pillars"] == "Pillar III"
    assert rows.loc["ALMATY", "funders"] == "EU, Norway" and rows.loc["ALMATY", "participants"] == "120"
    assert rows.loc["LAUNCH", "participants"] == t("meetings.not_recorded")
    # a document reference: its title and type as text, no link, never an empty cell
    assert (rows.loc["ALMATY", "source_title"], rows.loc["ALMATY", "source_type"]) == SOURCES[
        "Information note (Almaty)"
    ]
    assert pd.isna(rows.loc["ALMATY", "source"]) and rows.loc["ALMATY", "source_ref"] == "Information note (Almaty)"
    assert rows.loc["LAUNCH", "source"] == "https://www.un.org/en/sc/1540/"
    assert rows.loc["YEARLY", "source_type"] == t("common.source_synthetic_type")
    assert list(rows["is_synthetic"]) == [False, False, True]


def test_event_in_words_and_the_picker_labels() -> None:
    frame = events()
    facts = meetings.event_facts(frame.iloc[1], {"expert_meeting": "Expert meeting"}, {"III": "Pillar III"})
    assert "21 Jul 2011 – 22 Jul 2011" in facts and "Almaty\\, Kazakhstan" in facts
    assert "1 Sep 2010" not in meetings.event_facts(frame.iloc[0], {}, {})
    assert meetings.event_options(frame)["LAUNCH"] == "Sep 2010 · Launch"
    assert meetings.event_link("EM3-ALMATY-2011") == "meetings?event=EM3-ALMATY-2011"


def test_participants_by_role_with_the_dispute_kept() -> None:
    participants = pd.DataFrame(
        {
            "role": ["host", "participant", "participant", "participant"],
            "actor_id": ["KAZ", "KAZ", "UZB", "OSCE"],
            "actor_name": ["Kazakhstan", "Kazakhstan", "Uzbekistan", "OSCE"],
            "actor_type": ["state", "state", "state", "regional_organisation"],
            "is_central_asian_state": [True, True, True, False],
            "confidence": ["confirmed", "confirmed", "disputed", "confirmed"],
            "disputed": [False, False, True, False],
            "note": [None, None, "Source A lists it; source B does not.", None],
            "source_url": ["Information note (Almaty)"] * 4,
            "is_synthetic": [False] * 4,
        }
    )
    table = meetings.participants_table(participants, {"host": "Host"}, {"state": "State"}, {"disputed": "Disputed"})
    uzbekistan = table[table["name"] == "Uzbekistan"].iloc[0]
    assert uzbekistan["disputed"] and uzbekistan["note"] == "Source A lists it; source B does not."
    summary = meetings.role_summary(participants, {"host": "Host", "participant": "Participant"})
    assert "**Participant:** States 1, organisations 1" in summary and "dispute" in summary


def test_sources_are_titled_and_typed_in_every_table() -> None:
    frame = pd.DataFrame(
        {"source": [None, "https://www.un.org/en/sc/1540/"], "source_ref": ["Information note (Almaty)", None]}
    )
    out = with_source_titles(frame, SOURCES)
    assert list(out.columns) == ["source_title", "source_type", "source", "source_ref"]
    assert list(out["source_title"]) == ["Information note: 3rd Expert Meeting", "1540 Committee"]
    assert list(out["source_type"]) == ["UN document", "UN web page"]


def test_timeline_hover_and_venue_tooltip_show_dates_at_their_precision() -> None:
    frame = events().assign(pillar=["none", "III", "III"])
    figure = overview.timeline(frame, {"III": "Pillar III"}, {})
    hovers = [row[1] for trace in figure.data for row in trace.customdata]
    assert "Sep 2010" in hovers and "2012" in hovers and "21 Jul 2011" in hovers
    assert all("%{x|" not in trace.hovertemplate for trace in figure.data)
    tip = coverage_map.venue_tip(
        {
            "title": "Launch",
            "start_date": pd.Timestamp("2010-09-01"),
            "date_precision": "month",
            "city": "New York",
            "participants": None,
            "is_synthetic": False,
        }
    )
    assert "Sep 2010" in tip and "01 Sep 2010" not in tip
    listed = overview.timeline_table(frame.drop(columns=["pillar"]))
    assert list(listed["start_date"]) == ["Sep 2010", "21 Jul 2011", "2012"]


def test_an_event_link_quotes_the_id() -> None:
    assert meetings.event_link("a&states=KAZ") == "meetings?event=a%26states%3DKAZ"
    assert meetings.event_link("javascript:alert(1)") == "meetings?event=javascript%3Aalert%281%29"
    assert meetings.event_link(None) is None
