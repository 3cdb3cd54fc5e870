"""Workshop planner builders: each shortlist row's reason in words, the matrix's 'never' cells, an empty shortlist."""

from __future__ import annotations

import pandas as pd

from dashboard.charts import workshop_planner as charts

AREAS = {"border_law_enforcement": "Border control and law enforcement"}
PILLARS = {"II": "Pillar II"}


def scores() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "state_id": ["KGZ", "KAZ"],
            "state_name": ["Kyrgyzstan", "Kazakhstan"],
            "dimension": ["area", "pillar"],
            "topic": ["border_law_enforcement", "II"],
            "sort_order": [4, 2],
            "focus_score": [11.17, 3.0],
            "items_unmet": [3, None],
            "jpoa_not_completed": [None, 1],
            "months_since_covered": [26, None],
            "never_covered": [False, True],
        }
    )


def test_reasons_in_words() -> None:
    table = charts.shortlist_table(scores(), AREAS, PILLARS)
    assert table.iloc[0]["reason"] == (
        "3 unmet request items in Border control and law enforcement; "
        "last meeting on Border control and law enforcement attended 26 months before the period end"
    )
    assert table.iloc[1]["reason"] == (
        "1 Joint Plan item under Pillar II not completed; no meeting on Pillar II attended in the period"
    )
    assert list(table["rank"]) == [1, 2]
    assert list(table["kind"]) == ["Assistance area", "Strategy pillar"]  # in words; the code stays in dimension
    assert list(table["dimension"]) == ["area", "pillar"]


def test_empty_shortlist_keeps_its_columns() -> None:
    table = charts.shortlist_table(scores().iloc[0:0], AREAS, PILLARS)
    assert table.empty and "reason" in table.columns


def test_matrix_marks_never() -> None:
    matrix = pd.DataFrame(
        {
            "state_id": ["KAZ", "KAZ"],
            "topic": ["I", "II"],
            "sort_order": [1, 2],
            "never_covered": [False, True],
            "months_since_covered": [5, None],
        }
    )
    figure = charts.matrix_figure(matrix, {"I": "Pillar I", "II": "Pillar II"}, {"KAZ": "Kazakhstan"})
    assert figure.data[0].text[0] == ("5", "never") or list(figure.data[0].text[0]) == ["5", "never"]
    assert figure.data[0].z[0][1] is None
    assert len(figure.layout.shapes) == 1  # the never cell outlined
