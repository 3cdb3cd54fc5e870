"""A Streamlit session without a browser: the websocket client the load harness runs many of at once.

It speaks what the browser speaks on /_stcore/stream (BackMsg out, ForwardMsg in, protobuf): a deep link sends
rerun_script with the page's URL path as page_name; a click in the navigation sends the page's script hash; a
widget change sends the widget's new value with the URL's query string. A run ends at its successful
script_finished. Like the browser it keeps the big messages the server sends once per session, and fetches the files
the page makes the browser fetch (each download button's file, images, the favicon).

Widget states: the browser sends every widget's current value on each rerun; this client sends only the widgets it
changed. The server keeps the others' values from the previous run either way (SessionState._old_state), so the
script does the same work.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.WidgetStates_pb2 import WidgetState

from tests.benchmarks import wire

# The media files are on loopback: never through a proxy from the environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ProtocolError(RuntimeError):
    """The server did something a browser would show as broken (no finish, a compile error, a closed socket)."""


@dataclass
class Run:
    """One script run as a client received it."""

    page: str  # URL path of the page ("" for the default page)
    kind: str  # "cold" (opened by URL), "nav" (navigation click) or "filter" (a widget change)
    seconds: float = 0.0  # from sending the request to the successful script_finished
    ws_bytes: int = 0  # websocket payload received for this run
    media_bytes: int = 0  # files fetched because of this run
    page_state: wire.RunPage = field(default_factory=wire.RunPage)
    errors: list[str] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return self.ws_bytes + self.media_bytes


class Session:
    """One websocket session. `async with Session(base) as s: await s.open("coverage_map")`."""

    def __init__(self, base: str, timeout: float = 120.0, fetch_media: bool = True) -> None:
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.fetch_media = fetch_media
        self.cache = wire.MessageCache()
        self.pages: dict[str, str] = {}  # URL path -> page script hash, from the navigation message
        self.page_hash = ""
        self.path = ""
        self.query_string = ""
        self.last: Run | None = None
        self._socket = None

    async def __aenter__(self) -> Session:
        from websockets.asyncio.client import connect

        url = self.base.replace("http://", "ws://", 1) + "/_stcore/stream"
        self._socket = await connect(
            url,
            subprotocols=["streamlit"],
            origin=self.base,
            compression=None,  # Streamlit's server does not compress (server.enableWebsocketCompression = false)
            max_size=None,  # one element may be tens of MB
            proxy=None,
            open_timeout=self.timeout,
            ping_interval=None,  # the server pings; the library answers while reading
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._socket is not None:
            await self._socket.close()

    # --- what a person does -----------------------------------------------------------------------------------

    async def open(self, path: str) -> Run:
        """Open a page the way the browser does for a typed URL or a click in the navigation."""
        state = ClientState()
        if path in self.pages:  # a navigation click: the browser names the page by its hash, without a query
            state.page_script_hash = self.pages[path]
            kind = "nav"
        else:
            state.page_name = path
            state.query_string = ""
            kind = "cold"
        self.path = path
        return await self._rerun(state, Run(path, kind))

    async def choose(self, label: str, values: list[str], element_type: str = "multiselect") -> Run | None:
        """Set the widget with this label (on the last run's page, sidebar included) to these option labels, as a
        click in the browser would; None when the page has no such widget."""
        found = self.last.page_state.widget(element_type, label) if self.last else None
        if found is None:
            return None
        _, proto = found
        state = ClientState(query_string=self.query_string, page_script_hash=self.page_hash)
        widget = WidgetState(id=proto.id)
        widget.string_array_value.data.extend(values)
        state.widget_states.widgets.append(widget)
        return await self._rerun(state, Run(self.path, "filter"))

    def options(self, label: str, element_type: str = "multiselect") -> list[str]:
        found = self.last.page_state.widget(element_type, label) if self.last else None
        return list(found[1].options) if found else []

    async def clear_cache(self) -> None:
        """What any client may send (the browser's "Clear cache" menu item): Streamlit then empties st.cache_data and
        st.cache_resource for every session. No answer comes back."""
        message = BackMsg()
        message.clear_cache = True
        await self._socket.send(message.SerializeToString())

    # --- the protocol -----------------------------------------------------------------------------------------

    async def _rerun(self, state: ClientState, run: Run) -> Run:
        state.cached_message_hashes.extend(self.cache.hashes())
        state.context_info.timezone = "UTC"
        state.context_info.locale = "en-US"
        state.context_info.url = f"{self.base}/{self.path}"
        state.context_info.color_scheme = "light"
        message = BackMsg()
        message.rerun_script.CopyFrom(state)
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        try:
            async with asyncio.timeout(self.timeout):
                await self._read_until_finished(run)
        except TimeoutError:
            run.errors.append(f"no script_finished within {self.timeout:.0f} s")
        run.seconds = time.perf_counter() - started
        run.errors += [f"exception element: {text}" for text in run.page_state.exceptions()]
        if run.page_state.page_not_found:
            run.errors.append("page not found")
        if run.page_state.query_string is not None:
            self.query_string = run.page_state.query_string
        if self.fetch_media and not run.errors:
            run.media_bytes = await asyncio.to_thread(self._fetch_all, run.page_state.media)
        self.last = run
        return run

    async def _read_until_finished(self, run: Run) -> None:
        while True:
            frame = await self._socket.recv()
            run.ws_bytes += len(frame)
            message = self.cache.resolve(wire.decode(frame))
            kind = message.WhichOneof("type")
            if kind == "navigation":
                self.pages = {page.url_pathname: page.page_script_hash for page in message.navigation.app_pages}
                self.page_hash = message.navigation.page_script_hash
            elif kind == "new_session":
                self.cache.max_age = message.new_session.config.max_cached_message_age or self.cache.max_age
                run.page_state = wire.RunPage()  # a rerun inside the run starts the page over
            elif kind == "script_finished":
                if message.script_finished == wire.COMPILE_ERROR:
                    run.errors.append("the script failed to compile")
                    return
                if message.script_finished in wire.FINISHED:
                    self.cache.run_finished()
                    return
            run.page_state.apply(message)

    def _fetch_all(self, urls: list[str]) -> int:
        total = 0
        for url in urls:
            try:
                # As a browser asks: gzip accepted, so the count is what crosses the wire.
                request = urllib.request.Request(f"{self.base}{url}", headers={"Accept-Encoding": "gzip"})
                with _OPENER.open(request, timeout=self.timeout) as response:
                    total += len(response.read())
            except OSError:
                pass  # the browser logs a failed check and goes on; the load harness counts runs, not files
        return total


def run_sync(coroutine):  # noqa: ANN001, ANN201 - any coroutine, its result
    """Run a coroutine to the end from synchronous code, even where another event loop (Playwright's) is current."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
