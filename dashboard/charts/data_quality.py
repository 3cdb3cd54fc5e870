"""Data-quality builders: freshness labels and the public view's counts. Pure."""

from __future__ import annotations

import pandas as pd


def freshness_table(freshness: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """One row per table: expected interval, last change, age and its status in words."""
    out = freshness[["table_name", "update_days", "changed_at", "age_days", "rows_loaded", "freshness"]].copy()
    out["freshness"] = out["freshness"].map(lambda code: labels.get(code, code))
    return out


def counts_by_kind(frame: pd.DataFrame) -> pd.DataFrame:
    """How many rows of each kind: what the public view shows instead of the rows themselves."""
    if frame.empty:
        return pd.DataFrame({"kind": pd.Series(dtype=str), "records": pd.Series(dtype="int64")})
    return frame.groupby("kind", sort=True).size().reset_index(name="records")


def history_with_publishers(history: pd.DataFrame, publishers: pd.DataFrame) -> pd.DataFrame:
    """The load history with who published each load from the import page (internal view)."""
    return history.merge(publishers, on="run_id", how="left")


def states_without(states: pd.DataFrame, kinds: tuple[str, ...]) -> dict[str, list[str]]:
    """Per kind, the States with no record of it."""
    return {kind: states.loc[states[kind] == 0, "state_name"].tolist() for kind in kinds}
