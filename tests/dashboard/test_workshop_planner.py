"""Workshop planner: on the fixture set the right answer is known; the weights reorder the shortlist as expected;
the reasons are in words; 'not reached in N months' follows N; the shortlist exports.

The fixture set, counted by hand (period end 2026-11-29, the data's as-of date; period start 2011-07-21, its first
date, so a pair never covered counts 184 whole months = 15.33 years):
- Kyrgyzstan (KGZ): request R-KGZ-1 (open) has item 2 in physical protection with no match: 1 unmet item; KGZ
  attended Almaty 2011 (pillar III, no area) and Bishkek 2015 (legislation, pillars I and IV), never a meeting on
  physical protection: so KGZ x physical protection is never covered with 1 unmet item. Its Joint Plan item
  AI-KGZ-II-1 (pillar II) is not started, and KGZ attended no pillar II meeting (Astana 2011 was KAZ and a disputed
  UZB): KGZ x II is never covered with 1 Joint Plan item not completed. Every other KGZ pair has neither.
- With the default weights (3 per unmet item, 2 per Joint Plan item, 1 per year): KGZ x physical protection
  3 + 15.33 = 18.33 > KGZ x II 2 + 15.33 = 17.33 > the other never-covered pairs 15.33.
- Weights 1 / 3 / 1: KGZ x II 3 + 15.33 = 18.33 > KGZ x physical protection 1 + 15.33 = 16.33.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard import export_formats


def shortlist(at) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "reason" in d.value.columns)


def set_weights(at, unmet: float, jpoa: float, months: float) -> None:
    at.number_input(key="wp_w_unmet").set_value(unmet)
    at.number_input(key="wp_w_jpoa").set_value(jpoa)
    at.number_input(key="wp_w_months").set_value(months)
    at.run()


def test_the_known_gap_tops_the_shortlist_with_its_reason(run_page) -> None:
    at = run_page("workshop_planner", {"states": "KGZ"})
    assert not at.exception
    table = shortlist(at)
    top = table.iloc[0]
    assert (top["state_id"], top["dimension"], top["topic"]) == ("KGZ", "area", "physical_protection")
    assert top["kind"] == "Assistance area"
    assert top["focus_score"] == pytest.approx(18.33)
    assert top["reason"] == (
        "1 unmet request item in Physical protection; no meeting on Physical protection attended in the period"
    )
    second = table.iloc[1]
    assert (second["dimension"], second["topic"], second["focus_score"]) == ("pillar", "II", pytest.approx(17.33))
    assert "1 Joint Plan item under" in second["reason"]
    assert list(table["rank"]) == list(range(1, len(table) + 1))


def test_weights_reorder_the_shortlist(run_page) -> None:
    at = run_page("workshop_planner", {"states": "KGZ"})
    set_weights(at, 1, 3, 1)
    table = shortlist(at)
    assert [(r.dimension, r.topic) for r in table.head(2).itertuples()] == [
        ("pillar", "II"),
        ("area", "physical_protection"),
    ]
    assert list(table["focus_score"].head(2)) == [pytest.approx(18.33), pytest.approx(16.33)]
    # Only the years since covered count: the covered pairs (legislation 2015, pillars I, III, IV) fall to the end.
    set_weights(at, 0, 0, 1)
    table = shortlist(at)
    covered = table[~table["never_covered"].astype(bool)]
    assert covered.empty or covered.index.min() > table[table["never_covered"].astype(bool)].index.max()


def test_covered_pair_reason_says_how_long_ago(run_page) -> None:
    at = run_page("workshop_planner", {"states": "KGZ"})
    at.number_input(key="wp_size").set_value(30).run()
    table = shortlist(at).set_index(["dimension", "topic"])
    # Bishkek 2015-05-12 to 2026-11-29: 138 whole months
    assert table.loc[("area", "legislation"), "reason"] == (
        "Last meeting on Legislation attended 138 months before the period end"
    )


def test_matrices_mark_never_covered(run_page) -> None:
    import json

    at = run_page("workshop_planner")
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(specs) == 2
    texts = [cell for row in specs[0]["data"][0]["text"] for cell in row]
    assert "never" in texts and "138" in texts  # KGZ x legislation, 138 months


def test_not_reached_follows_n(run_page) -> None:
    at = run_page("workshop_planner")
    states = next(d.value for d in at.dataframe if "recent_from" in d.value.columns)
    assert set(states["state_id"]) == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}  # nothing since 2015 in the fixture
    at.number_input(key="wp_months").set_value(140).run()  # from 2015-03-29: Bishkek (KGZ, TJK) is inside
    states = next(d.value for d in at.dataframe if "recent_from" in d.value.columns)
    assert set(states["state_id"]) == {"KAZ", "TKM", "UZB"}


def test_wording_ranks_gaps_never_states(run_page) -> None:
    at = run_page("workshop_planner")
    words = " ".join([c.value for c in at.caption] + [i.value for i in at.info] + list(shortlist(at)["reason"])).lower()
    for banned in ("performance", "best", "worst", "compliance score", "league"):
        assert banned not in words.replace("never states' performance", "").replace("not what a state has done", "")
    assert "not a compliance tool" in words or "coverage" in words


def test_shortlist_exports_to_excel(run_page, clicked_downloads, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[bytes] = []
    original = export_formats.to_xlsx
    monkeypatch.setattr(export_formats, "to_xlsx", lambda *a, **k: served.append(original(*a, **k)) or served[-1])
    at = run_page("workshop_planner", {"states": "KGZ"})
    at.segmented_control(key="fmt_workshop_planner_shortlist").set_value("xlsx").run()
    book = load_workbook(io.BytesIO(served[-1]))
    rows = list(book["workshop_planner_shortlist"].iter_rows(values_only=True))
    header = rows[0]
    assert rows[1][header.index("topic")] == "physical_protection"
    assert rows[1][header.index("reason")].startswith("1 unmet request item")
    assert (rows[1][header.index("kind")], rows[2][header.index("kind")]) == ("Assistance area", "Strategy pillar")
    about = dict(r for r in book["About"].iter_rows(values_only=True) if r[0])
    assert about["Definition: Focus score"].startswith("How strongly")


def test_embedded_planner_has_no_widgets(run_page) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.dashboard.conftest import APP

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.context = {"is_embedded": True}
    at.query_params["states"] = "KGZ"
    at.run()
    at.switch_page("pages/workshop_planner.py")
    at.run()
    assert not at.exception
    assert not at.number_input and not at.segmented_control and not at.multiselect and not at.sidebar.children
    assert shortlist(at).iloc[0]["topic"] == "physical_protection"  # the URL's filter, default weights


@pytest.mark.parametrize(("states", "pack_state"), [("KGZ", "KGZ"), ("KGZ,TJK", None)])
def test_the_shortlist_goes_into_a_briefing_pack_with_the_pages_weights(run_page, states: str, pack_state) -> None:
    """One State in the filter: that State's pack with its pairs; more: the regional pack with the top pairs."""
    from dashboard.charts.workshop_planner import Weights
    from dashboard.i18n import t

    at = run_page("workshop_planner", {"states": states}, timeout=120)
    set_weights(at, 1, 3, 1)
    at.number_input(key="wp_size").set_value(5).run()
    page = shortlist(at)
    next(b for b in at.button if b.label == t("briefing.action_shortlist")).click().run()
    assert not at.exception
    spec, names, _, _ = at.session_state["briefing_pack"]
    assert (spec.state, spec.shortlist, spec.shortlist_size) == (pack_state, Weights(1, 3, 1), 5)
    assert names[0].startswith(f"briefing_{pack_state or 'region'}_")
    labels = [b.label for b in at.get("download_button")]
    assert t("briefing.download_pptx") in labels and t("briefing.download_pdf") in labels
    from dashboard.briefing import build

    table = next(tb for tb in build(spec).pack.tables if tb.key == "shortlist")
    assert list(table.frame[t("workshop_planner.col_reason")]) == list(page["reason"])
    assert list(table.frame[t("workshop_planner.col_topic")]) == list(page["topic_label"])
    assert list(table.frame[t("workshop_planner.col_dimension")]) == list(page["kind"])
    assert set(page["kind"]) <= {"Assistance area", "Strategy pillar"}
