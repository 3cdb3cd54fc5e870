"""What a page lays out: charts and tables, each with its CSV download, badges and empty states."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.i18n import t
from dashboard.ui.downloads import download

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def synthetic_badge(synthetic_rows: int, total_rows: int) -> None:
    """Say so whenever synthetic rows count in what is shown."""
    if synthetic_rows:
        st.warning(t("common.synthetic_badge", n=synthetic_rows, total=total_rows), icon=":material/science:")


def empty_state(key: str, **values: object) -> None:
    """Why nothing is shown (never an empty chart)."""
    st.info(t(key, **values), icon=":material/filter_alt_off:")


def table_block(frame: pd.DataFrame, name: str, column_config: dict | None = None, **options: object) -> None:
    """A table and, under it, the CSV download of exactly that table."""
    st.dataframe(frame, hide_index=True, column_config=column_config, **options)
    download(frame, name)


def chart_block(
    figure: object,
    frame: pd.DataFrame,
    name: str,
    caption: str | None = None,
    column_config: dict | None = None,
    table: Callable[[pd.DataFrame], None] | None = None,
) -> None:
    """A chart with, under it, the table of exactly the data drawn and its CSV download."""
    st.plotly_chart(figure, config=PLOTLY_CONFIG, key=f"chart_{name}")
    if caption:
        st.caption(caption)
    table_expander(frame, name, column_config, table)


def table_expander(
    frame: pd.DataFrame,
    name: str,
    column_config: dict | None = None,
    table: Callable[[pd.DataFrame], None] | None = None,
) -> None:
    """The table of exactly the data drawn, in an expander, with its CSV download (`table` draws it another way)."""
    with st.expander(t("common.table_view"), icon=":material/table:"):
        if table:
            table(frame)
            download(frame, name)
        else:
            table_block(frame, name, column_config)
