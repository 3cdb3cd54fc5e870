"""The data dictionary, the fixtures and the vocabularies agree with the contract."""

from __future__ import annotations

import csv

from etl.contract import TABLES, TABLES_BY_NAME, VOCABULARIES
from etl.dictionary import dictionary
from tests.etl.conftest import GOOD, GOOD_COUNTS, ROOT


def test_the_data_dictionary_is_generated_from_the_contract() -> None:
    written = (ROOT / "docs" / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert written == dictionary(), "docs/DATA_DICTIONARY.md is out of date: run `make dictionary`"


def test_every_contract_table_has_a_good_fixture_with_the_contract_header() -> None:
    assert sorted(p.stem for p in GOOD.glob("*.csv")) == sorted(t.name for t in TABLES) == sorted(GOOD_COUNTS)
    for table in TABLES:
        with (GOOD / f"{table.name}.csv").open(encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == [c.name for c in table.columns], table.name


def test_every_vocabulary_and_reference_a_column_names_exists() -> None:
    for table in TABLES:
        for column in table.columns:
            if column.allowed:
                assert VOCABULARIES.get(column.allowed), f"{table.name}.{column.name}: {column.allowed}"
            if column.references:
                parent, key = column.references.split(".")
                assert parent in TABLES_BY_NAME, f"{table.name}.{column.name}: {column.references}"
                assert key in [c.name for c in TABLES_BY_NAME[parent].columns], column.references
                assert TABLES_BY_NAME[parent].key == (key,), f"{column.references} is not its table's key"
    for table in TABLES:
        for name in table.key:
            assert table.column(name).required, f"{table.name}.{name}: a key column must be required"


#: Tables that hold only demonstration data so far: their example ids are the generator's (REQ-KGZ-2014-01 ...).
DEMO_ONLY_TABLES = ("requests", "request_items", "offers", "matches", "action_items", "action_item_status")


def test_no_example_shows_a_demo_record_as_a_confirmed_fact() -> None:
    for name in DEMO_ONLY_TABLES:
        table = TABLES_BY_NAME[name]
        examples = {c: table.column(c).example for c in ("source_url", "confidence", "is_synthetic")}
        assert examples == {
            "source_url": "synthetic:etl.synth seed=1540",
            "confidence": "synthetic",
            "is_synthetic": "true",
        }, name
        texts = [c.example for c in table.columns if c.name in ("title", "summary", "description", "note", "feedback")]
        assert all(text.startswith("Demo: ") for text in texts), (name, texts)


def test_the_example_sources_of_sourced_tables_are_listed_in_the_shipped_sources() -> None:
    with (ROOT / "data" / "reference" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        listed = {row["source_url"] for row in csv.DictReader(handle)}
    for table in TABLES:
        if table.name not in DEMO_ONLY_TABLES and any(c.name == "source_url" for c in table.columns):
            assert table.column("source_url").example in listed, table.name
