"""The load harness's protocol client receives what a real browser receives, page by page, in both views.

For each page of a view: the browser harness (tests/benchmarks/browser_bench.py) opens it cold in a new context and
chooses one State in the States filter; the protocol client (tests/benchmarks/protocol_client.py) does the same in a
new session. Both must get the same elements (every type, with its count), the browser must hold and draw as many
charts and tables as the client received, and both must count the same websocket bytes for the run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.benchmarks import browser_bench, servers, wire
from tests.benchmarks.protocol_client import Run, Session, run_sync

pytestmark = pytest.mark.browser

NOTHING_DRAWN_BEFORE_INPUT = ("data_import",)
# Every page a public session has, and the pages only the internal view adds.
CASES = [("public", p) for p in servers.page_paths("public")] + [
    ("internal", p) for p in servers.page_paths("internal") if p not in servers.page_paths("public")
]


@pytest.fixture(scope="module")
def bench_servers(fixture_warehouse: Path, chromium: str) -> Iterator[dict[str, str]]:
    with (
        servers.serve(servers.APP, servers.server_env(fixture_warehouse, "public")) as public,
        servers.serve(servers.APP, servers.server_env(fixture_warehouse, "internal")) as internal,
    ):
        urls = {"public": public.url, "internal": internal.url}
        for url in urls.values():  # a fresh server's first run reruns once (ui._leave_legacy_routing): not compared
            run_sync(client_runs(url, ""))
        yield urls


async def client_runs(base: str, path: str) -> tuple[list[Run], str | None]:
    """Cold open, then the first State the filter offers (None where the page has no States filter)."""
    async with Session(base, timeout=60) as session:
        opened = await session.open(path)
        options = session.options(servers.states_label())
        if not options:
            return [opened], None
        return [opened, await session.choose(servers.states_label(), [options[0]])], options[0]


@pytest.mark.parametrize(("view", "path"), CASES, ids=[f"{v}-{p or 'default'}" for v, p in CASES])
def test_protocol_client_receives_what_the_browser_receives(
    browser: Any, bench_servers: dict[str, str], view: str, path: str
) -> None:
    base = bench_servers[view]
    client, state = run_sync(client_runs(base, path))
    seen = browser_bench.measure_page(browser, base, path, state or servers.DEFAULT_STATE, timeout=60)

    assert [r.kind for r in seen] == ["cold", "filter"][: len(client)], "the browser and the client disagree on filters"
    for in_browser, in_client in zip(seen, client, strict=True):
        assert in_browser.errors == [], in_browser.errors
        assert in_client.errors == [], in_client.errors
        assert in_browser.seconds is not None and in_browser.seconds > 0
        assert in_browser.element_types == dict(in_client.page_state.element_types())
        expected = {wire.DRAWN[t]: n for t, n in in_client.page_state.drawn().items()}
        # the import page draws an uploader until files are checked: nothing drawn is the right answer there
        assert expected or path in NOTHING_DRAWN_BEFORE_INPUT, f"/{path}: no chart or table at all: nothing to compare"
        assert {k: v for k, v in in_browser.drawn.items() if v} == expected
        # The same run, the same payload (a few bytes of query string and widget ids may differ).
        assert abs(in_browser.ws_bytes - in_client.ws_bytes) <= 0.02 * in_client.ws_bytes + 64
