"""The summary in words (dashboard/briefing/summary.py): every number it states equals the measure it names, on the
fixture and on the shipped data, for a State and for the region; the rules word zero, one and many right; and the
pages show the same words at their top."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard import filters as flt
from dashboard import warehouse
from dashboard.briefing.content import Runner
from dashboard.briefing.summary import Summary, long_date, region_summary, state_line, state_summary
from dashboard.i18n import t
from dashboard.measures.catalogue import measure
from dashboard.ui.briefing import SINCE_KEY
from tests.dashboard.conftest import run_page
from tests.dashboard.pdf_text import read
from tests.dashboard.test_briefing import default_filters, flat, measure_value, public_path, slides_text

DATE = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b"
)


def numbers(text: str) -> list[int]:
    """The numbers a sentence states, dates (read aloud as "1 January 2025") left out."""
    text = DATE.sub("", text).replace("resolution 1540", "").replace("national 1540", "")
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]


def check(summary: Summary, con, filters: flt.Filters, since: dt.date) -> None:  # noqa: ANN001
    for sentence in summary.sentences:
        assert numbers(sentence.text) == [f.value for f in sentence.facts if not f.in_words], sentence.text
        assert all(f.value == 0 and " no " in f" {sentence.text.lower()}" for f in sentence.facts if f.in_words)
        for fact in sentence.facts:
            assert fact.value == measure_value(con, fact.measure, filters, since), (fact, sentence.text)


def summaries(path: Path, filters: flt.Filters, since: dt.date, state: str | None) -> Summary:
    run = Runner(path)
    try:
        if state:
            params = dict(flt.with_states(filters, (state,)).params(), state=state, since=since)
            name = run("state_profile_state", state=state).iloc[0]["name_en"]
            return state_summary(
                run("state_profile_summary", **params).iloc[0], name, filters.start, filters.end, since
            )
        row = run("overview_summary", **filters.params(), since=since).iloc[0]
        return region_summary(row, "Central Asia", filters.start, filters.end, since)
    finally:
        run.close()


def cursor(path: Path):  # noqa: ANN201
    con = warehouse.open_readonly(str(path)).cursor()
    con.execute(f"set search_path = '{warehouse.SEARCH_PATH}'")
    return con


@pytest.mark.parametrize("state", ["KAZ", "KGZ", "TKM", "UZB", None])
@pytest.mark.parametrize("view", ["public", "internal"])
def test_every_number_in_the_summary_equals_its_measure(fixture_warehouse: Path, view: str, state: str | None) -> None:
    path = fixture_warehouse if view == "internal" else public_path(fixture_warehouse)
    con = cursor(path)
    for filters in (default_filters(path), default_filters(path, start=dt.date(2013, 1, 1), end=dt.date(2013, 5, 15))):
        since = dt.date(2013, 1, 1)
        summary = summaries(path, filters, since, state)
        scoped = flt.with_states(filters, (state,)) if state else filters
        check(summary, con, scoped, since)
        assert summary.facts  # it states figures


@pytest.mark.parametrize("state", ["TJK", None])
def test_the_summary_of_the_shipped_data(shipped_warehouse: Path, state: str | None) -> None:
    path = public_path(shipped_warehouse)
    filters = default_filters(path, start=dt.date(2025, 1, 1), end=dt.date(2025, 11, 30))
    since = dt.date(2025, 6, 1)
    summary = summaries(path, filters, since, state)
    check(summary, cursor(path), flt.with_states(filters, (state,)) if state else filters, since)
    assert summary.text.startswith(
        "Between 1 January 2025 and 30 November 2025, Tajikistan sent" if state else "Between 1 January 2025"
    )


def test_each_state_line_equals_its_measures_and_the_states_are_not_ranked(fixture_warehouse: Path) -> None:
    path = public_path(fixture_warehouse)
    filters = default_filters(path)
    run = Runner(path)
    states = run("coverage_map_states", **filters.params())
    run.close()
    con = cursor(path)
    lines = [state_line(row, row["name_en"], filters.end) for row in states.to_dict("records")]
    assert [line.text.split(":")[0] for line in lines] == sorted(states["name_en"])  # alphabetical, as listed
    for line, code in zip(lines, states["state_id"], strict=True):
        assert numbers(line.text) == [f.value for f in line.facts]
        for fact in line.facts:
            column = measure(fact.measure).column
            frame = con.execute(
                f"select {column} as v from {measure(fact.measure).macro}($start, $end, $states, $pillars, $areas, "
                "$funders, $synthetic, 'state') where state_id = $code",
                dict(filters.params(), code=code),
            ).df()
            assert fact.value == (int(frame.iloc[0]["v"]) if len(frame) else 0), (code, fact)


def row(**values: int) -> pd.Series:
    keys = [
        "requests_received", "distribution_within_rule", "distribution_late", "distribution_pending",
        "distribution_not_judged", "requests_open_at_end", "requests_matched", "requests_delivered",
        "meetings_attended", "meetings_disputed", "jpoa_items", "jpoa_completed", "jpoa_completed_since",
        "action_plans", "meetings_held", "states_reached",
    ]  # fmt: skip
    return pd.Series({key: values.get(key, 0) for key in keys})


def test_the_rules_word_none_one_and_many() -> None:
    start, end = dt.date(2025, 1, 1), dt.date(2025, 11, 30)
    nothing = state_summary(row(), "Tajikistan", start, end).text
    assert "Tajikistan sent no assistance request" in nothing
    assert "Tajikistan attended no meeting in the period." in nothing
    assert "No Joint Plan of Action item of Tajikistan is recorded as of 30 November 2025." in nothing
    one = state_summary(
        row(requests_received=1, distribution_pending=1, requests_open_at_end=1, meetings_attended=1, action_plans=1,
            jpoa_items=1, jpoa_completed=1, jpoa_completed_since=1),
        "Tajikistan", start, end, since=dt.date(2025, 6, 1),
    ).text  # fmt: skip
    assert (
        "Between 1 January 2025 and 30 November 2025, Tajikistan sent 1 assistance request under resolution 1540; "
        "by 30 November 2025, 1 not yet due for distribution; 1 still open." in one
    )
    assert "attended 1 meeting in the period." in one and "1 of its 1 Joint Plan of Action item was completed" in one
    assert "1 of them since 1 June 2025" in one and "1 national 1540 implementation action plan of Tajikistan is" in one
    many = region_summary(row(meetings_held=3, states_reached=2, requests_received=2), "Central Asia", start, end)
    assert many.sentences[0].text.startswith("Between 1 January 2025 and 30 November 2025, 3 meetings were held")
    assert "In the same period the States of Central Asia sent 2 assistance requests" in many.text
    assert long_date(dt.date(2025, 1, 1)) == "1 January 2025"


@pytest.mark.parametrize(("page", "query"), [("state_profile", {"state": "KAZ"}), ("overview", {})])
def test_the_pages_show_the_same_summary_at_their_top(fixture_warehouse: Path, page: str, query: dict) -> None:
    at = run_page(page, query)
    assert not at.exception
    path = public_path(fixture_warehouse)
    filters = default_filters(path)
    expected = summaries(path, filters, filters.start, query.get("state"))
    expected = expected if query else Summary(expected.sentences)
    shown = [m.value for m in at.markdown if "In brief" in m.value]
    assert len(shown) == 1
    plain = shown[0].replace("\\", "").replace("\u2060", "")
    words = summaries(path, filters, filters.start, query.get("state")) if query else None
    if words is None:  # the overview words the region by the same function, without a "since" date
        run = Runner(path)
        row_ = run("overview_summary", **filters.params(), since=filters.start).iloc[0]
        run.close()
        words = region_summary(row_, "Central Asia", filters.start, filters.end)
    else:
        run = Runner(path)
        params = dict(flt.with_states(filters, (query["state"],)).params(), state=query["state"], since=filters.start)
        words = state_summary(run("state_profile_summary", **params).iloc[0], "Kazakhstan", filters.start, filters.end)
        run.close()
    assert plain.endswith(words.text)
    assert any(b.label == "Briefing pack" for b in at.button)


def shown_summary(at) -> str:  # noqa: ANN001 - an AppTest
    """The page's summary in words as plain text (markdown escapes taken out)."""
    shown = [m.value for m in at.markdown if t("briefing.summary_header") in m.value]
    assert len(shown) == 1
    return shown[0].replace("\\", "").replace("\u2060", "")


@pytest.mark.parametrize(
    ("page", "query", "state"), [("state_profile", {"state": "KAZ"}, "KAZ"), ("overview", {}, None)]
)
def test_a_since_date_chosen_on_the_page_reaches_the_summary_and_the_pack(
    fixture_warehouse: Path, page: str, query: dict, state: str | None
) -> None:
    """The fixture's one completed Joint Plan item (AI-KAZ-II-1, completed 2015-12-01): counted since 1 June 2015, not
    since 1 January 2016. The page's default (the period start) says nothing about it, as before."""
    path = public_path(fixture_warehouse)
    filters = default_filters(path)
    scoped = flt.with_states(filters, (state,)) if state else filters
    con = cursor(path)
    at = run_page(page, query, timeout=120)
    assert not at.exception
    assert " of them since " not in shown_summary(at) and "since" not in at.query_params
    for day, expected in ((dt.date(2015, 6, 1), 1), (dt.date(2016, 1, 1), 0)):
        at.date_input(key=SINCE_KEY).set_value(day).run()
        assert not at.exception
        value = measure_value(con, "jpoa_completed_since", scoped, day)
        assert value == expected  # the fixture as counted above
        sentence = f", {expected} of them since {long_date(day)}."
        assert sentence in shown_summary(at)
        assert at.query_params["since"] == day.isoformat()  # kept in the URL like the filters
    next(b for b in at.button if b.label == t("briefing.action")).click().run()
    assert not at.exception
    spec, _, deck, pdf = at.session_state["briefing_pack"]
    assert spec.since == dt.date(2016, 1, 1)
    assert sentence in flat(read(pdf).text)
    assert any(sentence in flat(" ".join(texts)) for texts in slides_text(deck))
    assert "since=2016-01-01" in flat(read(pdf).text).replace(" ", "")  # the pack's address reopens the same view


@pytest.mark.parametrize("args", [["--state", "KAZ"], ["--region"]])
def test_the_command_and_the_page_give_the_same_summary(fixture_warehouse: Path, args: list[str]) -> None:
    from dashboard.briefing.__main__ import parse, spec_from
    from dashboard.briefing.content import gather

    path = public_path(fixture_warehouse)
    since = dt.date(2015, 6, 1)
    at = run_page("state_profile" if "--state" in args else "overview", {"state": "KAZ", "since": since.isoformat()})
    assert not at.exception
    assert at.date_input(key=SINCE_KEY).value == since  # the URL's date, taken on the session's first run
    run = Runner(path)
    try:
        pack = gather(run, spec_from(parse([*args, "--since", since.isoformat(), "--view", "public"]), path))
    finally:
        run.close()
    assert pack.spec.since == since and " of them since 1 June 2015" in pack.summary.text
    assert shown_summary(at).endswith(pack.summary.text)


def test_the_since_date_stays_in_the_period(fixture_warehouse: Path) -> None:
    """A date from the URL outside the period is brought into it; one before the period start is the default."""
    at = run_page("overview", {"from": "2013-01-01", "to": "2014-12-31", "since": "2016-01-01"})
    assert at.date_input(key=SINCE_KEY).value == dt.date(2014, 12, 31)
    at = run_page("overview", {"from": "2013-01-01", "since": "2010-01-01"})
    assert at.date_input(key=SINCE_KEY).value == dt.date(2013, 1, 1) and "since" not in at.query_params
    assert " of them since " not in shown_summary(at)
