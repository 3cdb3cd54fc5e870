"""Data & sources builders: the load's files and the sources cited, as listed. Pure."""

from __future__ import annotations

from pathlib import PurePath

import pandas as pd

from dashboard.i18n import t
from dashboard.text import reference, web_link


def files_table(files: pd.DataFrame, public: bool) -> pd.DataFrame:
    """The latest load's source files; in the public view by file name only (where they sat on the machine that
    loaded them is not for the public, even if an older public file still held a path)."""
    if not public:
        return files
    return files.assign(path=files["path"].map(lambda path: PurePath(str(path).replace("\\", "/")).name))


def sources_table(sources: pd.DataFrame) -> pd.DataFrame:
    """The sources cited, by type: title, publisher, a link only for a web address (any other reference shown as
    text), the rows citing them and where, the confidence those rows record."""
    return pd.DataFrame(
        {
            "source_type": sources["source_type_en"],
            "source_title": sources["title"],
            "publisher": sources["publisher"],
            "source": sources["source_url"].map(web_link),
            "source_ref": sources["source_url"].map(reference),
            "rows_citing": sources["rows_citing"].astype(int),
            "tables": sources["tables"],
            "confidence": sources["confidence"],
            "note": sources["note"],
            "is_synthetic": sources["is_synthetic"].astype(bool),
        }
    )


def real_and_illustrative(counts: pd.DataFrame) -> pd.DataFrame:
    """Table by table: what it holds, rows real (sourced) and illustrative (synthetic), and which it is."""

    def status(sourced: int, synthetic: int) -> str:
        if not synthetic:
            return t("load_details.status_real")
        if not sourced:
            return t("load_details.status_illustrative")
        return t("load_details.status_mixed")

    return pd.DataFrame(
        {
            "table_name": counts["table_name"],
            "holds": counts["table_name"].map(lambda name: t(f"load_details.table_{name}")),
            "status": [status(int(a), int(b)) for a, b in zip(counts["sourced"], counts["synthetic"], strict=True)],
            "sourced": counts["sourced"].astype(int),
            "synthetic": counts["synthetic"].astype(int),
            "total": counts["total"].astype(int),
        }
    )
