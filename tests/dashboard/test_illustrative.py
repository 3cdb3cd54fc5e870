"""Illustrative data cannot leave the dashboard looking real (issue 10, items 7 and 8).

Every page of each view is rendered on the shipped data (reference + demo) with synthetic data counted, then with the
switch off. Every download must say how synthetic it is (an `is_synthetic` column for records, `synthetic_rows` for
aggregates); a file built while synthetic rows are behind it opens with the illustrative note and is named
`..._illustrative`; every Plotly figure built with synthetic rows carries the "Illustrative data" mark inside its plot
area and the map its corner label, and none does without them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from dashboard import export, synthetic
from dashboard.access import INTERNAL, PUBLIC
from dashboard.charts.common import ILLUSTRATIVE_MARK, label_map_illustrative, mark_illustrative
from dashboard.i18n import t
from dashboard.navigation import pages_for
from tests.dashboard.conftest import APP

# Downloads that list the load itself (its files, rejected rows and runs), not facts: they hold no data row to flag.
LOAD_RECORDS = (
    "load_details_files",
    "load_details_rejects",
    "load_details_history",
    # the data-quality page describes the loads and the tables' completeness, not facts to quote
    "data_quality_freshness",
    "data_quality_history",
    "data_quality_history_internal",
    "data_quality_empty_columns",
    "data_quality_states",
    "data_quality_duplicates",
    "data_quality_orphans",
    "data_quality_state_rows",
)
# The Data & sources and data-quality pages describe the whole warehouse, whatever the switch says.
WHOLE_WAREHOUSE = ("load_details", "data_quality")


@dataclass
class Served:
    page: str
    file_name: str
    data: bytes

    @property
    def name(self) -> str:
        return self.file_name.rsplit("_asof-", 1)[0]

    @property
    def lines(self) -> list[str]:
        return self.data.decode("utf-8-sig").splitlines()


class ServedFiles(list):
    current = {"page": ""}


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[ServedFiles]:
    """Every file a download button was given (all go through dashboard/ui/downloads.py), with its file name."""
    files = ServedFiles()
    files.current = {"page": ""}
    original = streamlit.download_button

    def recording(label, data, *args, **kwargs):  # noqa: ANN001, ANN202 - Streamlit's signature
        # downloads are built on click (a callable): build the file as the click would
        if str(kwargs["file_name"]).endswith(".csv"):  # the CSV files (Excel and HXL carry the same note: their tests)
            files.append(Served(files.current["page"], kwargs["file_name"], data() if callable(data) else data))
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(streamlit, "download_button", recording)
    yield files


def render(stem: str, synthetic_on: bool) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    if not synthetic_on:
        at.query_params["synthetic"] = "0"
    at.run()
    if stem != "overview":
        at.switch_page(f"pages/{stem}.py")
        at.run()
    assert not at.exception, f"{stem}: {[e.value for e in at.exception]}"
    return at


def marks(at: AppTest) -> list[bool]:
    """Per Plotly figure on the page: whether it carries the illustrative mark."""
    found = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        names = [a.get("name") for a in spec.get("layout", {}).get("annotations", [])]
        found.append(ILLUSTRATIVE_MARK in names)
    return found


def map_labels(at: AppTest) -> list[bool]:
    found = []
    for deck in at.get("deck_gl_json_chart"):
        layers = json.loads(deck.proto.json).get("layers", [])
        found.append(any(layer.get("id") == ILLUSTRATIVE_MARK for layer in layers))
    return found


def header(served: Served) -> list[str]:
    """The column names of a downloaded table (after the illustrative note when there is one)."""
    lines = served.lines
    start = 1 if lines and lines[0].startswith('"' + t("common.illustrative_mark")) else 0
    return next(csv.reader(io.StringIO(lines[start])))


@pytest.mark.slow
@pytest.mark.parametrize("view", [PUBLIC, INTERNAL])
def test_every_download_and_figure_says_illustrative_when_synthetic_rows_count(
    view: str, use_shipped_warehouse, served, monkeypatch: pytest.MonkeyPatch
) -> None:
    if view == INTERNAL:
        monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    charts_seen = maps_seen = 0
    for page in pages_for(view):
        served.current["page"] = page.stem
        at = render(page.stem, synthetic_on=True)
        figure_marks = marks(at)
        assert all(figure_marks), f"{page.stem}: a figure built with synthetic rows has no illustrative mark"
        assert all(map_labels(at)), f"{page.stem}: the map built with synthetic rows has no corner label"
        charts_seen += len(figure_marks)
        maps_seen += len(map_labels(at))
    assert charts_seen >= 10 and maps_seen == 1  # the walk saw the figures
    assert len(served) >= 20
    for file in served:
        if file.name in LOAD_RECORDS:
            continue
        columns = header(file)
        assert {synthetic.FLAG, synthetic.COUNT} & set(columns), f"{file.file_name}: no synthetic column"
    illustrative = [file for file in served if file.name.endswith(export.ILLUSTRATIVE_SUFFIX)]
    assert len(illustrative) >= 15, "the demo data is behind most tables"
    for file in served:
        noted = file.lines[0].startswith('"' + t("common.illustrative_mark"))
        assert noted == file.name.endswith(export.ILLUSTRATIVE_SUFFIX), f"{file.file_name}: note and name disagree"


@pytest.mark.slow
@pytest.mark.parametrize("view", [PUBLIC, INTERNAL])
def test_nothing_says_illustrative_with_the_synthetic_switch_off(
    view: str, use_shipped_warehouse, served, monkeypatch: pytest.MonkeyPatch
) -> None:
    if view == INTERNAL:
        monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    charts_seen = 0
    for page in pages_for(view):
        served.current["page"] = page.stem
        at = render(page.stem, synthetic_on=False)
        assert not any(marks(at)), f"{page.stem}: a figure of sourced rows only carries the illustrative mark"
        assert not any(map_labels(at)), f"{page.stem}: a map of sourced rows only carries the corner label"
        charts_seen += len(marks(at))
    assert charts_seen >= 1
    filtered = [file for file in served if file.page not in WHOLE_WAREHOUSE]
    assert filtered, "the walk saw downloads"
    for file in filtered:
        assert not file.name.endswith(export.ILLUSTRATIVE_SUFFIX), file.file_name
        assert not file.lines[0].startswith('"' + t("common.illustrative_mark")), file.file_name
        if file.name not in LOAD_RECORDS:
            assert {synthetic.FLAG, synthetic.COUNT} & set(header(file)), f"{file.file_name}: no synthetic column"


# --- the shared layer, unit by unit ------------------------------------------------------------------------------


def test_synthetic_rows_are_read_from_flags_and_counts() -> None:
    assert synthetic.rows(pd.DataFrame({"is_synthetic": [True, False, True]})) == 2
    assert synthetic.rows(pd.DataFrame({"synthetic": [False, True]})) == 1
    assert synthetic.rows(pd.DataFrame({"a_synthetic": [1, 2], "b_synthetic": [0, 3]})) == 6
    assert synthetic.rows(pd.DataFrame({"synthetic_rows": [0, 0]})) == 0
    assert synthetic.rows(pd.DataFrame({"n": [1]})) == 0 and not synthetic.states_it(pd.DataFrame({"n": [1]}))


def test_export_adds_the_synthetic_column_the_note_and_the_name() -> None:
    records = pd.DataFrame({"title": ["=1+1", "b"], "synthetic": [True, False]})
    text = export.to_csv(records).decode("utf-8-sig").splitlines()
    assert text[0].startswith('"' + t("common.illustrative_mark")) and "1 synthetic" in text[0]
    assert text[1] == '"title","synthetic","is_synthetic"'
    assert text[2].startswith('"\'=1+1"')  # formula neutralising unchanged
    assert export.file_stem("x", records) == "x_illustrative"
    aggregate = pd.DataFrame({"year": [2020, 2021], "requests": [3, 4], "requests_synthetic": [0, 0]})
    text = export.to_csv(aggregate).decode("utf-8-sig").splitlines()
    assert text[0] == '"year","requests","requests_synthetic","synthetic_rows"'
    assert export.file_stem("x", aggregate) == "x"


def test_the_mark_is_inside_the_plot_area_once_and_only_with_synthetic_rows() -> None:
    figure = go.Figure(go.Bar(x=[1], y=[1]))
    mark_illustrative(figure, 3)
    mark_illustrative(figure, 3)  # a cached figure drawn again keeps one mark
    marked = [a for a in figure.layout.annotations if a.name == ILLUSTRATIVE_MARK]
    assert len(marked) == 1 and marked[0].text == t("common.illustrative_mark")
    assert (marked[0].xref, marked[0].yref, marked[0].x, marked[0].y) == ("paper", "paper", 0.5, 0.5)
    mark_illustrative(figure, 0)
    assert not [a for a in figure.layout.annotations if a.name == ILLUSTRATIVE_MARK]


def test_the_map_label_sits_in_the_top_left_corner_of_the_view() -> None:
    deck = pdk.Deck(layers=[], initial_view_state=pdk.ViewState(latitude=43.0, longitude=65.0, zoom=3.3))
    label_map_illustrative(deck, 1)
    label_map_illustrative(deck, 1)
    labels = [layer for layer in deck.layers if layer.id == ILLUSTRATIVE_MARK]
    assert len(labels) == 1
    longitude, latitude = labels[0].data[0]["position"]
    assert 30 < longitude < 65 and 43 < latitude < 65  # west and north of the centre
    label_map_illustrative(deck, 0)
    assert not deck.layers
