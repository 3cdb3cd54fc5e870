"""What a page lays out: key figures, charts, maps and tables (each with its CSV download), badges and empty states.

Every figure is drawn through one of these helpers with its entry in dashboard/figures.py (its name, the measures it
shows, the queries its data comes from): key figures take their label and help text from the measures catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from dashboard import settings, synthetic
from dashboard.charts.common import (
    KeyFigure,
    format_delta,
    format_value,
    label_map_illustrative,
    mark_illustrative,
    with_source_titles,
)
from dashboard.figures import Figure
from dashboard.i18n import t
from dashboard.measures.catalogue import measure
from dashboard.ui import lookups
from dashboard.ui.downloads import download
from dashboard.ui.lookups import distribution_rule_days

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def _shown(figure: Figure) -> None:
    """Called for every figure drawn (a test records them to check the declarations in dashboard/figures.py)."""


def help_text(key: str) -> str:
    """A measure's definition, as the catalogue words it (the help text of every key figure showing it)."""
    return measure(key).definition(distribution_rule_days())


def synthetic_badge(synthetic_rows: int, total_rows: int) -> None:
    """Say so whenever synthetic rows count in what is shown."""
    if synthetic_rows:
        st.warning(t("common.synthetic_badge", n=synthetic_rows, total=total_rows), icon=":material/science:")


def empty_state(key: str, **values: object) -> None:
    """Why nothing is shown (never an empty chart)."""
    st.info(t(key, **values), icon=":material/filter_alt_off:")


def key_figures(figure: Figure, figures: Sequence[KeyFigure], per_row: int = 4) -> None:
    """A row of metrics, each labelled with its measure's name and explained by its definition."""
    _shown(figure)
    undeclared = [f.measure for f in figures if f.measure not in figure.measures]
    if undeclared:
        raise KeyError(f"{figure.name} shows undeclared measures {undeclared} (dashboard/figures.py)")
    for start in range(0, len(figures), per_row):
        for column, item in zip(st.columns(per_row), figures[start : start + per_row], strict=False):
            column.metric(
                measure(item.measure).name(),
                format_value(item),
                format_delta(item),
                delta_color="inverse" if item.lower_is_better else "normal",
                help=help_text(item.measure),
                border=True,
            )


def definitions(keys: Sequence[str]) -> None:
    """Under a chart or table: the catalogue's definition of each measure it draws, in the same words as the help
    texts of the key figures."""
    with st.expander(t("common.definitions"), icon=":material/menu_book:"):
        st.markdown("\n".join(f"- **{measure(key).name()}**: {help_text(key)}" for key in keys))


def facts(figure: Figure, text: str) -> None:
    """A record given in words (markdown; data in it escaped by the builder)."""
    _shown(figure)
    st.markdown(text)


def note(figure: Figure, text: str) -> None:
    """A figure given in words (a caption holding a measured number)."""
    _shown(figure)
    st.caption(text)


def _cited(frame: pd.DataFrame, column_config: dict | None) -> tuple[pd.DataFrame, dict | None]:
    """A table citing sources gets each source's title and type (the same in its download)."""
    if "source_ref" not in frame.columns or "source_title" in frame.columns:
        return frame, column_config
    config = {
        "source_title": st.column_config.TextColumn(t("common.source_title"), help=t("common.source_title_help")),
        "source_type": st.column_config.TextColumn(t("common.source_type")),
        **(column_config or {}),
    }
    return with_source_titles(frame, lookups.sources()), config


def rows_to_send(frame: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """What a table sends to the browser: at most `limit` rows (settings.TABLE_ROWS), with a count saying so when
    there are more. Every table drawn goes through here; its download (built on the click) holds every row."""
    limit = settings.TABLE_ROWS if limit is None else limit
    if len(frame) <= limit:
        return frame
    st.caption(t("common.rows_shown", shown=limit, total=len(frame)))
    return frame.head(limit)


def table_block(
    figure: Figure, frame: pd.DataFrame, column_config: dict | None = None, suffix: str = "", **options: object
) -> None:
    """A table (its first rows: rows_to_send) and, under it, the CSV download of the whole table (named after the
    figure, and `suffix`)."""
    _shown(figure)
    frame, column_config = _cited(frame, column_config)
    shown = rows_to_send(frame)
    st.dataframe(shown, hide_index=True, column_config=column_config, key=f"table_{figure.name}", **options)
    download(frame, figure.name + suffix, figure.measures)


def chart_block(
    figure: Figure,
    chart: object,
    frame: pd.DataFrame,
    caption: str | None = None,
    column_config: dict | None = None,
    table: Callable[[pd.DataFrame], None] | None = None,
    suffix: str = "",
    **options: object,
) -> None:
    """A chart with, under it, the table of exactly the data drawn and its CSV download. When synthetic rows are
    behind the data drawn, the chart carries the "Illustrative data" mark."""
    _shown(figure)
    mark_illustrative(chart, synthetic.rows(frame))
    st.plotly_chart(chart, config=PLOTLY_CONFIG, key=f"chart_{figure.name}", **options)
    if caption:
        st.caption(caption)
    table_expander(figure, frame, column_config, table, suffix)


def table_expander(
    figure: Figure,
    frame: pd.DataFrame,
    column_config: dict | None = None,
    table: Callable[[pd.DataFrame], None] | None = None,
    suffix: str = "",
) -> None:
    """The table of exactly the data drawn (its first rows: rows_to_send), in an expander, with its CSV download of
    every row (`table` draws it another way)."""
    _shown(figure)
    frame, column_config = _cited(frame, column_config)
    with st.expander(t("common.table_view"), icon=":material/table:"):
        shown = rows_to_send(frame)
        if table:
            table(shown)
        else:
            st.dataframe(shown, hide_index=True, column_config=column_config, key=f"table_{figure.name}")
        download(frame, figure.name + suffix, figure.measures)


def deck_block(figure: Figure, deck: object, synthetic_rows: int, **options: object) -> None:
    """A pydeck map (its data is listed in tables below it by the page): labelled "Illustrative data" in a corner
    when synthetic rows count in it, and the United Nations map disclaimer and the boundaries' credit under it."""
    _shown(figure)
    st.pydeck_chart(label_map_illustrative(deck, synthetic_rows), **options)
    st.caption(f"{t('common.map_disclaimer')} {t('common.map_credit')}")
