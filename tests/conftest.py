"""Shared test fixtures: one small deterministic warehouse built by the real ETL from tests/fixtures/good."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "good"
FIXED_TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="session")
def fixture_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture set loaded by the real ETL into a fresh warehouse (built once per test session)."""
    from etl.load import run

    path = tmp_path_factory.mktemp("warehouse") / "fixture.duckdb"
    run([FIXTURES], path, today=FIXED_TODAY)
    return path


@pytest.fixture(scope="session")
def shipped_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped reference + demo data loaded by the real ETL (what `make run` serves)."""
    from etl.load import run
    from etl.settings import DEMO_DIR, REFERENCE_DIR

    path = tmp_path_factory.mktemp("shipped") / "shipped.duckdb"
    run([REFERENCE_DIR, DEMO_DIR], path, today=FIXED_TODAY)
    return path
