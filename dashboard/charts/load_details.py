"""Data & sources builders: the load's files and the sources cited, as listed. Pure."""

from __future__ import annotations

from pathlib import PurePath

import pandas as pd

from dashboard.text import reference, web_link


def files_table(files: pd.DataFrame, public: bool) -> pd.DataFrame:
    """The latest load's source files; in the public view by file name only (where they sat on the machine that
    loaded them is not for the public, even if an older public file still held a path)."""
    if not public:
        return files
    return files.assign(path=files["path"].map(lambda path: PurePath(str(path).replace("\\", "/")).name))


def sources_table(sources: pd.DataFrame) -> pd.DataFrame:
    """The sources cited: a link only for a web address, anything else a source field holds shown as text."""
    out = sources.drop(columns=["source_url"])
    out.insert(0, "source_ref", sources["source_url"].map(reference))
    out.insert(0, "source", sources["source_url"].map(web_link))
    return out
