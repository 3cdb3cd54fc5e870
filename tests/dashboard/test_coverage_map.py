"""Coverage map in AppTest on the fixture warehouse: defaults, filters, focus, measures, nothing left, offline deck.

Fixture facts used below: Almaty 2011-07-21 (KAZ, KGZ, TJK, TKM; pillar III; 80 participants), Astana 2011-09-27
(KAZ; UZB observer, disputed; pillar II; 62), Demo Bishkek 2015-05-12 (KGZ, TJK; pillars I, IV; 25; synthetic).
Open requests KGZ, TKM, UZB (synthetic); matches (synthetic) UNODC -> KAZ, UNODC -> KGZ, EU -> TKM.
Load date 2026-11-29. Most tests look at 2011-07-21 .. 2015-12-01 (PERIOD).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

# These tests check the figures of the whole fixture set (all four requests): the internal view.
# The public view of every page is checked in test_access_pages.py.
pytestmark = pytest.mark.usefixtures("internal_view")

PAGE = "coverage_map"
PERIOD = {"from": "2011-07-21", "to": "2015-12-01"}
APP = Path(__file__).resolve().parents[2] / "app.py"


def deck_of(at: AppTest) -> tuple[dict, dict, str]:
    """The deck spec, its tooltip and the raw JSON string sent to the browser."""
    chart = at.get("deck_gl_json_chart")[0].proto
    return json.loads(chart.json), json.loads(chart.tooltip), chart.json


def layers_of(at: AppTest) -> dict[str, list[dict]]:
    spec, _, _ = deck_of(at)
    return {layer["id"]: layer["data"] for layer in spec["layers"]}


def state_table(at: AppTest) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if "meetings_attended" in df.value.columns)


def infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def test_every_layer_and_exact_figures(run_page) -> None:
    at = run_page(PAGE, PERIOD)
    assert not at.exception
    layers = layers_of(at)
    assert {k: len(v) for k, v in layers.items()} == {
        "neighbours": 21,
        "states": 5,
        "arcs": 3,
        "venues": 3,
        "labels": 5,
        "illustrative_mark": 1,  # synthetic matches count in the fixture's flows
    }
    table = state_table(at).set_index("state_id")
    assert table["meetings_attended"].to_dict() == {"KAZ": 2, "KGZ": 2, "TJK": 2, "TKM": 1, "UZB": 0}
    assert table["meetings_disputed"].to_dict() == {"KAZ": 0, "KGZ": 0, "TJK": 0, "TKM": 0, "UZB": 1}
    assert table["pillar_list"].to_dict() == {
        "KAZ": "II, III",
        "KGZ": "I, III, IV",
        "TJK": "I, III, IV",
        "TKM": "III",
        "UZB": "",
    }
    assert table["requests_open_at_end"].to_dict() == {"KAZ": 0, "KGZ": 1, "TJK": 0, "TKM": 1, "UZB": 1}
    assert table["matches_proposed"].to_dict() == {"KAZ": 1, "KGZ": 1, "TJK": 0, "TKM": 1, "UZB": 0}
    # whole months to the period end, 2015-12-01; UZB was never reached (disputed only)
    months = table["months_since_last_reached"]
    assert months.drop("UZB").tolist() == [50, 6, 6, 52] and pd.isna(months["UZB"])
    # 3 events (1 synthetic) + 3 open requests (synthetic) + 3 matches (synthetic)
    assert any("7 of the 9 records" in w.value for w in at.warning)
    assert any("Disputed attendance" in c.value for c in at.caption)
    fills = {r["iso3"]: r["fill"] for r in layers["states"]}
    assert fills == {  # meetings attended: 0 very light, 1 mid, 2 darkest
        "KAZ": [8, 81, 156, 235],
        "KGZ": [8, 81, 156, 235],
        "TJK": [8, 81, 156, 235],
        "TKM": [107, 174, 214, 235],
        "UZB": [239, 243, 255, 235],
    }


def test_deck_is_offline_and_sends_only_drawn_columns(run_page) -> None:
    at = run_page(PAGE)
    spec, tooltip, raw = deck_of(at)
    assert spec.get("mapProvider") is None and spec["mapStyle"] == "__MAP_STYLE__"
    lowered = raw.lower()
    assert "mapbox" not in lowered and "carto" not in lowered and "http" not in lowered
    assert tooltip == {"text": "{tip}"} and "html" not in tooltip
    assert "ZZSECRET" not in raw  # request summaries, item descriptions and match feedback never reach the map
    keys = {layer["id"]: {k for row in layer["data"] for k in row} for layer in spec["layers"]}
    assert keys == {
        "neighbours": {"polygon"},
        "states": {"polygon", "iso3", "fill", "line", "width", "tip"},
        "arcs": {"source", "target", "width", "tip"},
        "venues": {"lon", "lat", "radius", "fill", "tip"},
        "labels": {"position", "name"},
        "illustrative_mark": {"position", "text"},
    }


def test_state_filter_from_the_url_greys_the_others(run_page) -> None:
    at = run_page(PAGE, {"states": "KAZ", "from": "2011-01-01", "to": "2015-12-31"})
    assert not at.exception
    assert state_table(at)["state_id"].tolist() == ["KAZ"]
    layers = layers_of(at)
    fills = {r["iso3"]: r["fill"] for r in layers["states"]}
    assert fills["KAZ"] == [8, 81, 156, 235] and fills["UZB"] == [217, 217, 217, 235]
    assert len(layers["venues"]) == 2  # Almaty and Astana
    assert [a["tip"].splitlines()[0] for a in layers["arcs"]] == ["UN Office on Drugs and Crime → Kazakhstan"]
    assert at.selectbox(key="cov_focus").options == ["All States in the filter", "Kazakhstan"]


def test_filters_set_on_another_page_are_kept(run_page) -> None:
    at = run_page(PAGE, {"states": "KGZ,TJK", "pillars": "I", "synthetic": "1"})
    assert not at.exception
    assert at.toggle(key="w_synthetic").value is True
    assert state_table(at)["state_id"].tolist() == ["KGZ", "TJK"]
    assert state_table(at)["meetings_attended"].tolist() == [1, 1]  # the Bishkek demo training only (pillar I)


def test_focus_state_restricts_venues_flows_and_table_and_clears(run_page) -> None:
    at = run_page(PAGE, PERIOD)
    at.selectbox(key="cov_focus").set_value("KGZ").run()
    assert not at.exception
    assert any("Showing:** Kyrgyzstan" in m.value for m in at.markdown)
    assert state_table(at)["state_id"].tolist() == ["KGZ"]
    layers = layers_of(at)
    assert sorted(v["tip"].splitlines()[0] for v in layers["venues"]) == [
        "3rd Expert Meeting (fixture)",
        "Demo: training (fixture)",
    ]
    assert len(layers["arcs"]) == 1
    outline = {r["iso3"]: r["width"] for r in layers["states"]}
    assert outline["KGZ"] == 3 and outline["KAZ"] == 1
    assert at.query_params["focus"] == "KGZ"  # a copied link reopens the page on this State
    next(b for b in at.button if b.label == "Clear selection").click().run()
    assert not at.exception
    assert at.selectbox(key="cov_focus").value is None
    assert len(state_table(at)) == 5 and "focus" not in at.query_params


def test_focus_from_a_shared_link(run_page) -> None:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    at.query_params["focus"] = "TKM"
    at.switch_page("pages/coverage_map.py")
    at.run()
    assert not at.exception
    assert at.selectbox(key="cov_focus").value == "TKM"
    assert state_table(at)["state_id"].tolist() == ["TKM"]


def test_every_measure_renders_with_its_legend(run_page) -> None:
    at = run_page(PAGE, PERIOD)
    expected = {
        "meetings_attended": ["0", "1", "2", "Neighbour"],
        "pillars_covered": ["0", "1", "2", "3", "4", "Neighbour"],
        "requests_open_at_end": ["0", "1", "Neighbour"],
        "months_since_last_reached": ["0", "1–13", "14–26", "27–39", "40–52", "Not reached", "Neighbour"],
    }
    for measure, labels in expected.items():
        at.segmented_control(key="cov_measure").set_value(measure).run()
        assert not at.exception, measure
        legend = next(df.value for df in at.dataframe if df.value.columns.tolist() == ["swatch", "label"])
        assert legend["label"].tolist() == labels, measure
    fills = {r["iso3"]: r["fill"] for r in layers_of(at)["states"]}
    assert fills["UZB"] == [253, 219, 199, 235]  # never reached: its own colour, not "0 months"
    assert any("HIGHER = LONGER AGO" in c.value for c in at.caption)


def test_flows_can_be_hidden(run_page) -> None:
    at = run_page(PAGE)
    at.toggle(key="cov_show_flows").set_value(False).run()
    assert not at.exception
    assert "arcs" not in layers_of(at)
    flows = next(df.value for df in at.dataframe if "provider_name" in df.value.columns)
    assert len(flows) == 3  # still listed


def test_filter_that_leaves_nothing_explains(run_page) -> None:
    at = run_page(PAGE, {"from": "2011-08-01", "to": "2011-09-01", "synthetic": "0"})
    assert not at.exception
    assert any("Nothing matches the filters: meetings with a venue" in i for i in infos(at))
    assert any("Nothing matches the filters: assistance flows" in i for i in infos(at))
    assert set(layers_of(at)) == {"neighbours", "states", "labels"}  # no empty venue or arc layer drawn
    assert state_table(at)["meetings_attended"].sum() == 0
    assert not any("synthetic demonstration data" in w.value for w in at.warning)


def test_synthetic_off_says_flows_are_synthetic_only(run_page) -> None:
    at = run_page(PAGE, {"synthetic": "0"})
    assert not at.exception
    assert any("Only synthetic demonstration data exists for assistance flows" in i for i in infos(at))
    at.segmented_control(key="cov_measure").set_value("requests_open_at_end").run()
    assert any("Only synthetic demonstration data exists for open requests" in i for i in infos(at))


def test_brief_period_on_the_shipped_data_leaves_nothing(run_page, use_shipped_warehouse) -> None:
    at = run_page(PAGE, {"from": "2010-01-16", "to": "2010-01-20", "synthetic": "0"})
    assert not at.exception
    assert any("Nothing matches the filters" in i for i in infos(at))
    spec, tooltip, raw = deck_of(at)
    assert "http" not in raw.lower() and tooltip == {"text": "{tip}"}
