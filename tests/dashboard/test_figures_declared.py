"""The figure declarations (dashboard/figures.py) that docs/LINEAGE.md is generated from cannot drift from the pages.

Every page is rendered (AppTest, both views, defaults and the variations that make each conditional figure appear)
while recording each figure drawn through dashboard/ui/blocks.py and each named query run. A figure drawn must have
run the queries it declares; a page query run must be declared by a figure of that page; every declared figure must
be drawn in some visit; and every key figure's help text is its measure's definition in the catalogue.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import warehouse
from dashboard.figures import DATA_QUALITY_INTERNAL, DATA_QUALITY_ON_CLICK, FIGURES, Figure
from dashboard.measures.catalogue import catalogue
from dashboard.ui import blocks
from etl.load import run
from tests.conftest import FIXED_TODAY, FIXTURES
from tests.dashboard.conftest import APP, clear_caches

VISITS: dict[str, list[dict[str, str]]] = {
    "overview": [{}, {"from": "2011-08-01", "to": "2011-09-01"}],
    "coverage_map": [{}, {"focus": "KGZ"}],
    "pillar_progress": [{}],
    "assistance_pipeline": [{}, {"from": "2011-07-21", "to": "2015-12-01"}],
    "state_profile": [{"state": "KAZ"}, {"state": "KGZ"}],
    "request_register": [{}],
    "meetings": [{}, {"event": "EV-ALMATY-2011"}],
    "load_details": [{}],
    "data_quality": [{}],
    "funder_outputs": [{}],
    "workshop_planner": [{}, {"from": "2011-08-01", "to": "2011-09-01"}],
}


class Recorder:
    def __init__(self) -> None:
        self.figures: list[Figure] = []
        self.queries: list[str] = []


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    seen = Recorder()
    original = warehouse._run

    def run(ident, name, params):  # noqa: ANN001, ANN202 - the wrapped function's own signature
        seen.queries.append(name)
        return original(ident, name, params)

    monkeypatch.setattr(warehouse, "_run", run)
    monkeypatch.setattr(blocks, "_shown", seen.figures.append)
    return seen


def visit(stem: str, query: dict[str, str], seen: Recorder | None = None) -> AppTest:
    """The page opened with the URL parameters; what it drew and ran recorded from its own run only."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if stem != "overview":
        at.switch_page(f"pages/{stem}.py")
        for key, value in query.items():
            at.query_params[key] = value
        if seen:
            seen.figures.clear()
            seen.queries.clear()
        clear_caches()  # a cached result would hide the query from the recorder
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def rejects_warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture set with one row the validation rejects, so the Data & sources page lists rejects."""
    source = Path(shutil.copytree(FIXTURES, tmp_path / "source"))
    with (source / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write("EV-BAD,Bad date,workshop,2011-13-45,,day,Almaty,KAZ,,,,,,,,,,confirmed,false\n")
    path = tmp_path / "rejects.duckdb"
    run([source], path, today=FIXED_TODAY)
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(path))
    clear_caches()
    return path


def check_visit(stem: str, seen: Recorder, drawn: dict[str, set[str]]) -> None:
    declared = FIGURES[stem]
    page_queries = {name for name in seen.queries if not name.startswith("shared_")}
    undeclared = page_queries - {q for figure in declared.values() for q in figure.queries}
    assert not undeclared, f"{stem} ran queries no figure declares: {sorted(undeclared)}"
    for figure in seen.figures:
        assert figure.page == stem, f"{stem} drew {figure.name}"
        assert set(figure.queries) <= set(seen.queries), f"{figure.name} drawn without running {figure.queries}"
        drawn[stem].add(figure.key)


@pytest.mark.parametrize("view", ["public", "internal"])
def test_pages_draw_exactly_the_figures_they_declare(view: str, recorder: Recorder, monkeypatch) -> None:
    from dashboard import settings

    if view == "internal":
        monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    drawn: dict[str, set[str]] = defaultdict(set)
    for stem, queries in VISITS.items():
        if stem == "request_register" and view == "public":
            continue
        for query in queries:
            recorder.figures.clear()
            recorder.queries.clear()
            clear_caches()
            visit(stem, query, recorder)
            check_visit(stem, recorder, drawn)
    monkeypatch.setattr(settings, "TIMELINE_MAX_EVENTS", 1)  # the monthly timeline instead of single events
    recorder.figures.clear()
    recorder.queries.clear()
    clear_caches()
    visit("overview", {})
    check_visit("overview", recorder, drawn)
    expected = {stem: set(figures) for stem, figures in FIGURES.items()}
    expected["load_details"] -= {"rejects"}  # the fixture has none: see the test below
    # The fixture has no possible duplicate nor orphan: tests/dashboard/test_data_quality.py draws them.
    expected["data_quality"] -= {"duplicates", "orphans"}
    if view == "public":
        expected.pop("request_register")
        expected["data_quality"] -= set(DATA_QUALITY_INTERNAL)
    else:
        expected["data_quality"] -= {"history"}  # the internal view draws history_internal instead
        # the rows behind a number are drawn on its click: tests/dashboard/test_data_quality.py clicks each
        expected["data_quality"] -= set(DATA_QUALITY_ON_CLICK)
    assert {stem: drawn[stem] for stem in expected} == expected


def test_the_rejects_table_is_declared_too(recorder: Recorder, rejects_warehouse: Path, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    visit("load_details", {}, recorder)
    assert "rejects" in {f.key for f in recorder.figures}
    check_visit("load_details", recorder, defaultdict(set))


@pytest.mark.parametrize(("stem", "query"), [("overview", {}), ("state_profile", {}), ("request_register", {})])
def test_every_key_figure_is_explained_by_its_catalogue_definition(stem: str, query: dict, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    at = visit(stem, query)
    by_name = {m.name(): m for m in catalogue().values()}
    assert at.metric
    for metric in at.metric:
        assert metric.proto.help == by_name[metric.label].definition(7), (stem, metric.label)
