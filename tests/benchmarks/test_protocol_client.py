"""The load harness's websocket client against a tiny app on a real `streamlit run` server: it must see a run finish,
receive the page's elements, change a widget the way a browser does and see the page change, follow navigation by
page hash, resolve big elements sent by reference, and report what a browser would show as broken."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.benchmarks import servers, wire
from tests.benchmarks.protocol_client import Session, run_sync

LABEL = "States"
BIG = 30_000  # characters: above Streamlit's 10 kB threshold for sending an element once per session

TINY_APP = f"""
import streamlit as st

def home():
    picked = st.sidebar.multiselect({LABEL!r}, ["Kazakhstan", "Kyrgyzstan", "Boom"])
    st.markdown("picked: " + (", ".join(picked) or "none"))
    if "Boom" in picked:
        raise ValueError("boom")

def big():
    st.sidebar.multiselect({LABEL!r}, ["Kazakhstan", "Kyrgyzstan"])
    st.markdown("x" * {BIG})
    st.dataframe({{"a": [1, 2, 3]}})

st.navigation([st.Page(home, default=True), st.Page(big, url_path="big")]).run()
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("tiny_app")
    app = folder / "tiny.py"
    app.write_text(TINY_APP, encoding="utf-8")
    with servers.serve(app, servers.server_env(None, "public")) as server:
        yield server.url


def markdown_bodies(page: wire.RunPage) -> list[str]:
    return [proto.body for path, proto in page.elements.items() if page.nodes[path] == ("element", "markdown")]


async def _open_then_choose(url: str, path: str, values: list[str]) -> list:
    async with Session(url, timeout=30) as session:
        opened = await session.open(path)
        return [opened, await session.choose(LABEL, values), session.query_string]


def test_a_run_finishes_with_the_page_elements(tiny: str) -> None:
    opened, changed, _ = run_sync(_open_then_choose(tiny, "", ["Kazakhstan"]))
    assert opened.errors == [] and opened.kind == "cold"
    assert opened.page_state.element_types() == {"multiselect": 1, "markdown": 1}
    assert markdown_bodies(opened.page_state) == ["picked: none"]
    assert opened.ws_bytes > 0 and opened.seconds > 0
    # The filter change: the widget's new value reaches the script, and the page says so.
    assert changed is not None and changed.errors == [] and changed.kind == "filter"
    assert markdown_bodies(changed.page_state) == ["picked: Kazakhstan"]


def test_a_page_without_the_widget_has_no_filter_change(tiny: str) -> None:
    async def scenario() -> object:
        async with Session(tiny, timeout=30) as session:
            await session.open("")
            return await session.choose("No such filter", ["Kazakhstan"])

    assert run_sync(scenario()) is None


def test_navigation_by_page_hash_and_big_elements_by_reference(tiny: str) -> None:
    async def scenario() -> list:
        async with Session(tiny, timeout=30) as session:
            home = await session.open("")
            first = await session.open("big")  # a navigation click: by the hash the server listed
            again = await session.choose(LABEL, ["Kyrgyzstan"])  # the same big markdown: now a reference
            return [home, first, again, session.cache.hashes()]

    home, first, again, cached = run_sync(scenario())
    assert first.kind == "nav" and first.errors == []
    assert first.page_state.element_types() == {"multiselect": 1, "markdown": 1, "dataframe": 1}
    assert first.ws_bytes > BIG > again.ws_bytes  # sent once, then referred to
    assert cached, "the client kept no big message"
    # The reference resolved to the element it stands for: the page is the same.
    assert again.page_state.element_types() == first.page_state.element_types()
    assert markdown_bodies(again.page_state) == ["x" * BIG]
    assert dict(again.page_state.drawn()) == {"dataframe": 1}


def test_errors_a_browser_would_show_are_reported(tiny: str) -> None:
    async def scenario() -> list:
        async with Session(tiny, timeout=30) as session:
            await session.open("")
            boom = await session.choose(LABEL, ["Boom"])
        async with Session(tiny, timeout=30) as session:
            missing = await session.open("no_such_page")
        return [boom, missing]

    boom, missing = run_sync(scenario())
    assert any("exception element" in error for error in boom.errors), boom.errors
    assert "page not found" in missing.errors


# --- the run page, without a server ------------------------------------------------------------------------------


def _delta(path: tuple[int, ...], element: str | None = None, block: str | None = None) -> ForwardMsg:
    message = ForwardMsg()
    message.metadata.delta_path[:] = list(path)
    if element == "markdown":
        message.delta.new_element.markdown.body = "text"
    elif element == "plotly_chart":
        message.delta.new_element.plotly_chart.spec = "{}"
    elif block == "expandable":
        message.delta.add_block.expandable.label = "table"
    return message


def test_an_element_replaces_the_block_it_is_sent_to() -> None:
    page = wire.RunPage()
    page.apply(_delta((0, 0), block="expandable"))
    page.apply(_delta((0, 0, 0), element="plotly_chart"))
    assert page.drawn() == {"plotly_chart": 1}
    page.apply(_delta((0, 0), element="markdown"))  # the block and the chart in it are gone
    assert page.element_types() == {"markdown": 1}


def test_the_cache_forgets_what_the_last_runs_did_not_use() -> None:
    cache = wire.MessageCache(max_age=2)
    big = _delta((0, 0), element="markdown")
    big.hash, big.metadata.cacheable = "h1", True
    cache.resolve(big)
    reference = ForwardMsg(ref_hash="h1")
    reference.metadata.delta_path[:] = [0, 3]
    assert list(cache.resolve(reference).metadata.delta_path) == [0, 3]  # the reference's place, the copy's content
    for _ in range(3):
        cache.run_finished()
    assert cache.hashes() == []
