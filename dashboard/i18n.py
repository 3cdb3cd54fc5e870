"""The message catalogue: every user-visible string, by key. A second language is a new folder of .toml files.

Keys are "<file>.<key>": `t("overview.title")` reads `title` from messages/en/overview.toml.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

MESSAGES_DIR = Path(__file__).parent / "messages"
LANGUAGE = "en"


@cache
def catalogue(language: str = LANGUAGE) -> dict[str, str]:
    messages: dict[str, str] = {}
    for path in sorted((MESSAGES_DIR / language).glob("*.toml")):
        with path.open("rb") as handle:
            for key, text in tomllib.load(handle).items():
                messages[f"{path.stem}.{key}"] = text
    return messages


def t(key: str, /, **values: object) -> str:
    """The message for key, with {placeholders} filled. Unknown keys raise: a test finds them all."""
    text = catalogue()[key]
    return text.format(**values) if values else text
