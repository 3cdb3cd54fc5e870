"""The measures catalogue, the figure declarations and the two generated documents agree with the code.

docs/MEASURES.md and docs/LINEAGE.md are regenerated and compared; every measure has its words and is computed by the
column its entry names; its source columns exist and are read by its macro; every figure a page declares names known
measures and queries, and every page query is declared by a figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import warehouse
from dashboard.figures import FIGURES
from dashboard.i18n import catalogue as messages
from dashboard.measures import definitions
from dashboard.measures.catalogue import catalogue
from dashboard.measures.docs import lineage_markdown, measures_markdown
from dashboard.measures.lineage import QUERY_DIR, core_tables, macro_tables, query_reads
from etl.contract import TABLES_BY_NAME

ROOT = Path(__file__).resolve().parents[2]


def test_docs_measures_md_is_current() -> None:
    written = (ROOT / "docs" / "MEASURES.md").read_text(encoding="utf-8")
    assert written == measures_markdown(), "docs/MEASURES.md is out of date: run `make measures`"


def test_docs_lineage_md_is_current() -> None:
    written = (ROOT / "docs" / "LINEAGE.md").read_text(encoding="utf-8")
    assert written == lineage_markdown(), "docs/LINEAGE.md is out of date: run `make measures`"


def test_every_measure_has_a_unique_name_and_a_definition_and_no_words_are_left_over() -> None:
    keys = set(catalogue())
    words = {k.split(".", 1)[1] for k in messages() if k.startswith("measures.")}
    assert words == keys | {f"{key}_definition" for key in keys}
    names = [m.name() for m in catalogue().values()]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.fixture(scope="module")
def cursor(fixture_warehouse: Path):
    connection = warehouse.open_readonly(str(fixture_warehouse))
    cursor = connection.cursor()
    cursor.execute(f"set search_path = '{warehouse.SEARCH_PATH}'")
    return cursor


def macro_columns(cursor, name: str) -> set[str]:
    """The columns a macro returns, from DuckDB itself (its parameters given neutral values)."""
    sql = definitions_sql(name)
    names = sql[sql.index("(") + 1 : sql.index(")")].replace("\n", " ").split(",")
    values = {
        "p_start": "date '2000-01-01'",
        "p_end": "date '2000-01-02'",
        "p_as_of": "date '2000-01-02'",
        "p_since": "date '2000-01-01'",
        "p_synthetic": "true",
        "p_group": "'all'",
        "p_dim": "'area'",
        "p_months": "24",
        "p_w_unmet": "1",
        "p_w_jpoa": "1",
        "p_w_months": "1",
    }
    args = ", ".join(values.get(n.strip(), "[]") for n in names)
    return {d[0] for d in cursor.execute(f"select * from {name}({args}) limit 0").description}


def definitions_sql(name: str) -> str:
    from dashboard.measures.lineage import macro_bodies

    return macro_bodies()[name]


def test_every_measure_is_a_column_of_its_macro(cursor) -> None:
    for item in catalogue().values():
        assert item.macro in definitions(), item.key
        assert item.column in macro_columns(cursor, item.macro), f"{item.key}: no {item.column} in {item.macro}"


def test_source_columns_exist_and_are_read_by_the_macro() -> None:
    for item in catalogue().values():
        read = set(core_tables(macro_tables(item.macro)))
        assert item.sources, item.key
        for source in item.sources:
            table, column = source.split(".", 1)
            assert column in {c.name for c in TABLES_BY_NAME[table].columns}, f"{item.key}: {source} not in contract"
            assert table in read, f"{item.key}: {item.macro} does not read {table}"


def test_figures_name_known_measures_and_queries() -> None:
    for page, figures in FIGURES.items():
        assert (ROOT / "pages" / f"{page}.py").exists(), page
        for figure in figures.values():
            assert figure.page == page
            assert set(figure.measures) <= set(catalogue()), figure.name
            for name in figure.queries:
                assert name.startswith(f"{page}_"), f"{figure.name}: {name} is not named after the page"
                assert (QUERY_DIR / f"{name}.sql").exists(), name


def test_every_query_is_declared_by_a_figure_or_shared() -> None:
    declared = {name for figures in FIGURES.values() for figure in figures.values() for name in figure.queries}
    files = {path.stem for path in QUERY_DIR.glob("*.sql")}
    assert files - declared == {name for name in files if name.startswith("shared_")}
    assert declared <= files


def test_measured_numbers_come_only_through_the_macros() -> None:
    """A page query may read marts and core tables for records (names, dates, texts), but a query that counts must
    call a measure macro: no page query reads the marts the measure layer judges from and also aggregates them."""
    judged_from = {"mart.request_pipeline", "mart.request_item_facts", "mart.match_facts", "mart.event_facts"}
    for path in QUERY_DIR.glob("*.sql"):
        reads = query_reads(path.stem)
        text = path.read_text(encoding="utf-8").lower()
        counting = any(word in text for word in ("count(", "sum(", "avg(", "median(", "quantile"))
        if reads.tables & judged_from and counting:
            pytest.fail(f"{path.name} counts rows of {sorted(reads.tables & judged_from)} itself")
