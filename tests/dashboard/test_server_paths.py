"""The public view names no path on the server: not in the missing- or old-warehouse messages, not in any table or
download. The internal view (signed-in experts who run the dashboard) keeps them: they say where to look.

Everything a page sends is scanned as bytes (every element proto, tables included, and every CSV a download button
would serve) for the directories involved: the warehouse's and the source files' (the fixture set is loaded from its
absolute path, so the load records hold it).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.navigation import pages_for
from tests.conftest import FIXTURES
from tests.dashboard.conftest import APP, Downloads, all_protos

HIDDEN_DIR = "srv-secret-layout"  # a directory name that must never reach a public page


@pytest.fixture
def downloads(clicked_downloads: Downloads) -> Iterator[list[bytes]]:
    """Every file a download button would serve when clicked during the test (each built only on the click)."""
    yield clicked_downloads.files


def open_page(stem: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    if stem != "overview":
        at.switch_page(f"pages/{stem}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sent(at: AppTest) -> bytes:
    return b"\n".join(proto.SerializeToString() for proto in all_protos(at._tree))


def paths_in(blob: bytes, *paths: Path | str) -> list[str]:
    return [str(p) for p in paths if str(p).encode() in blob]


def message_of(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.fixture
def hidden(tmp_path: Path) -> Path:
    folder = tmp_path / HIDDEN_DIR
    folder.mkdir()
    return folder


def test_public_missing_warehouse_names_no_path(hidden: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_PUBLIC_WAREHOUSE", str(hidden / "warehouse.public.duckdb"))
    for spec in pages_for("public"):
        at = open_page(spec.stem)
        assert [e.value for e in at.error] == ["The data warehouse has not been built yet."]
        assert "No public warehouse was found." in message_of(at)
        assert not paths_in(sent(at), HIDDEN_DIR, hidden.parent), spec.stem


def test_internal_missing_warehouse_names_its_path(hidden: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(hidden / "warehouse.duckdb"))
    at = open_page("overview")
    assert "No internal warehouse was found at " in message_of(at)
    assert "srv\\-secret\\-layout" in message_of(at)  # markdown-escaped, like any text the page did not write


def test_public_unreadable_warehouse_names_no_path(hidden: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = hidden / "warehouse.public.duckdb"
    broken.write_bytes(b"not a database" * 100)
    monkeypatch.setenv("DASHBOARD_PUBLIC_WAREHOUSE", str(broken))
    at = open_page("overview")
    # the file exists: "not built yet" would mislead (issue 15); the message still names no server path
    assert [e.value for e in at.error] == ["The data warehouse file cannot be read: it is damaged or incomplete."]
    assert not paths_in(sent(at), HIDDEN_DIR, hidden.parent)


def old_copy(fixture_warehouse: Path, folder: Path, name: str) -> Path:
    old = folder / name
    shutil.copy(fixture_warehouse, old)
    with duckdb.connect(str(old)) as con:
        con.execute("update meta.load_runs set etl_version = '1.0'")
    return old


def test_public_old_warehouse_names_no_path(fixture_warehouse: Path, hidden: Path, monkeypatch) -> None:
    public = old_copy(fixture_warehouse.with_name("fixture.public.duckdb"), hidden, "warehouse.public.duckdb")
    monkeypatch.setenv("DASHBOARD_PUBLIC_WAREHOUSE", str(public))
    at = open_page("overview")
    assert [e.value for e in at.error] == ["The data warehouse was built by another version of the ETL."]
    assert "The public warehouse has format 1\\.0; this dashboard reads format 1.2" in message_of(at)
    assert not paths_in(sent(at), HIDDEN_DIR, hidden.parent)


def test_internal_old_warehouse_names_its_path(fixture_warehouse: Path, hidden: Path, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(old_copy(fixture_warehouse, hidden, "warehouse.duckdb")))
    at = open_page("overview")
    assert "srv\\-secret\\-layout" in message_of(at) and "has format 1\\.0" in message_of(at)


def test_public_pages_and_downloads_name_no_server_path(fixture_warehouse: Path, downloads: list[bytes]) -> None:
    """The load records hold the source files' absolute paths: the public view shows the file names only."""
    where = (FIXTURES, fixture_warehouse.parent)
    for spec in pages_for("public"):
        at = open_page(spec.stem)
        assert not paths_in(sent(at), *where), f"public {spec.stem} shows a server path"
    assert downloads, "no download was offered: the scan would be vacuous"
    assert not [paths_in(file, *where) for file in downloads if paths_in(file, *where)]
    files = next(table.value for table in open_page("load_details").dataframe if "sha256" in table.value.columns)
    assert "actors.csv" in set(files["path"])


def test_internal_load_details_keep_the_source_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    assert paths_in(sent(open_page("load_details")), FIXTURES) == [str(FIXTURES)]
