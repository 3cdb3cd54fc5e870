"""Streamlit's websocket messages as both speed harnesses read them: what one script run put on the page.

A run's page is the set of elements its deltas leave behind: when the run finishes, the browser drops every element
the run did not send again, so the page equals this run's deltas, each path holding the last thing sent to it. Big
elements come once per session: the server then sends a reference to the copy the browser keeps (ForwardMsg.ref_hash),
so a client must keep those copies, resolve the references and report the hashes it holds, as the browser does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

#: Element types that draw data, and the test id of the element the browser mounts for each.
DRAWN = {
    "plotly_chart": "stPlotlyChart",
    "deck_gl_json_chart": "stDeckGlJsonChart",
    "dataframe": "stDataFrame",
    "table": "stTable",
    "vega_lite_chart": "stVegaLiteChart",
    "graphviz_chart": "stGraphVizChart",
    "imgs": "stImage",
}
#: script_finished statuses that end a run the person asked for (2 = cut short by a rerun, which goes on).
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
COMPILE_ERROR = ForwardMsg.FINISHED_WITH_COMPILE_ERROR


def decode(frame: bytes) -> ForwardMsg:
    message = ForwardMsg()
    message.ParseFromString(frame)
    return message


@dataclass
class MessageCache:
    """The browser's copy of big messages (its ForwardMsgCache): kept while used in the last `max_age` runs."""

    max_age: int = 2
    runs: int = 0
    entries: dict[str, tuple[ForwardMsg, int]] = field(default_factory=dict)

    def resolve(self, message: ForwardMsg) -> ForwardMsg:
        """The message itself, or the cached one a reference points to (with the reference's metadata)."""
        if message.WhichOneof("type") == "ref_hash":
            cached, _ = self.entries[message.ref_hash]  # a miss is a protocol error: let it raise
            self.entries[message.ref_hash] = (cached, self.runs)
            resolved = ForwardMsg()
            resolved.CopyFrom(cached)
            resolved.metadata.CopyFrom(message.metadata)
            return resolved
        if message.metadata.cacheable and message.hash:
            self.entries[message.hash] = (message, self.runs)
        return message

    def run_finished(self) -> None:
        self.runs += 1
        self.entries = {h: (m, seen) for h, (m, seen) in self.entries.items() if self.runs - seen <= self.max_age}

    def hashes(self) -> list[str]:
        return list(self.entries)


@dataclass
class RunPage:
    """The page one run leaves: delta path -> ("element" | "block", type), plus what else the run said."""

    nodes: dict[tuple[int, ...], tuple[str, str]] = field(default_factory=dict)
    media: list[str] = field(default_factory=list)  # /media URLs the browser fetches for this run
    query_string: str | None = None
    page_not_found: bool = False
    elements: dict[tuple[int, ...], object] = field(default_factory=dict)  # path -> the element's own proto

    def apply(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind == "delta":
            self._apply_delta(message)
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "page_not_found":
            self.page_not_found = True
        elif kind == "page_config_changed" and message.page_config_changed.favicon.startswith("/media/"):
            self.media.append(message.page_config_changed.favicon)

    def _apply_delta(self, message: ForwardMsg) -> None:
        path = tuple(message.metadata.delta_path)
        delta = message.delta
        which = delta.WhichOneof("type")
        if which not in ("new_element", "add_block"):
            return  # transient messages (toasts, spinners) leave nothing on the page
        for other in [p for p in self.nodes if p[: len(path)] == path and p != path]:
            if which == "new_element":  # an element replaces a block and all inside it
                del self.nodes[other]
                self.elements.pop(other, None)
        if which == "add_block":
            self.nodes[path] = ("block", delta.add_block.WhichOneof("type") or "")
            self.elements.pop(path, None)
            return
        element = delta.new_element
        element_type = element.WhichOneof("type") or ""
        self.nodes[path] = ("element", element_type)
        self.elements[path] = getattr(element, element_type) if element_type else None
        button = element.download_button
        if element_type == "download_button" and button.url and not button.deferred_file_id:
            self.media.append(button.url)  # the browser checks each file by fetching it
        elif element_type == "imgs":
            self.media += [image.url for image in element.imgs.imgs if image.url.startswith("/media/")]

    def element_types(self) -> Counter[str]:
        return Counter(t for kind, t in self.nodes.values() if kind == "element")

    def drawn(self) -> Counter[str]:
        """How many of each data-drawing element the page holds (the browser must draw each)."""
        return Counter({t: n for t, n in self.element_types().items() if t in DRAWN})

    def exceptions(self) -> list[str]:
        return [
            f"{getattr(proto, 'type', '')}: {getattr(proto, 'message', '')}".strip()
            for path, proto in self.elements.items()
            if self.nodes.get(path) == ("element", "exception")
        ]

    def widget(self, element_type: str, label: str) -> tuple[tuple[int, ...], object] | None:
        """The first widget of this type and label on the page (sidebar included), with its path."""
        for path, proto in sorted(self.elements.items()):
            if self.nodes.get(path) == ("element", element_type) and getattr(proto, "label", None) == label:
                return path, proto
        return None
