"""Consent is conservative: a request is published only when every row naming it says the State consented.

A second row for a request, in the same file or another source folder, is still rejected as a duplicate key; if it
disagrees on consent_to_publish the request that loads carries consent false (the internal view shows it as not
published, the withheld totals count it), each disagreeing row is reported like a reject (rule 'agreement'), and
--strict fails. A row rejected for another reason (a bad date) still counts: it can withhold a request, never
publish one. Fixture: R-KAZ-1 (consented, item R-KAZ-1-1, match M-1) and R-TKM-1 (not consented) in the good set.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from etl.__main__ import summary
from etl.load import StrictModeError, rejects_report_path
from etl.public import public_path
from tests.etl.conftest import label, query, read_csv, rejects, run_etl, write_csv

WITHHOLDS = (
    "the request loads as not consented and stays out of the public file until the rows agree "
    "(every row naming it counts, even one rejected for another reason)"
)


def disagreement(value: str, anchor: Path, anchor_row: int, anchor_value: str, request_id: str) -> str:
    return (
        f"consent_to_publish {value} disagrees with {label(anchor)} row {anchor_row} ({anchor_value}) "
        f"for request_id '{request_id}': {WITHHOLDS}"
    )


def request(folder: Path, request_id: str, /, **changes: str) -> dict:
    """A copy of the good fixture's row for request_id, changed."""
    row = next(r for r in read_csv(folder, "requests") if r["request_id"] == request_id)
    return dict(row, **changes)


def reported(warehouse: Path) -> list[tuple]:
    return [
        (r["source_file"], r["source_row"], r["column_name"], r["value"], r["rule"], r["reason"])
        for r in rejects(warehouse)
    ]


def consent(warehouse: Path) -> list[tuple]:
    return query(warehouse, "select request_id, consent_to_publish from core.requests order by request_id")


def assert_kaz_withheld(warehouse: Path) -> None:
    """R-KAZ-1 loads as not consented, and nothing of it (request, item, match) reaches the public file."""
    assert ("R-KAZ-1", False) in consent(warehouse)
    public = public_path(warehouse)
    assert query(public, "select list(request_id order by request_id) from core.requests") == [
        (["R-KGZ-1", "R-UZB-1"],)
    ]
    assert query(public, "select count(*) from core.request_items where request_id = 'R-KAZ-1'") == [(0,)]
    assert query(public, "select count(*) from core.matches where match_id = 'M-1'") == [(0,)]
    assert query(public, "select count(*) from mart.request_pipeline where request_id = 'R-KAZ-1'") == [(0,)]
    # requests, synthetic requests, items, matches, offers withheld: R-TKM-1's and R-KAZ-1's
    assert query(public, "select * from core.withheld") == [(2, 2, 2, 2, 1)]
    assert query(warehouse, "select * from core.withheld") == [(2, 2, 2, 2, 1)]
    assert query(warehouse, "select consent_to_publish from mart.request_pipeline where request_id = 'R-KAZ-1'") == [
        (False,)
    ]


def assert_kaz_published(warehouse: Path) -> None:
    assert ("R-KAZ-1", True) in consent(warehouse)
    assert query(public_path(warehouse), "select count(*) from core.requests where request_id = 'R-KAZ-1'") == [(1,)]
    assert query(public_path(warehouse), "select requests from core.withheld") == [(1,)]


@pytest.mark.parametrize("folder", ["a-read-first", "z-read-last"], ids=["withdrawal-sorts-first", "withdrawal-last"])
def test_a_withdrawal_in_another_folder_withholds_the_request(
    folder: str, good_dir: Path, warehouse: Path, tmp_path: Path
) -> None:
    """Files are read in the order of their names, so the withdrawal may be the row that loads or the duplicate."""
    other = tmp_path / folder
    other.mkdir()
    withdrawal = write_csv(other, "requests", [request(good_dir, "R-KAZ-1", consent_to_publish="false")])
    consented = good_dir / "requests.csv"

    result = run_etl(good_dir, other, warehouse=warehouse)

    if folder.startswith("a"):  # the withdrawal loads, the consented row is the duplicate
        loaded, duplicate, expected = withdrawal, consented, [
            (label(consented), 2, "consent_to_publish", "true", "agreement",
             disagreement("'true'", withdrawal, 2, "'false'", "R-KAZ-1")),
        ]  # fmt: skip
    else:
        loaded, duplicate, expected = consented, withdrawal, [
            (label(withdrawal), 2, "consent_to_publish", "false", "agreement",
             disagreement("'false'", consented, 2, "'true'", "R-KAZ-1")),
        ]  # fmt: skip
    expected.append(
        (label(duplicate), 2, "request_id", "R-KAZ-1", "unique",
         f"duplicate key request_id = 'R-KAZ-1': first seen in {label(loaded)} row 2"),
    )  # fmt: skip
    assert sorted(reported(warehouse)) == sorted(expected)
    assert query(warehouse, "select loaded_from from core.requests where request_id = 'R-KAZ-1'") == [(label(loaded),)]
    assert_kaz_withheld(warehouse)
    # reported wherever rejects are: the report beside the warehouse and the run's summary
    with rejects_report_path(warehouse).open(encoding="utf-8", newline="") as handle:
        assert [r["rule"] for r in csv.DictReader(handle)].count("agreement") == 1
    assert expected[0][-1] in summary(result)
    # the duplicate is the one rejected row; the row that loads is not counted as rejected
    assert result.rows_rejected == 1
    assert query(warehouse, "select sum(rows_rejected) from meta.load_files where table_name = 'requests'") == [(1,)]


def test_a_withdrawal_in_the_same_file_withholds_the_request(good_dir: Path, warehouse: Path) -> None:
    rows = read_csv(good_dir, "requests")
    path = write_csv(good_dir, "requests", [*rows, request(good_dir, "R-KAZ-1", consent_to_publish="false")])
    row = len(rows) + 2

    run_etl(good_dir, warehouse=warehouse)

    assert reported(warehouse) == [
        (label(path), row, "consent_to_publish", "false", "agreement",
         disagreement("'false'", path, 2, "'true'", "R-KAZ-1")),
        (label(path), row, "request_id", "R-KAZ-1", "unique",
         f"duplicate key request_id = 'R-KAZ-1': first seen in {label(path)} row 2"),
    ]  # fmt: skip
    assert_kaz_withheld(warehouse)


def test_one_dissent_among_three_rows_withholds_and_only_the_dissent_is_reported(
    good_dir: Path, warehouse: Path, tmp_path: Path
) -> None:
    rows = read_csv(good_dir, "requests")
    path = write_csv(good_dir, "requests", [*rows, request(good_dir, "R-KAZ-1", consent_to_publish="no")])
    other = tmp_path / "z-later"
    other.mkdir()
    third = write_csv(other, "requests", [request(good_dir, "R-KAZ-1", consent_to_publish="yes")])

    run_etl(good_dir, other, warehouse=warehouse)

    assert [(f, r, c, rule) for f, r, c, _v, rule, _reason in reported(warehouse)] == [
        (label(path), len(rows) + 2, "consent_to_publish", "agreement"),
        (label(path), len(rows) + 2, "request_id", "unique"),
        (label(third), 2, "request_id", "unique"),
    ]
    assert rejects(warehouse)[0]["reason"] == disagreement("'no'", path, 2, "'true'", "R-KAZ-1")
    assert_kaz_withheld(warehouse)


def test_a_withdrawal_on_a_row_rejected_for_a_bad_date_still_withholds(good_dir: Path, warehouse: Path) -> None:
    """The State's 'no' stands even on a row with another fault: counting it can only withhold."""
    rows = read_csv(good_dir, "requests")
    bad = request(good_dir, "R-KAZ-1", consent_to_publish="false", received_date="2012-02-30")
    path = write_csv(good_dir, "requests", [*rows, bad])
    row = len(rows) + 2

    run_etl(good_dir, warehouse=warehouse)

    assert reported(warehouse) == [
        (label(path), row, "consent_to_publish", "false", "agreement",
         disagreement("'false'", path, 2, "'true'", "R-KAZ-1")),
        (label(path), row, "received_date", "2012-02-30", "type",
         "received_date '2012-02-30' is not a date (write YYYY-MM-DD, or DD.MM.YYYY)"),
    ]  # fmt: skip
    assert_kaz_withheld(warehouse)


def test_a_consent_on_a_rejected_row_cannot_publish_a_withheld_request(good_dir: Path, warehouse: Path) -> None:
    rows = read_csv(good_dir, "requests")  # R-TKM-1 (row 4) is not consented
    bad = request(good_dir, "R-TKM-1", consent_to_publish="true", received_date="2014-02-30")
    path = write_csv(good_dir, "requests", [*rows, bad])

    run_etl(good_dir, warehouse=warehouse)

    assert [(r["source_row"], r["column_name"], r["rule"], r["reason"]) for r in rejects(warehouse)] == [
        (len(rows) + 2, "consent_to_publish", "agreement", disagreement("'true'", path, 4, "'false'", "R-TKM-1")),
        (len(rows) + 2, "received_date", "type",
         "received_date '2014-02-30' is not a date (write YYYY-MM-DD, or DD.MM.YYYY)"),
    ]  # fmt: skip
    assert ("R-TKM-1", False) in consent(warehouse)
    assert query(public_path(warehouse), "select count(*) from core.requests where request_id = 'R-TKM-1'") == [(0,)]
    assert query(public_path(warehouse), "select requests from core.withheld") == [(1,)]


@pytest.mark.parametrize(("value", "shown"), [("", "empty"), ("maybe", "'maybe'")])
def test_a_duplicate_without_a_clear_yes_withholds(value: str, shown: str, good_dir: Path, warehouse: Path) -> None:
    rows = read_csv(good_dir, "requests")
    path = write_csv(good_dir, "requests", [*rows, request(good_dir, "R-KAZ-1", consent_to_publish=value)])

    run_etl(good_dir, warehouse=warehouse)

    agreement = [r for r in rejects(warehouse) if r["rule"] == "agreement"]
    assert [(r["source_row"], r["value"], r["reason"]) for r in agreement] == [
        (len(rows) + 2, value, disagreement(shown, path, 2, "'true'", "R-KAZ-1"))
    ]
    assert_kaz_withheld(warehouse)


@pytest.mark.parametrize("value", ["true", "yes", "да"])
def test_duplicates_that_agree_are_only_duplicates(value: str, good_dir: Path, warehouse: Path) -> None:
    rows = read_csv(good_dir, "requests")
    write_csv(good_dir, "requests", [*rows, request(good_dir, "R-KAZ-1", consent_to_publish=value)])

    run_etl(good_dir, warehouse=warehouse)

    assert [r["rule"] for r in rejects(warehouse)] == ["unique"]
    assert_kaz_published(warehouse)


def test_an_id_in_other_letter_case_is_taken_as_the_same_request(good_dir: Path, warehouse: Path) -> None:
    """The key check tells 'r-kaz-1' from 'R-KAZ-1' (both load); for consent, the cautious reading is the same."""
    rows = read_csv(good_dir, "requests")
    path = write_csv(
        good_dir, "requests", [*rows, request(good_dir, "R-KAZ-1", request_id=" r-kaz-1 ", consent_to_publish="false")]
    )

    result = run_etl(good_dir, warehouse=warehouse)

    assert reported(warehouse) == [
        (label(path), len(rows) + 2, "consent_to_publish", "false", "agreement",
         disagreement("'false'", path, 2, "'true'", "r-kaz-1")),
    ]  # fmt: skip
    assert [r for r in consent(warehouse) if r[0].lower() == "r-kaz-1"] == [("R-KAZ-1", False), ("r-kaz-1", False)]
    assert query(public_path(warehouse), "select count(*) from core.requests where lower(request_id) = 'r-kaz-1'") == [
        (0,)
    ]
    assert result.rows_rejected == 0  # both rows loaded: the disagreement is reported, not a rejected row


def test_strict_fails_on_a_consent_disagreement(good_dir: Path, warehouse: Path, published: str) -> None:
    before = query(warehouse, "select run_id from meta.load_runs")
    rows = read_csv(good_dir, "requests")
    # other letter case: both rows load, so the disagreement is the only problem of the run
    write_csv(good_dir, "requests", [*rows, request(good_dir, "R-KAZ-1", request_id="r-kaz-1", consent_to_publish="0")])

    with pytest.raises(StrictModeError) as failure:
        run_etl(good_dir, warehouse=warehouse, strict=True)

    assert [reason for *_where, reason in failure.value.sample] == [
        disagreement("'0'", good_dir / "requests.csv", 2, "'true'", "r-kaz-1")
    ]
    assert query(warehouse, "select run_id from meta.load_runs") == before == [(published,)]
