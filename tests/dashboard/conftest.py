"""Dashboard tests read the fixture warehouse through DASHBOARD_WAREHOUSE, with Streamlit caches cleared."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import streamlit as st

APP = Path(__file__).resolve().parents[2] / "app.py"


def all_protos(node) -> list:
    """Every element proto under a node of the AppTest tree (main area and sidebar)."""
    found = []
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "SerializeToString"):
        found.append(proto)
    for child in getattr(node, "children", {}).values():
        found.extend(all_protos(child))
    return found


def clear_caches() -> None:
    from dashboard import warehouse

    st.cache_data.clear()
    st.cache_resource.clear()
    warehouse.clear_shared_caches()


@pytest.fixture(autouse=True)
def use_fixture_warehouse(fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every dashboard test reads the fixture warehouse unless it points DASHBOARD_WAREHOUSE elsewhere."""
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(fixture_warehouse))
    monkeypatch.delenv("DASHBOARD_PUBLIC_WAREHOUSE", raising=False)
    monkeypatch.delenv("DASHBOARD_LOCAL_INTERNAL", raising=False)  # the public view unless a test asks otherwise
    clear_caches()
    yield fixture_warehouse
    clear_caches()


@pytest.fixture
def use_shipped_warehouse(shipped_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Opt in: read the shipped reference + demo warehouse instead."""
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(shipped_warehouse))
    clear_caches()
    return shipped_warehouse


@pytest.fixture(scope="session")
def hostile_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/good with markdown, HTML and image payloads in every free-text column, through the real ETL."""
    from tests.dashboard.hostile import build_hostile_warehouse

    source = tmp_path_factory.mktemp("hostile_source")
    return build_hostile_warehouse(source, tmp_path_factory.mktemp("hostile") / "hostile.duckdb")


@pytest.fixture
def use_hostile_warehouse(hostile_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Opt in: read the hostile warehouse (tests/dashboard/hostile.py) instead."""
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(hostile_warehouse))
    clear_caches()
    return hostile_warehouse


@pytest.fixture
def internal_view(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in: the internal view, through the documented laptop setting (sign-in itself is tested in the browser
    and with AppTest.user in test_access_pages.py)."""
    monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")


def run_page(page: str, query: dict[str, str] | None = None, timeout: float = 30):
    """AppTest of app.py switched to pages/<page>.py, with URL query parameters set before the first run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        at.run()
    return at


@dataclass
class Downloads:
    """What the download buttons of the pages run during a test would serve, and whether each was deferred."""

    files: list[bytes] = field(default_factory=list)
    eager: list[str] = field(default_factory=list)  # file names of buttons given their bytes on the run itself


@pytest.fixture
def clicked_downloads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Downloads]:
    """Click every download button as it is drawn: a deferred one (a callable, built only when a person clicks) is
    called here, so the file a click would serve is what the test reads (AppTest has no server to serve it)."""
    seen = Downloads()
    original = st.download_button

    def clicking(label: str, data: object, *args: object, **kwargs: object) -> object:
        if callable(data):
            seen.files.append(data())
        else:
            seen.eager.append(str(kwargs.get("file_name")))
            seen.files.append(data if isinstance(data, bytes) else str(data).encode())
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", clicking)
    yield seen


@pytest.fixture(name="run_page")
def run_page_fixture():
    """`run_page("coverage_map", {"states": "KAZ"})` -> a finished AppTest of that page."""
    return run_page
