"""The caches every session shares, kept outside Streamlit's caches.

Streamlit's websocket accepts a `clear_cache` message from any client and then empties st.cache_data and
st.cache_resource for every user (TECH-NOTES; no setting turns it off): one anonymous message would make every
session's next run rebuild everything. These caches are plain, bounded, thread-safe LRUs that no message reaches.

Every key starts with the warehouse file's identity and the view (dashboard/warehouse.py builds the keys): a public
session never gets an internal result, and a republished file (a new identity) is never served from the old one's
entries, which `forget_other_identities` drops as soon as the new file is seen.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class SharedCache:
    """A bounded LRU shared by all threads. A value missing for several sessions at once is built once: the others
    wait for it (twenty sessions opening the same page after a republish would otherwise build it twenty times)."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Lock] = {}
        self.builds = 0  # how many values were built (a miss): tests and benchmarks read it

    def get_or_build(self, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
            building = self._building.setdefault(key, threading.Lock())
        with building:
            with self._lock:
                if key in self._entries:  # built by another thread while this one waited
                    self._entries.move_to_end(key)
                    return self._entries[key]
            try:
                value = build()
                with self._lock:
                    self.builds += 1
                    self._entries[key] = value
                    while len(self._entries) > self.max_entries:
                        self._entries.popitem(last=False)
            finally:
                with self._lock:
                    self._building.pop(key, None)
        return value

    def forget(self, stale: Callable[[Hashable], bool]) -> int:
        """Drop every entry whose key is stale; returns how many went."""
        with self._lock:
            keys = [key for key in self._entries if stale(key)]
            for key in keys:
                del self._entries[key]
        return len(keys)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


#: Figures and maps built from the same inputs: (builder, view, digest of its arguments) -> the figure.
FIGURES = SharedCache(max_entries=256)


def _digest(args: tuple, kwargs: dict) -> bytes:
    """A digest of a builder's arguments (frames, records, labels, dates): equal inputs, equal digest. Pickle holds
    every value of a frame; a frame equal in content but laid out differently only costs a rebuild."""
    return hashlib.blake2b(pickle.dumps((args, sorted(kwargs.items())), protocol=5), digest_size=20).digest()


def shared_figure(build: Callable[..., T]) -> Callable[..., T]:
    """A chart builder whose figure is built once for every session that draws it from the same data (issue 11:
    building figures took a third of the server's time; a second session with the same filters builds none).

    Builders are pure (data in, figure out), so the key is their arguments' content, with the view, so a public
    session is never handed an internal session's object. The figure is shared: nobody may change it after."""

    @functools.wraps(build)
    def cached(*args: Any, **kwargs: Any) -> T:
        from dashboard.access import current_view  # decided once per run: cheap

        try:
            key = (build.__module__, build.__qualname__, current_view(), _digest(args, kwargs))
        except (pickle.PicklingError, TypeError, AttributeError):  # an argument pickle cannot read: no sharing
            return build(*args, **kwargs)
        return FIGURES.get_or_build(key, lambda: build(*args, **kwargs))

    return cached
