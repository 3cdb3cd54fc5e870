"""What an exported file says about its data (the Excel About sheet): filters, as-of date, view, definitions, sources.

Gathered from the session (filters, view) and the measures catalogue; the builders in dashboard/export_formats.py
stay pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard import filters as flt
from dashboard.export_formats import ExportMeta
from dashboard.i18n import t
from dashboard.measures.catalogue import measure

SOURCE_COLUMNS = ("source", "source_url", "source_ref")


def filter_rows(filters: flt.Filters | None) -> list[tuple[str, str]]:
    """(label, value) of each shared filter, in the words of the sidebar."""
    if filters is None:
        return []
    query = filters.to_query()
    return [
        (t("common.about_filter", name=t("filters.period")), f"{query['from']} .. {query['to']}"),
        *[
            (t("common.about_filter", name=t(f"filters.{name}")), query[name].replace(",", ", "))
            for name in ("states", "pillars", "areas", "funders")
        ],
        (
            t("common.about_filter", name=t("filters.synthetic")),
            t("common.yes") if filters.synthetic else t("common.no"),
        ),
    ]


def source_rows(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """The distinct sources the table's rows cite, then where every source is listed with its type."""
    cited: list[str] = []
    for column in SOURCE_COLUMNS:
        if column in frame.columns:
            cited += [str(v) for v in frame[column].dropna().unique() if str(v).strip()]
    rows = [(t("common.about_sources"), source) for source in dict.fromkeys(cited)]
    return [*rows, (t("common.about_sources"), t("common.about_sources_listed"))]


def export_meta(name: str, frame: pd.DataFrame, measures: Sequence[str] = ()) -> ExportMeta:
    from dashboard.ui.blocks import help_text
    from dashboard.ui.chrome import view
    from dashboard.ui.lookups import choices
    from dashboard.ui.sidebar import FILTERS_KEY

    rows = [
        (t("common.about_view"), t(f"common.marker_{view()}")),
        (t("common.about_as_of"), choices().last_date.isoformat()),
        (t("common.about_made"), dt.date.today().isoformat()),
        *filter_rows(st.session_state.get(FILTERS_KEY)),
        *[(t("common.about_definition", name=measure(key).name()), help_text(key)) for key in measures],
        *source_rows(frame),
        ("", t("common.about_formulas")),
    ]
    return ExportMeta(title=name, about=tuple(rows), about_sheet=t("common.about_sheet"))
