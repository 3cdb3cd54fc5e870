"""Import page builders: the preview's tables as shown. Pure."""

from __future__ import annotations

import re

import pandas as pd

#: The path of a kept upload in a reject's file label: the person who uploaded knows the file by its own name.
_FOLDERS = re.compile(r"^.*[/\\]")


def shown_file(label: str) -> str:
    """requests.csv, or book.xlsx[requests], without the folder the upload is kept in."""
    return _FOLDERS.sub("", str(label))


def rejects_table(rejects: pd.DataFrame) -> pd.DataFrame:
    """Every rejected row: file, row (the header is row 1), column, value and reason."""
    out = rejects[["table_name", "source_file", "source_row", "column_name", "value", "reason"]].copy()
    out["source_file"] = out["source_file"].map(shown_file)
    return out.rename(columns={"source_file": "file", "source_row": "row", "column_name": "column"})


def files_table(files: list) -> pd.DataFrame:
    """The files read: table, file, rows read, valid and rejected."""
    return pd.DataFrame(
        [
            {
                "table_name": source.table,
                "file": shown_file(source.label),
                "rows_read": counts.rows_read,
                "rows_valid": counts.rows_loaded,
                "rows_rejected": counts.rows_rejected,
            }
            for source, counts in files
        ]
    )


#: The folders of any path in a message (the server's layout is not the uploader's business).
_PATH_FOLDERS = re.compile(r"(?:[A-Za-z]:)?[^\s:'\"]*[/\\]")


def shown_file_message(message: object) -> str:
    """A message from the ETL with every path shortened to its file name."""
    return _PATH_FOLDERS.sub("", str(message))
