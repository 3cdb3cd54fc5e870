"""State profile builders on small frames: key figures, roles (disputed marked), requests, plans, pillar bars."""

from __future__ import annotations

import pandas as pd

from dashboard.charts import state_profile as charts
from dashboard.charts.common import format_value

ROLES = {
    "host": "Host",
    "participant": "Participant",
    "adopting_state": "Adopting State",
    "observer": "Observer",
    "signatory": "Signatory",
}
TYPES = {"expert_meeting": "Expert meeting", "high_level_meeting": "High-level meeting", "milestone": "Milestone"}
CONFIDENCE = {"confirmed": "Confirmed in the cited source", "disputed": "Sources disagree (see note)"}
STATUS = {"not_started": "Not started", "in_progress": "In progress", "completed": "Completed"}
PILLARS = {"I": "Pillar I", "II": "Pillar II", "III": "Pillar III", "IV": "Pillar IV"}


def roles() -> pd.DataFrame:
    rows = [
        # date, event, type, role, confidence, note, source, synthetic
        ("2011-03-29", "E1", "expert_meeting", "participant", "disputed", "Reports list four States.", "https://a.org"),
        ("2011-11-30", "E2", "high_level_meeting", "observer", "confirmed", None, "https://b.org"),
        ("2022-03-03", "E3", "high_level_meeting", "host", "confirmed", None, "https://c.org"),
        ("2022-03-03", "E3", "high_level_meeting", "signatory", "confirmed", None, "https://c.org"),
        ("2006-09-08", "M1", "milestone", "signatory", "confirmed", None, "https://d.org"),
    ]
    frame = pd.DataFrame(
        rows, columns=["start_date", "event_id", "event_type", "role", "confidence", "note", "source_url"]
    )
    frame["start_date"] = pd.to_datetime(frame["start_date"])
    frame["event_title"] = frame["event_id"] + " title"
    frame["city"] = "Ashgabat"
    frame["disputed"] = frame["confidence"] == "disputed"
    frame["is_synthetic"] = False
    return frame


def requests() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "request_id": ["R-3", "R-2", "R-1"],
            "received_date": pd.to_datetime(["2015-01-01", "2014-01-01", "2013-01-01"]),
            "channel": ["template", "note_verbale", "referral"],
            "stage_at_end": ["distributed", "matched", "delivered"],
            "status_at_end": ["open", "open", "closed"],
            "n_items": [1, 2, 1],
            "areas": ["Legislation", "Export and trans-shipment control, Legislation", "Physical protection"],
            "providers": ["", "European Union", "Norway, UN Office on Drugs and Crime"],
            "matches_by_end": [0, 1, 2],
            "deliveries_by_end": [0, 0, 2],
            "days_to_distribute": [3, 10, 5],
            "consent_to_publish": [True, False, True],
            "summary": ["Model law.", None, "Site security."],
            "source_url": ["synthetic:etl.synth seed=1540"] * 3,
            "confidence": ["synthetic"] * 3,
            "is_synthetic": [True, True, True],
        }
    )


def progress(items: list[int], completed: list[int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "pillar_id": ["I", "II", "III", "IV"],
            "jpoa_items": items,
            "jpoa_completed": completed,
            "jpoa_in_progress": [n - c for n, c in zip(items, completed, strict=True)],
            "jpoa_not_started": 0,
        }
    )


def plans() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "nap_id": ["P-1", "P-2"],
            "title": ["Plan 2015-2016", "Plan 2018"],
            "period_start": [2015, 2018],
            "period_end": [2016, 2018],
            "submitted_date": pd.to_datetime([None, "2018-06-11"]),
            "note": [None, "Submitted."],
            "source_url": ["https://p.org/1", "https://p.org/2"],
            "confidence": ["confirmed", "confirmed"],
            "is_synthetic": [False, False],
        }
    )


def key_figures_row(**values: int) -> pd.DataFrame:
    base = {
        "meetings_attended": 2,
        "meetings_disputed": 1,
        "jpoa_items": 3,
        "jpoa_completed": 2,
        "action_plans": 2,
        "requests_received": 3,
        "requests_open_at_end": 2,
        "requests_matched": 2,
        "requests_delivered": 1,
    }
    return pd.DataFrame([{**base, **values}])


def test_key_figures_in_order_with_items_completed_of_those_recorded() -> None:
    figures = charts.key_figures(key_figures_row())
    assert [f.measure for f in figures] == [
        "meetings_attended",
        "meetings_disputed",
        "jpoa_completed",
        "action_plans",
        "requests_received",
        "requests_open_at_end",
        "requests_matched",
        "requests_delivered",
    ]
    shown = {f.measure: format_value(f) for f in figures}
    assert shown["jpoa_completed"] == "2 of 3" and shown["requests_open_at_end"] == "2"
    empty = {f.measure: format_value(f) for f in charts.key_figures(key_figures_row(jpoa_items=0, jpoa_completed=0))}
    assert empty["jpoa_completed"] == "–"


def test_role_summary_in_the_order_given() -> None:
    by_role = pd.DataFrame({"role": ["host", "observer", "signatory"], "meetings_attended": [1, 1, 2]})
    assert charts.role_summary(by_role, ROLES) == "Host 1 · Observer 1 · Signatory 2"


def test_roles_table_marks_disputed_rows() -> None:
    table = charts.roles_table(roles(), ROLES, TYPES, CONFIDENCE)
    assert list(table["role"]) == ["Participant (disputed)", "Observer", "Host", "Signatory", "Signatory"]
    assert list(table["disputed"]) == [True, False, False, False, False]
    assert table["confidence"].iloc[0] == "Sources disagree (see note)"
    assert table["type"].iloc[1] == "High-level meeting"
    assert table["note"].iloc[0] == "Reports list four States."
    assert list(table.columns) == [
        "date",
        "meeting",
        "event",
        "role",
        "type",
        "city",
        "confidence",
        "disputed",
        "note",
        "source",
        "source_ref",
        "synthetic",
        "date_iso",
        "date_precision",
    ]


def test_requests_table_labels_consent_and_withheld_summary() -> None:
    table = charts.requests_table(requests(), {"template": "Assistance template"}, {"open": "Open", "closed": "Closed"})
    assert list(table["stage"]) == ["Distributed to providers", "Matched", "Delivered"]
    assert list(table["status"]) == ["Open", "Open", "Closed"]
    assert list(table["channel"]) == ["Assistance template", "note_verbale", "referral"]
    assert list(table["consent"]) == [True, False, True]
    assert list(table["summary"]) == ["Model law.", "withheld (no consent to publish)", "Site security."]
    assert table["providers"].iloc[2] == "Norway, UN Office on Drugs and Crime"
    assert table["source"].isna().all()  # a generator tag is not a source link ...
    assert set(table["source_ref"]) == {"synthetic:etl.synth seed=1540"}  # ... it is shown as text
    assert list(table["synthetic"]) == [True, True, True]


def test_plans_table_periods() -> None:
    table = charts.plans_table(plans())
    assert list(table["period"]) == ["2015–2016", "2018"]
    assert list(table["source"]) == ["https://p.org/1", "https://p.org/2"]


def test_changes_table_kinds() -> None:
    changes = pd.DataFrame(
        {
            "change_date": pd.to_datetime(["2022-03-03", "2011-11-30"]),
            "kind": ["action_item_status", "event"],
            "description": ["Pillar II: now completed", "Adoption of the Joint Plan"],
            "source_url": [None, "https://b.org"],
            "is_synthetic": [True, False],
        }
    )
    table = charts.changes_table(changes)
    assert list(table["kind"]) == ["Joint Plan item", "Event"]
    assert table["source"].iloc[1] == "https://b.org"


def test_pillar_table_and_bars_in_pillar_order() -> None:
    table = charts.pillar_table(progress([2, 5, 0, 1], [1, 2, 0, 1]), PILLARS)
    assert list(table["pillar"]) == ["Pillar I", "Pillar II", "Pillar III", "Pillar IV"]
    assert list(table["items"]) == [2, 5, 0, 1]
    assert list(table["completed"]) == [1, 2, 0, 1]
    figure = charts.pillar_bars(table, STATUS)
    assert [trace.name for trace in figure.data] == ["Completed", "In progress", "Not started"]
    assert list(figure.data[0].x) == [1, 2, 0, 1]
    assert list(figure.data[1].text) == ["1", "3", "", ""]
    assert figure.layout.barmode == "stack"
    assert figure.layout.yaxis.autorange == "reversed"  # Pillar I on top
    assert figure.data[0].hovertext[1] == "<b>Pillar II</b><br>Completed: 2 of 5"
