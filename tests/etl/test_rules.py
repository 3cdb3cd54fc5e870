"""Every contract rule, proved on a real run: one bad row in an otherwise good fixture set.

Each case appends one row (a copy of a good row with a fresh key, then broken in one way) so that nothing else
depends on it: exactly that row must be rejected, with its file, row number, column, value and exact reason,
and every other row must load.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from etl.contract import SOURCE_TYPES, TABLES, UNLISTED_SOURCE_REASON
from etl.read import CONTROL, shown
from etl.validate import TYPE_REASONS
from tests.etl.conftest import (
    GOOD_COUNTS,
    core_counts,
    label,
    query,
    read_csv,
    rejects,
    run_etl,
    write_csv,
)

WEB_LINK_REASON = (
    "source_url must be an http:// or https:// address, or a document symbol without a scheme such as "
    "A/RES/60/288: a link with javascript:, data:, file: or another scheme can run code or open files on the "
    "reader's computer (synthetic rows may keep the generator's synthetic: tag)"
)
LISTED_WEB_LINK_REASON = (
    "a listed source_url must be an http:// or https:// address, or a document reference without a scheme such as "
    "A/RES/60/288: a link with javascript:, data:, file: or another scheme can run code or open files on the "
    "reader's computer"
)
PRECISION_REASON = (
    "a date known only to the month is written as its 1st (2010-09-01, date_precision month) and one known only "
    "to the year as 1 January (2010-01-01, date_precision year)"
)
SOURCE_TYPE_CODES = ", ".join(SOURCE_TYPES)
BOOL_HINT = "(write one of: true, 1, yes, y, да, false, 0, no, n, нет)"
CHANNELS = "note_verbale, template, national_report, referral"


@dataclass(frozen=True)
class Case:
    table: str
    template: int  # index of the good row the bad row copies
    changes: dict[str, str] = field(default_factory=dict)
    column: str = ""
    value: str | None = None
    rule: str = ""
    reason: str = ""  # "{file}" stands for the damaged file's name as the ETL reports it


NEW_REQUEST = {"request_id": "R-NEW-1"}  # copies R-UZB-1: open, received 2015-09-01, synthetic
NEW_ACTOR = {"actor_id": "AU"}  # copies EU: a sourced regional organisation
NEW_EVENT = {"event_id": "EV-NEW"}  # copies EV-BISHKEK-2015: synthetic, 2015-05-12 to 2015-05-13
NEW_MATCH = {"match_id": "M-9"}

CASES = [
    pytest.param(
        Case("requests", 3, {**NEW_REQUEST, "channel": ""}, "channel", "", "required", "channel is required but empty"),
        id="required-empty",
    ),
    pytest.param(
        Case(
            "request_items",
            4,
            {"item_id": "R-UZB-1-9", "item_no": "two"},
            "item_no",
            "two",
            "type",
            "item_no 'two' is not a whole number",
        ),
        id="int-not-a-number",
    ),
    pytest.param(
        Case(
            "actors",
            6,
            {**NEW_ACTOR, "latitude": "north"},
            "latitude",
            "north",
            "type",
            "latitude 'north' is not a number",
        ),
        id="float-not-a-number",
    ),
    pytest.param(
        Case(
            "requests",
            3,
            {**NEW_REQUEST, "received_date": "2015-02-30"},
            "received_date",
            "2015-02-30",
            "type",
            "received_date '2015-02-30' is not a date (write YYYY-MM-DD, or DD.MM.YYYY)",
        ),
        id="date-not-a-date",
    ),
    pytest.param(
        Case(
            "requests",
            3,
            {**NEW_REQUEST, "consent_to_publish": "maybe"},
            "consent_to_publish",
            "maybe",
            "type",
            f"consent_to_publish 'maybe' is not true/false {BOOL_HINT}",
        ),
        id="bool-invalid",
    ),
    pytest.param(
        Case(
            "requests",
            3,
            {**NEW_REQUEST, "channel": "email"},
            "channel",
            "email",
            "allowed",
            f"'email' is not an allowed value of channel (allowed: {CHANNELS})",
        ),
        id="allowed-scalar",
    ),
    pytest.param(
        Case(
            "events",
            2,
            {**NEW_EVENT, "pillars": "I|V"},
            "pillars",
            "I|V",
            "allowed",
            "'V' is not an allowed value of pillars (allowed: I, II, III, IV)",
        ),
        id="allowed-in-a-list",
    ),
    pytest.param(
        Case(
            "requests",
            3,
            {"request_id": "R NEW 1"},
            "request_id",
            "R NEW 1",
            "pattern",
            "'R NEW 1' is not a valid request_id (letters, digits, - and _ only)",
        ),
        id="pattern-id-with-space",
    ),
    pytest.param(
        Case(
            "actors",
            6,
            {**NEW_ACTOR, "latitude": "95"},
            "latitude",
            "95",
            "range",
            "latitude 95 is outside the allowed range -90 to 90",
        ),
        id="range-float",
    ),
    pytest.param(
        Case(
            "procedure_steps",
            2,
            {"step_no": "21"},
            "step_no",
            "21",
            "range",
            "step_no 21 is outside the allowed range 1 to 20",
        ),
        id="range-int",
    ),
    pytest.param(
        Case(
            "requests",
            3,
            {**NEW_REQUEST, "received_date": "2027-01-01"},
            "received_date",
            "2027-01-01",
            "future",
            "received_date 2027-01-01 is in the future (today is 2026-11-29)",
        ),
        id="future-date",
    ),
    pytest.param(
        Case(
            "requests",
            3,
            {**NEW_REQUEST, "acknowledged_date": "2015-08-31"},
            "acknowledged_date",
            "2015-08-31",
            "order",
            "acknowledged_date 2015-08-31 is before received_date 2015-09-01",
        ),
        id="order-acknowledged-before-received",
    ),
    pytest.param(
        Case(
            "matches",
            0,
            {**NEW_MATCH, "delivered_date": "2012-03-01"},
            "delivered_date",
            "2012-03-01",
            "order",
            "delivered_date 2012-03-01 is before proposed_date 2012-04-01",
        ),
        id="order-delivered-before-proposed",
    ),
    pytest.param(
        Case(
            "events",
            2,
            {**NEW_EVENT, "end_date": "2015-05-11"},
            "end_date",
            "2015-05-11",
            "order",
            "end_date 2015-05-11 is before start_date 2015-05-12",
        ),
        id="order-end-before-start",
    ),
    pytest.param(
        Case(
            "national_action_plans",
            0,
            {"nap_id": "NAP-KGZ-2020", "period_end": "2020"},
            "period_end",
            "2020",
            "order",
            "period_end 2020 is before period_start 2022",
        ),
        id="order-years",
    ),
    pytest.param(
        Case(
            "requests",
            3,
            {**NEW_REQUEST, "status": "closed"},
            "closed_date",
            None,
            "rule",
            "a closed or withdrawn request needs its closed_date",
        ),
        id="rule-closed-without-closed-date",
    ),
    pytest.param(
        Case(
            "requests",
            3,
            {**NEW_REQUEST, "closed_date": "2016-01-01"},
            "closed_date",
            "2016-01-01",
            "rule",
            "an open request cannot have a closed_date",
        ),
        id="rule-open-with-closed-date",
    ),
    pytest.param(
        Case(
            "matches",
            0,
            {**NEW_MATCH, "delivered_date": ""},
            "delivered_date",
            None,
            "rule",
            "a delivered match needs its delivered_date",
        ),
        id="rule-delivered-without-date",
    ),
    pytest.param(
        Case(
            "matches",
            1,
            {**NEW_MATCH, "delivered_date": "2014-01-01"},
            "delivered_date",
            "2014-01-01",
            "rule",
            "only a delivered match can have a delivered_date",
        ),
        id="rule-undelivered-with-date",
    ),
    pytest.param(
        Case(
            "actors",
            6,
            {**NEW_ACTOR, "source_url": ""},
            "source_url",
            None,
            "rule",
            "a row that is not synthetic needs a source_url",
        ),
        id="rule-sourced-without-url",
    ),
    pytest.param(
        Case(
            "actors",
            6,
            {**NEW_ACTOR, "source_url": "javascript:alert(document.domain)"},
            "source_url",
            "javascript:alert(document.domain)",
            "rule",
            WEB_LINK_REASON,
        ),
        id="rule-source-url-not-a-web-address",
    ),
    pytest.param(
        Case(
            "actors",
            6,
            {**NEW_ACTOR, "confidence": "synthetic"},
            "confidence",
            "synthetic",
            "rule",
            "confidence 'synthetic' goes with is_synthetic = true, and only with it",
        ),
        id="rule-synthetic-confidence-not-synthetic",
    ),
    pytest.param(
        Case(
            "actors",
            0,
            {"actor_id": "KZX", "iso3": ""},
            "iso3",
            None,
            "rule",
            "a State needs its ISO 3166 alpha-3 code in iso3",
        ),
        id="rule-state-without-iso3",
    ),
    pytest.param(
        Case(
            "requests",
            0,
            {},
            "request_id",
            "R-KAZ-1",
            "unique",
            "duplicate key request_id = 'R-KAZ-1': first seen in {file} row 2",
        ),
        id="unique-duplicate",
    ),
    pytest.param(
        Case(
            "participation",
            0,
            {},
            "event_id, actor_id, role",
            "EV-ALMATY-2011 / KAZ / host",
            "unique",
            "duplicate key event_id, actor_id, role = 'EV-ALMATY-2011 / KAZ / host': first seen in {file} row 2",
        ),
        id="unique-duplicate-composite-key",
    ),
    pytest.param(
        Case(
            "request_items",
            4,
            {"item_id": "R-NOPE-1", "request_id": "R-NOPE"},
            "request_id",
            "R-NOPE",
            "foreign_key",
            "'R-NOPE' is not a requests.request_id among the loaded rows",
        ),
        id="fk-item-without-request",
    ),
    pytest.param(
        Case(
            "matches",
            1,
            {**NEW_MATCH, "offer_id": "O-NOPE"},
            "offer_id",
            "O-NOPE",
            "foreign_key",
            "'O-NOPE' is not a offers.offer_id among the loaded rows",
        ),
        id="fk-match-without-offer",
    ),
    pytest.param(
        Case(
            "participation",
            1,
            {"actor_id": "XYZ"},
            "actor_id",
            "XYZ",
            "foreign_key",
            "'XYZ' is not a actors.actor_id among the loaded rows",
        ),
        id="fk-participation-without-actor",
    ),
    pytest.param(
        Case(
            "events",
            2,
            {**NEW_EVENT, "funders": "EU|ZZZ"},
            "funders",
            "ZZZ",
            "foreign_key",
            "'ZZZ' is not a actors.actor_id among the loaded rows",
        ),
        id="fk-unknown-actor-in-a-list",
    ),
    pytest.param(
        Case(
            "requests",
            3,
            {**NEW_REQUEST, "state_id": "EU"},
            "state_id",
            "EU",
            "foreign_key",
            # EU is a loaded actor, just not a State: the reason must not claim that its row was rejected
            "'EU' is not a actors.actor_id with actor_type = state among the loaded rows",
        ),
        id="fk-reference-filter-not-a-state",
    ),
    pytest.param(
        Case(
            "actors",
            6,
            {**NEW_ACTOR, "source_url": "https://example.org/not-listed"},
            "source_url",
            "https://example.org/not-listed",
            "foreign_key",
            UNLISTED_SOURCE_REASON.format("https://example.org/not-listed"),
        ),
        id="fk-source-not-listed",
    ),
    pytest.param(
        Case(
            "sources",
            0,
            {"source_url": "javascript:alert(1)"},
            "source_url",
            "javascript:alert(1)",
            "rule",
            LISTED_WEB_LINK_REASON,
        ),
        id="rule-listed-source-not-a-web-address",
    ),
    pytest.param(
        Case(
            "sources",
            0,
            {"source_url": "https://example.org/blog", "source_type": "blog"},
            "source_type",
            "blog",
            "allowed",
            f"'blog' is not an allowed value of source_type (allowed: {SOURCE_TYPE_CODES})",
        ),
        id="allowed-source-type",
    ),
    pytest.param(
        Case(
            "sources",
            0,
            {"title": "The same address listed twice"},
            "source_url",
            "https://example.org/fixture",
            "unique",
            "duplicate key source_url = 'https://example.org/fixture': first seen in {file} row 2",
        ),
        id="unique-source-listed-twice",
    ),
    pytest.param(
        Case(
            "events",
            2,
            {**NEW_EVENT, "date_precision": "month"},  # 2015-05-12 is not the 1st of its month
            "date_precision",
            "month",
            "rule",
            PRECISION_REASON,
        ),
        id="rule-month-precision-not-on-the-1st",
    ),
    pytest.param(
        Case(
            "events",
            2,
            {**NEW_EVENT, "start_date": "2015-05-01", "end_date": "", "date_precision": "year"},
            "date_precision",
            "year",
            "rule",
            PRECISION_REASON,
        ),
        id="rule-year-precision-not-on-1-january",
    ),
    pytest.param(
        Case(
            "events",
            2,
            {**NEW_EVENT, "date_precision": "week"},
            "date_precision",
            "week",
            "allowed",
            "'week' is not an allowed value of date_precision (allowed: day, month, year)",
        ),
        id="allowed-date-precision",
    ),
]


@pytest.mark.parametrize("case", CASES)
def test_a_bad_row_is_rejected_with_its_reason_and_the_rest_loads(case: Case, good_dir: Path, warehouse: Path) -> None:
    rows = read_csv(good_dir, case.table)
    bad_row = dict(rows[case.template], **case.changes)
    path = write_csv(good_dir, case.table, [*rows, bad_row])
    bad_row_number = len(rows) + 2  # the header is row 1

    result = run_etl(good_dir, warehouse=warehouse)

    assert rejects(warehouse) == [
        {
            "table_name": case.table,
            "source_file": label(path),
            "source_row": bad_row_number,
            "column_name": case.column,
            "value": case.value,
            "rule": case.rule,
            "reason": case.reason.format(file=label(path)),
        }
    ]
    # the bad row is not in core; every good row of every table is
    assert core_counts(warehouse) == GOOD_COUNTS
    loaded_rows = [r[0] for r in query(warehouse, f"select loaded_row from core.{case.table} order by loaded_row")]
    assert loaded_rows == list(range(2, bad_row_number))
    assert query(
        warehouse,
        "select rows_read, rows_loaded, rows_rejected from meta.load_files where table_name = ?",
        [case.table],
    ) == [(len(rows) + 1, len(rows), 1)]
    assert result.rejects_total == 1


def test_the_cases_cover_every_kind_of_rule_in_the_contract() -> None:
    cases = [p.values[0] for p in CASES]
    assert {c.rule for c in cases} == {
        "required",
        "type",
        "allowed",
        "pattern",
        "range",
        "future",
        "order",
        "rule",
        "unique",
        "foreign_key",
    }
    reasons = {c.reason for c in cases}
    for hint in TYPE_REASONS.values():
        assert any(hint in r for r in reasons), hint
    row_rule_reasons = {reason for table in TABLES for _column, _sql, reason in table.row_rules}
    assert row_rule_reasons <= reasons


def test_a_rejected_parent_takes_its_children_with_it(good_dir: Path, warehouse: Path) -> None:
    requests = read_csv(good_dir, "requests")
    requests[0]["channel"] = "email"  # R-KAZ-1, row 2: its item R-KAZ-1-1 has the delivered match M-1
    write_csv(good_dir, "requests", requests)

    run_etl(good_dir, warehouse=warehouse)

    assert [
        (r["table_name"], r["source_row"], r["column_name"], r["value"], r["rule"], r["reason"])
        for r in rejects(warehouse)
    ] == [
        (
            "matches",
            2,
            "item_id",
            "R-KAZ-1-1",
            "foreign_key",
            "'R-KAZ-1-1' is not a request_items.item_id among the loaded rows "
            "(that request_items row was rejected: see its reason)",
        ),
        (
            "request_items",
            2,
            "request_id",
            "R-KAZ-1",
            "foreign_key",
            "'R-KAZ-1' is not a requests.request_id among the loaded rows "
            "(that requests row was rejected: see its reason)",
        ),
        (
            "requests",
            2,
            "channel",
            "email",
            "allowed",
            f"'email' is not an allowed value of channel (allowed: {CHANNELS})",
        ),
    ]
    assert core_counts(warehouse) == dict(GOOD_COUNTS, requests=3, request_items=4, matches=2)
    assert query(warehouse, "select count(*) from core.requests where request_id = 'R-KAZ-1'") == [(0,)]
    assert query(warehouse, "select count(*) from core.matches where match_id = 'M-1'") == [(0,)]


def test_day_first_dates_and_decimal_commas_are_accepted(good_dir: Path, warehouse: Path) -> None:
    requests = read_csv(good_dir, "requests")
    requests[3]["received_date"] = "01.09.2015"  # R-UZB-1
    write_csv(good_dir, "requests", requests)
    events = read_csv(good_dir, "events")
    events[0]["latitude"], events[0]["longitude"] = "43,24", "76,89"  # quoted by the CSV writer
    write_csv(good_dir, "events", events)

    run_etl(good_dir, warehouse=warehouse)

    assert rejects(warehouse) == []
    assert core_counts(warehouse) == GOOD_COUNTS
    assert query(warehouse, "select received_date from core.requests where request_id = 'R-UZB-1'") == [
        (dt.date(2015, 9, 1),)
    ]
    assert query(warehouse, "select latitude, longitude from core.events where event_id = 'EV-ALMATY-2011'") == [
        (43.24, 76.89)
    ]


def test_blank_lines_and_empty_rows_are_skipped_and_later_rows_keep_their_numbers(
    good_dir: Path, warehouse: Path
) -> None:
    path = good_dir / "requests.csv"
    header, *lines = path.read_text(encoding="utf-8").splitlines()
    empty = "," * (len(header.split(",")) - 1)
    # row 1 header, 2 R-KAZ-1, 3 blank, 4 all-empty, 5 R-KGZ-1, 6 R-TKM-1, 7 blank, 8 R-UZB-1 (made bad)
    bad_last = lines[3].replace(",referral,", ",email,")
    path.write_text("\n".join([header, lines[0], "", empty, lines[1], lines[2], "", bad_last]) + "\n", "utf-8")

    run_etl(good_dir, warehouse=warehouse)

    assert [(r["table_name"], r["source_row"], r["column_name"], r["rule"]) for r in rejects(warehouse)] == [
        ("request_items", 6, "request_id", "foreign_key"),  # R-UZB-1-1 follows its request out
        ("requests", 8, "channel", "allowed"),
    ]
    assert query(warehouse, "select request_id, loaded_row from core.requests order by loaded_row") == [
        ("R-KAZ-1", 2),
        ("R-KGZ-1", 5),
        ("R-TKM-1", 6),
    ]
    # blank rows are neither read nor rejected
    assert query(
        warehouse, "select rows_read, rows_loaded, rows_rejected from meta.load_files where table_name = 'requests'"
    ) == [(4, 3, 1)]


# Browsers drop tabs and newlines anywhere in an address, and control characters and spaces before it.
NOT_WEB_ADDRESSES = [
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "   javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "\x01javascript:alert(1)",
    "java\u200bscript:alert(1)",
    "\u00a0javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
    "ftp://ftp.example.org/report.pdf",
    "synthetic:etl.synth seed=1540",  # the generator's tag, on a row that is not synthetic
]
WEB_ADDRESSES_AND_SYMBOLS = [
    "https://www.un.org/en/sc/1540/",
    "HTTP://WWW.UN.ORG/",
    "UNIS/INF/393",
    "A/RES/60/288",
    "S/2011/579",
    "Press release PA/19: joint declaration",
]


def test_source_url_takes_web_addresses_and_document_symbols_only(good_dir: Path, warehouse: Path) -> None:
    actors = read_csv(good_dir, "actors")
    sourced = actors[6]  # EU: a sourced regional organisation
    good = [dict(sourced, actor_id=f"GOOD{i}", source_url=url) for i, url in enumerate(WEB_ADDRESSES_AND_SYMBOLS)]
    good.append(
        dict(sourced, actor_id="GOODSYN", source_url="synthetic:etl.synth seed=1540", confidence="synthetic")
        | {"is_synthetic": "true"}
    )
    bad = [dict(sourced, actor_id=f"BAD{i}", source_url=url) for i, url in enumerate(NOT_WEB_ADDRESSES)]
    # quoted as Excel writes them: a bare carriage return would end the row
    path = write_csv(good_dir, "actors", [*actors, *good, *bad], quoting=csv.QUOTE_ALL)
    first_bad_row = len(actors) + len(good) + 2
    # every address is listed, the bad ones too: the listing must refuse them as well
    sources = read_csv(good_dir, "sources")
    listed = [
        {"source_url": url, "title": f"Source {i}", "source_type": "un_web_page"}
        for i, url in enumerate([*WEB_ADDRESSES_AND_SYMBOLS, *NOT_WEB_ADDRESSES])
    ]
    sources_path = write_csv(good_dir, "sources", [*sources, *listed], quoting=csv.QUOTE_ALL)
    first_bad_source_row = len(sources) + len(WEB_ADDRESSES_AND_SYMBOLS) + 2

    run_etl(good_dir, warehouse=warehouse)

    assert rejects(warehouse) == [
        {
            "table_name": "actors",
            "source_file": label(path),
            "source_row": first_bad_row + i,
            "column_name": "source_url",
            "value": url.strip(),  # trimmed like every value, of any whitespace (tabs and NBSP too)
            "rule": "rule",
            "reason": WEB_LINK_REASON,
        }
        | _control_reject(url)
        for i, url in enumerate(NOT_WEB_ADDRESSES)
    ] + [
        {
            "table_name": "sources",
            "source_file": label(sources_path),
            "source_row": first_bad_source_row + i,
            "column_name": "source_url",
            "value": url.strip(),
            "rule": "rule",
            "reason": LISTED_WEB_LINK_REASON,
        }
        | _control_reject(url)
        for i, url in enumerate(NOT_WEB_ADDRESSES)  # the generator's tag too: a listed source is never synthetic
    ]
    loaded = query(warehouse, "select actor_id, source_url from core.actors where actor_id like 'GOOD%'")
    assert sorted(loaded) == sorted((row["actor_id"], row["source_url"]) for row in good)


def _control_reject(url: str) -> dict:
    """A control character rejects the row before any rule reads it (etl/read.py)."""
    if not re.search(CONTROL, url):
        return {}
    return {
        "value": shown(url.strip()),
        "rule": "control",
        "reason": "source_url holds a NUL byte or another control character: remove it (the file may be damaged)",
    }


def test_every_table_with_a_source_url_checks_its_scheme() -> None:
    for table in TABLES:
        if any(c.name == "source_url" for c in table.columns):
            reason = LISTED_WEB_LINK_REASON if table.name == "sources" else WEB_LINK_REASON
            assert reason in [reason for _c, _sql, reason in table.row_rules], table.name
