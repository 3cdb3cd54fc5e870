"""The measures catalogue (catalogue.toml + the words in messages/en/measures.toml): one entry per measure."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from dashboard.i18n import t
from dashboard.measures import MEASURES_DIR, definitions


@dataclass(frozen=True)
class Measure:
    key: str
    macro: str  # the table macro of dashboard/measures/*.sql that computes it
    column: str  # its column there
    sources: tuple[str, ...]  # source columns read, as <source file>.<column>

    @property
    def file(self) -> str:
        """The measure file (dashboard/measures/<file>.sql) that defines its macro."""
        return definitions()[self.macro]

    def name(self) -> str:
        return t(f"measures.{self.key}")

    def definition(self, days: int | str) -> str:
        """Its definition in plain words, with the distribution rule's days filled in."""
        return t(f"measures.{self.key}_definition", days=days)


@cache
def catalogue() -> dict[str, Measure]:
    with (MEASURES_DIR / "catalogue.toml").open("rb") as handle:
        entries = tomllib.load(handle)
    return {
        key: Measure(key, entry["macro"], entry["column"], tuple(entry["sources"])) for key, entry in entries.items()
    }


def measure(key: str) -> Measure:
    """The catalogue entry of a measure; an unknown key raises (a test finds every key the pages use)."""
    return catalogue()[key]
