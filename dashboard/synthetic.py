"""How many synthetic rows are behind a table: the one rule the chart mark, the map label and every download read.

A frame says it in one of two ways, both carried up from the measure layer:
- per record: a boolean `is_synthetic` (or `synthetic`, as some page tables name it): the row is invented;
- per aggregate: `synthetic_rows` or columns ending `_synthetic` (e.g. `requests_received_synthetic`), the number of
  synthetic rows counted in that row's figures.
A frame with none of these holds no synthetic rows as far as this module can tell; a test checks that every table a
page offers for download carries one.
"""

from __future__ import annotations

import pandas as pd

FLAG = "is_synthetic"  # per record: true for an invented row
COUNT = "synthetic_rows"  # per aggregate row: synthetic rows counted in it
FLAG_NAMES = (FLAG, "synthetic")


def _flag(frame: pd.DataFrame) -> str | None:
    for name in FLAG_NAMES:
        if name in frame.columns and pd.api.types.is_bool_dtype(frame[name].dropna().infer_objects()):
            return name
    return None


def _count_columns(frame: pd.DataFrame) -> list[str]:
    names = [c for c in frame.columns if isinstance(c, str) and (c == COUNT or c.endswith("_synthetic"))]
    # "synthetic" as a number (the Data & sources share table): rows flagged synthetic
    if "synthetic" in frame.columns and _flag(frame) != "synthetic":
        names.append("synthetic")
    return [c for c in names if pd.api.types.is_numeric_dtype(frame[c])]


def per_row(frame: pd.DataFrame) -> pd.Series | None:
    """The synthetic rows behind each row: the flag (as 0/1) or the sum of the count columns; None if not stated."""
    flag = _flag(frame)
    if flag is not None:
        return frame[flag].fillna(False).astype(bool).astype(int)
    counts = _count_columns(frame)
    if COUNT in counts:
        return frame[COUNT].fillna(0).astype(int)
    if counts:
        return frame[counts].fillna(0).sum(axis=1).astype(int)
    return None


def rows(frame: pd.DataFrame | None) -> int:
    """How many synthetic rows are behind this table (0 when none, or when it does not say)."""
    if frame is None or frame.empty:
        return 0
    behind = per_row(frame)
    return 0 if behind is None else int(behind.sum())


def states_it(frame: pd.DataFrame) -> bool:
    """Whether the table says, row by row, how synthetic it is."""
    return per_row(frame) is not None


def for_export(frame: pd.DataFrame) -> pd.DataFrame:
    """The table as downloaded: an `is_synthetic` column for records, `synthetic_rows` for aggregates (the number
    of synthetic rows behind each row), added when the table names its flag or counts otherwise."""
    flag = _flag(frame)
    if flag == FLAG:
        return frame
    if flag is not None:
        return frame.assign(**{FLAG: frame[flag].fillna(False).astype(bool)})
    if COUNT in frame.columns:
        return frame
    behind = per_row(frame)
    return frame if behind is None else frame.assign(**{COUNT: behind})
