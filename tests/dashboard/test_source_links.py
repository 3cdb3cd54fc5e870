"""Only http(s) sources are links; anything else a source field holds is plain text (AppTest, both views).

The ETL refuses source URLs with other schemes, but the app must not rely on it: an older or hostile warehouse may
hold javascript:, data: or a document symbol such as UNIS/INF/393. This test writes such values straight into a
copy of the fixture warehouse (both files) and checks every table a page shows: each cell of a link column is an
http(s) address or empty, each link button points at one, and the other values are shown in a text column.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import text
from dashboard.navigation import pages_for
from tests.dashboard.conftest import APP, all_protos, clear_caches

NOT_LINKS = (
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "UNIS/INF/393",
    " JAVASCRIPT:alert(document.domain)",
    "vbscript:msgbox(1)",
)
GOOD = "https://example.org/fine"
STATES = ("KAZ", "KGZ", "TJK", "TKM", "UZB")


def rewrite_sources(path: Path) -> int:
    """Every source_url of every table in the file, cycling through the values above and one good address."""
    values = [*NOT_LINKS, GOOD]
    changed = 0
    with duckdb.connect(str(path)) as con:
        tables = con.execute(
            """select c.table_schema, c.table_name from information_schema.columns c
               join information_schema.tables t using (table_catalog, table_schema, table_name)
               where c.column_name = 'source_url' and t.table_type = 'BASE TABLE'"""
        ).fetchall()
        for schema, table in tables:
            con.execute(
                f'update "{schema}"."{table}" set source_url = list_extract($values, 1 + (rowid % $n)::integer)',
                {"values": values, "n": len(values)},
            )
            changed += con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()[0]
    return changed


@pytest.fixture
def odd_sources(fixture_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    internal = tmp_path / "odd.duckdb"
    public = tmp_path / "odd.public.duckdb"
    shutil.copy(fixture_warehouse, internal)
    shutil.copy(fixture_warehouse.with_name("fixture.public.duckdb"), public)
    assert rewrite_sources(internal) > 20 and rewrite_sources(public) > 20
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(internal))
    clear_caches()
    return internal


def open_page(stem: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if stem != "overview":
        at.switch_page(f"pages/{stem}.py")
        for key, value in (query or {}).items():
            at.query_params[key] = value
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


#: The dashboard's own links between pages (the Meetings & workshops page opened on one event), the id quoted.
OWN_LINK = re.compile(r"meetings\?event=[A-Za-z0-9._~%-]+")


def own_link(cell: object) -> bool:
    return isinstance(cell, str) and OWN_LINK.fullmatch(cell) is not None


def empty(cell: object) -> bool:
    return cell is None or (not isinstance(cell, str) and bool(pd.isna(cell)))


def link_and_text_cells(at: AppTest, where: str) -> tuple[list[object], set[str]]:
    """The cells of every link column, and every string cell of the other columns, of every table on the page."""
    links: list[object] = []
    texts: set[str] = set()
    for table in at.dataframe:
        config = json.loads(table.proto.columns or "{}")
        frame = table.value
        for column in frame.columns:
            kind = (config.get(str(column)) or {}).get("type_config", {}).get("type")
            cells = list(frame[column])
            if kind == "link":
                links += cells
            else:
                texts |= {cell for cell in cells if isinstance(cell, str)}
    for button in at.get("link_button"):
        links.append(button.proto.url)
    return links, texts


@pytest.mark.parametrize("view", ["public", "internal"])
def test_only_web_addresses_are_links(view: str, odd_sources: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if view == "internal":
        monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    visits = [(spec.stem, {}) for spec in pages_for(view)] + [("state_profile", {"state": s}) for s in STATES]
    all_links: list[object] = []
    shown_as_text: set[str] = set()
    for stem, query in visits:
        at = open_page(stem, query)
        links, texts = link_and_text_cells(at, stem)
        bad = [link for link in links if not empty(link) and text.web_link(link) != link and not own_link(link)]
        assert not bad, f"{view} {stem} {query}: link cells that are not http(s) addresses: {bad}"
        all_links += links
        shown_as_text |= texts
        assert all_protos(at._tree)
    assert GOOD in all_links, "no source link was seen: the scan would be vacuous"
    assert set(NOT_LINKS) <= shown_as_text, f"not shown as text: {set(NOT_LINKS) - shown_as_text}"
