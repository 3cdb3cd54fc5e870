"""The caches every session shares, kept outside Streamlit's caches.

Streamlit's websocket accepts a `clear_cache` message from any client and then empties st.cache_data and
st.cache_resource for every user (TECH-NOTES; no setting turns it off): one anonymous message would make every
session's next run rebuild everything. These caches are plain, bounded, thread-safe LRUs that no message reaches.

Every key starts with the warehouse file's identity and the view (dashboard/warehouse.py builds the keys): a public
session never gets an internal result, and a republished file (a new identity) is never served from the old one's
entries, which `forget_other_identities` drops as soon as the new file is seen.
"""

from __future__ import annotations

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
