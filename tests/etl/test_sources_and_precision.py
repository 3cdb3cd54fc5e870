"""Sources listed with their type, and dates known only to the month or year, on real runs of the good fixture set.

The single-row rejects (an unlisted source, a bad listed address, a month-precision date off the 1st) are in
test_rules.py with every other rule; here: what loads, what the marts carry, what the public file keeps, and how a
user's own folder beside the shipped reference data satisfies the sources rule.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

from etl.contract import TABLES, UNLISTED_SOURCE_REASON
from etl.public import public_path
from etl.settings import REFERENCE_DIR
from tests.etl.conftest import GOOD_COUNTS, ROOT, core_counts, query, read_csv, rejects, run_etl, write_csv

TEMPLATES = ROOT / "data" / "templates"


def test_a_synthetic_row_needs_no_listed_source(good_dir: Path, warehouse: Path) -> None:
    actors = read_csv(good_dir, "actors")
    demo = dict(actors[6], actor_id="DEMO_ORG", source_url="synthetic:etl.synth seed=1540", confidence="synthetic")
    write_csv(good_dir, "actors", [*actors, demo | {"is_synthetic": "true"}])

    run_etl(good_dir, warehouse=warehouse)

    assert rejects(warehouse) == []
    assert query(warehouse, "select source_url from core.actors where actor_id = 'DEMO_ORG'") == [
        ("synthetic:etl.synth seed=1540",)
    ]


def test_a_rejected_source_takes_the_rows_citing_it_with_it(good_dir: Path, warehouse: Path) -> None:
    sources = read_csv(good_dir, "sources")
    sources[4]["source_type"] = "blog"  # https://example.org/nap, cited by the one national action plan
    write_csv(good_dir, "sources", sources)

    run_etl(good_dir, warehouse=warehouse)

    assert [(r["table_name"], r["column_name"], r["rule"], r["reason"]) for r in rejects(warehouse)] == [
        (
            "national_action_plans",
            "source_url",
            "foreign_key",
            UNLISTED_SOURCE_REASON.format("https://example.org/nap")
            + " (that sources row was rejected: see its reason)",
        ),
        (
            "sources",
            "source_type",
            "allowed",
            "'blog' is not an allowed value of source_type (allowed: un_document, un_web_page, government, press, "
            "secondary_archive, other_organisation)",
        ),
    ]
    assert core_counts(warehouse) == dict(GOOD_COUNTS, sources=5, national_action_plans=0)


def test_source_facts_carry_each_cited_sources_type_and_counts(fixture_warehouse: Path) -> None:
    rows = query(
        fixture_warehouse,
        "select source_url, source_type, source_type_en, source_type_ru, rows_citing, tables from mart.source_facts "
        "order by source_url",
    )
    assert rows == [
        ("https://example.org/almaty", "un_document", "UN document", "Документ ООН", 7, "events, participation"),
        ("https://example.org/astana", "secondary_archive", "Secondary archive", "Вторичный архив", 3,
         "events, participation"),
        ("https://example.org/fixture", "un_web_page", "UN web page", "Веб-страница ООН", 10, "actors"),
        ("https://example.org/nap", "government", "Government", "Правительственный источник", 1,
         "national_action_plans"),
        ("https://example.org/procedure", "un_web_page", "UN web page", "Веб-страница ООН", 3, "procedure_steps"),
        ("https://www.un.org/counterterrorism/", "un_web_page", "UN web page", "Веб-страница ООН", 4, "pillars"),
    ]  # fmt: skip


def test_the_public_file_lists_only_sources_that_public_rows_cite(good_dir: Path, warehouse: Path) -> None:
    """A source's title may say whose request it is: one cited only by an unpublished request stays internal."""
    requests = read_csv(good_dir, "requests")
    secret = "NV/ZZSECRET-SOURCE-7f3a"
    unpublished = dict(requests[2], request_id="R-TKM-REAL", source_url=secret, confidence="confirmed")
    write_csv(good_dir, "requests", [*requests, unpublished | {"is_synthetic": "false", "consent_to_publish": "no"}])
    sources = read_csv(good_dir, "sources")
    listed = {"source_url": secret, "title": "Note verbale of ZZSECRET-MISSION-7f3a", "source_type": "government"}
    write_csv(good_dir, "sources", [*sources, listed])

    run_etl(good_dir, warehouse=warehouse)

    assert rejects(warehouse) == []
    internal = [r[0] for r in query(warehouse, "select source_url from core.sources order by all")]
    public = [r[0] for r in query(public_path(warehouse), "select source_url from core.sources order by all")]
    assert secret in internal
    assert public == [s for s in internal if s != secret]
    assert query(public_path(warehouse), "select count(*) from mart.source_facts where source_url = ?", [secret]) == [
        (0,)
    ]


def test_a_users_own_folder_lists_only_its_new_sources(good_dir: Path, warehouse: Path, tmp_path: Path) -> None:
    """Beside the shipped reference data, a user's folder cites shipped sources freely and lists only its own."""
    own = tmp_path / "own"
    own.mkdir()
    shipped = read_csv(REFERENCE_DIR, "sources")[0]["source_url"]
    new_source = "https://example.org/our-own-report"
    sourced = {"state_id": "KAZ", "confidence": "confirmed", "is_synthetic": "false"}
    write_csv(
        own,
        "national_action_plans",
        [
            sourced | {"nap_id": "NAP-A", "title": "Plan citing a shipped source", "source_url": shipped},
            sourced | {"nap_id": "NAP-B", "title": "Plan citing our own source", "source_url": new_source},
        ],
    )
    write_csv(own, "sources", [{"source_url": new_source, "title": "Our own report", "source_type": "government"}])

    run_etl(REFERENCE_DIR, own, warehouse=warehouse)

    assert rejects(warehouse) == []
    assert query(warehouse, "select nap_id from core.national_action_plans where nap_id like 'NAP-_' order by 1") == [
        ("NAP-A",),
        ("NAP-B",),
    ]


def test_a_source_listed_in_two_folders_is_reported_once_as_a_duplicate(warehouse: Path, tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    shipped = read_csv(REFERENCE_DIR, "sources")[0]
    write_csv(own, "sources", [shipped])

    run_etl(REFERENCE_DIR, own, warehouse=warehouse)

    assert [(r["table_name"], r["rule"], r["source_row"]) for r in rejects(warehouse)] == [("sources", "unique", 2)]
    # the first listing stands: nothing that cites it is lost
    assert query(warehouse, "select count(*) from core.sources where source_url = ?", [shipped["source_url"]]) == [(1,)]


def test_dates_known_to_the_month_or_year_load_with_their_precision(good_dir: Path, warehouse: Path) -> None:
    events = read_csv(good_dir, "events")
    month = dict(events[0], event_id="EV-MONTH", start_date="2010-09-01", end_date="", date_precision="month")
    year = dict(events[0], event_id="EV-YEAR", start_date="01.01.2013", end_date="", date_precision=" year ")
    blank = dict(events[0], event_id="EV-BLANK", date_precision="")
    write_csv(good_dir, "events", [*events, month, year, blank])
    participation = read_csv(good_dir, "participation")
    write_csv(good_dir, "participation", [*participation, dict(participation[1], event_id="EV-MONTH")])

    run_etl(good_dir, warehouse=warehouse)

    assert rejects(warehouse) == []
    assert query(
        warehouse,
        "select event_id, start_date, end_date, date_precision from mart.event_facts "
        "where event_id in ('EV-MONTH', 'EV-YEAR', 'EV-BLANK') order by event_id",
    ) == [
        ("EV-BLANK", dt.date(2011, 7, 21), dt.date(2011, 7, 22), "day"),
        ("EV-MONTH", dt.date(2010, 9, 1), dt.date(2010, 9, 1), "month"),
        ("EV-YEAR", dt.date(2013, 1, 1), dt.date(2013, 1, 1), "year"),
    ]
    assert query(
        warehouse, "select distinct date_precision from mart.event_participation where event_id = 'EV-MONTH'"
    ) == [("month",)]
    assert query(
        warehouse,
        "select distinct date_precision from mart.activity_log where kind = 'event' and ref_id = 'EV-YEAR'",
    ) == [("year",)]
    # every other kind of change is dated to the day
    assert query(warehouse, "select distinct date_precision from mart.activity_log where kind <> 'event'") == [("day",)]


def test_a_file_without_the_date_precision_column_loads_as_day(good_dir: Path, warehouse: Path) -> None:
    """Files written before the column existed still load: the missing column is blank, and blank means day."""
    rows = read_csv(good_dir, "events")
    header = [c for c in rows[0] if c != "date_precision"]
    with (good_dir / "events.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)

    run_etl(good_dir, warehouse=warehouse)

    assert rejects(warehouse) == []
    assert query(warehouse, "select distinct date_precision from core.events") == [("day",)]


def test_the_templates_have_the_contract_header_and_no_rows() -> None:
    """data/templates/<table>.csv: a header row to fill in, for every table of the contract."""
    assert sorted(p.stem for p in TEMPLATES.glob("*.csv")) == sorted(t.name for t in TABLES)
    for table in TABLES:
        with (TEMPLATES / f"{table.name}.csv").open(encoding="utf-8", newline="") as handle:
            assert list(csv.reader(handle)) == [[c.name for c in table.columns]], table.name


def test_the_templates_folder_loads_as_an_empty_source(tmp_path: Path, warehouse: Path) -> None:
    """Copied as they are beside real files, the templates add nothing and break nothing."""
    folder = Path(shutil.copytree(TEMPLATES, tmp_path / "templates"))
    run_etl(REFERENCE_DIR, folder, warehouse=warehouse)
    assert rejects(warehouse) == []
