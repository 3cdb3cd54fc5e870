"""The demo generator stays within each body's mandate, marks every invented text, and is deterministic.

Read from a fresh scale-2 run (block 0 is the shipped data/demo, block 1 a second draw of the same rules), so the
mandates hold for more than one draw; the shipped files must equal block 0 byte for byte.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.synth import AREAS_1540, OUTPUT_TABLES, UZB_JOINED_JPOA, generate
from tests.etl.conftest import ROOT

DEMO_DIR = ROOT / "data" / "demo"
#: Columns holding invented text: each value starts with "Demo: ".
TEXT_COLUMNS = {
    "events": ("title", "summary"),
    "requests": ("summary",),
    "request_items": ("description",),
    "offers": ("description",),
    "matches": ("feedback",),
    "action_items": ("title",),
    "action_item_status": ("note",),
}
#: Words of subjects that would read as a verdict on a real State if an invented row attached them to one.
SENSITIVE = (
    "human rights",
    "rule of law",
    "extremis",
    "radicali",
    "oversight",
    "lawyer",
    "fair-trial",
    "fair trial",
    "civil society",
    "dispute",
    "intercommunal",
    "foreign terrorist fighter",
    "internet",
    "complian",
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate(out, scale=2, seed=1540)
    return out


def rows(folder: Path, table: str) -> list[dict]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def all_rows(folder: Path) -> Iterator[tuple[str, dict]]:
    for table in OUTPUT_TABLES:
        for row in rows(folder, table):
            yield table, row


def test_the_shipped_demo_data_is_block_0_of_the_generator(demo: Path, tmp_path: Path) -> None:
    generate(tmp_path, scale=1, seed=1540)
    for table in OUTPUT_TABLES:
        shipped = (DEMO_DIR / f"{table}.csv").read_bytes()
        assert shipped == (tmp_path / f"{table}.csv").read_bytes(), f"data/demo/{table}.csv: run `make synth`"
        assert (demo / f"{table}.csv").read_bytes().startswith(shipped), table  # block 0 of any scale


def test_every_demo_row_is_synthetic(demo: Path) -> None:
    bad = [
        (table, row)
        for table, row in all_rows(demo)
        if (row["is_synthetic"], row["confidence"], row["source_url"])
        != ("true", "synthetic", "synthetic:etl.synth seed=1540")
    ]
    assert bad == []


def test_every_invented_text_starts_with_demo(demo: Path) -> None:
    unmarked = [
        (table, column, row[column])
        for table, columns in TEXT_COLUMNS.items()
        for row in rows(demo, table)
        for column in columns
        if row[column] and not row[column].startswith("Demo: ")
    ]
    assert unmarked == []
    assert all(row["feedback"] == "" or row["feedback"].startswith("Demo: ") for row in rows(demo, "matches"))


def test_requests_and_offers_are_on_1540_areas_only(demo: Path) -> None:
    item_areas = {row["area"] for row in rows(demo, "request_items")}
    offer_areas = {area for row in rows(demo, "offers") for area in row["areas"].split("|")}
    assert item_areas == offer_areas == set(AREAS_1540)  # every 1540 area present, nothing else


def test_country_visits_are_the_1540_committees_on_1540_areas(demo: Path) -> None:
    visits = [row for row in rows(demo, "events") if row["event_type"] == "country_visit"]
    assert visits, "the draw must hold visits"
    for visit in visits:
        assert visit["areas"] and set(visit["areas"].split("|")) <= set(AREAS_1540), visit
        assert visit["organisers"].split("|")[0] == "C1540", visit


def test_events_are_either_1540_or_joint_plan_and_organised_within_that_mandate(demo: Path) -> None:
    for event in rows(demo, "events"):
        organisers = set(event["organisers"].split("|"))
        if event["areas"]:  # a resolution 1540 subject
            assert organisers <= {"C1540", "UNODA", "UNODC", "OSCE", "EU"}, event
        else:  # a counter-terrorism subject under the Joint Plan of Action
            assert organisers <= {"CTITF", "UNOCT", "UNRCCA", "UNODC", "OSCE", "EU"}, event
            year = int(event["start_date"][:4])
            assert "CTITF" not in organisers or year <= 2017, event  # folded into UNOCT in 2017
            assert "UNOCT" not in organisers or year >= 2017, event


def test_uzbekistan_has_joint_plan_items_only_from_its_2017_signature(demo: Path) -> None:
    uzbek_items = {row["action_item_id"] for row in rows(demo, "action_items") if row["state_id"] == "UZB"}
    assert uzbek_items
    first = min(
        dt.date.fromisoformat(row["status_date"])
        for row in rows(demo, "action_item_status")
        if row["action_item_id"] in uzbek_items
    )
    assert first >= UZB_JOINED_JPOA == dt.date(2017, 6, 13)
    # the other States start after the Joint Plan's adoption (30 November 2011)
    others = [row for row in rows(demo, "action_item_status") if row["action_item_id"] not in uzbek_items]
    assert min(dt.date.fromisoformat(row["status_date"]) for row in others) > dt.date(2011, 11, 30)


def test_uzbekistan_takes_no_part_in_joint_plan_events_before_2017(demo: Path) -> None:
    joint_plan_before = {
        row["event_id"]
        for row in rows(demo, "events")
        if not row["areas"] and dt.date.fromisoformat(row["start_date"]) < UZB_JOINED_JPOA
    }
    assert joint_plan_before, "the draw must hold early Joint Plan events"
    assert [
        row for row in rows(demo, "participation") if row["event_id"] in joint_plan_before and row["actor_id"] == "UZB"
    ] == []


def test_no_sensitive_subject_is_attached_to_a_real_state(demo: Path) -> None:
    """Joint Plan items belong to a State; national events name one. Neither may carry a sensitive subject."""
    attached = [row["title"] for row in rows(demo, "action_items")]
    attached += [row["note"] for row in rows(demo, "action_item_status")]
    attached += [
        row["title"] for row in rows(demo, "events") if row["title"].startswith(("Demo: National", "Demo: 1540"))
    ]
    assert attached
    assert [text for text in attached if any(word in text.lower() for word in SENSITIVE)] == []
    # they may appear in regional events, which name no State
    regional = [row["title"] for row in rows(demo, "events") if row["title"].startswith("Demo: Regional")]
    assert any("human rights" in title for title in regional)


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    generate(first, scale=1, seed=7)
    generate(second, scale=1, seed=7)
    for table in OUTPUT_TABLES:
        assert (first / f"{table}.csv").read_bytes() == (second / f"{table}.csv").read_bytes(), table
