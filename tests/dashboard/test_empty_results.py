"""No page breaks on an empty result, whatever its controls say (AppTest, fixture warehouse, both views).

Each page is opened once per view and walked: the shared sidebar filters are set to every single option and to
results that hold nothing (a one-day period with nothing in it, a State with nothing, synthetic data off, all at
once), and under the empty ones and the defaults every option of the page's own controls is tried: coverage map
measure, focus State and flows toggle; pipeline request picker; pillar progress as-of / since dates and drill-down;
State profile State; register unpublished toggle; meetings event picker. After every run there must be no
exception element.

Fixture facts: data from 2011-07-21 to 2015-12-01; nothing at all happens on 2011-08-15 (the first request comes in
2012); on 2014-06-16 nothing happens either, but requests are open and Joint Plan items recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.charts.coverage_map import MEASURES
from dashboard.navigation import pages_for
from tests.dashboard.conftest import APP

STATES = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
PILLARS = ("I", "II", "III", "IV")
AREAS = ("legislation", "accounting_securing", "physical_protection", "border_law_enforcement", "export_control")
FUNDERS = ("EU", "NOR")
FIRST, LAST = dt.date(2011, 7, 21), dt.date(2015, 12, 1)
NOTHING_DAY, QUIET_DAY = dt.date(2011, 8, 15), dt.date(2014, 6, 16)


def no_exception(at: AppTest, where: str) -> None:
    assert not at.exception, f"{where}: {[e.value for e in at.exception]}"


def has(at: AppTest, kind: str, key: str) -> bool:
    return any(getattr(widget, "key", None) == key for widget in getattr(at, kind))


# --- the shared sidebar ------------------------------------------------------------------------------------------


def sidebar(period: tuple[dt.date, dt.date] = (FIRST, LAST), synthetic: bool = True, **lists: list[str]):
    """A setter for the shared sidebar filters (the State list is absent on the State profile)."""

    def apply(at: AppTest) -> None:
        at.date_input(key="w_period").set_value(period)
        for name in ("states", "pillars", "areas", "funders"):
            if has(at, "multiselect", f"w_{name}"):
                at.multiselect(key=f"w_{name}").set_value(lists.get(name, []))
        at.toggle(key="w_synthetic").set_value(synthetic)

    return apply


EMPTY_FILTERS = {
    "defaults": sidebar(),
    "nothing_day": sidebar((NOTHING_DAY, NOTHING_DAY)),
    "quiet_day": sidebar((QUIET_DAY, QUIET_DAY)),
    "no_synthetic": sidebar(synthetic=False),
    "state_with_nothing": sidebar((NOTHING_DAY, NOTHING_DAY), synthetic=False, states=["UZB"]),
}
EVERY_OPTION = {
    **{f"state_{s}": sidebar(states=[s]) for s in STATES},
    **{f"pillar_{p}": sidebar(pillars=[p]) for p in PILLARS},
    **{f"area_{a}": sidebar(areas=[a]) for a in AREAS},
    **{f"funder_{f}": sidebar(funders=[f]) for f in FUNDERS},
}


# --- each page's own controls ------------------------------------------------------------------------------------


def walk_coverage_map(at: AppTest, where: str) -> None:
    in_scope = len(at.selectbox(key="cov_focus").options) - 1
    for measure in MEASURES:
        at.segmented_control(key="cov_measure").set_value(measure).run()
        no_exception(at, f"{where} measure {measure}")
    for state in [s for s in STATES if in_scope == len(STATES) or s == "UZB"]:
        at.selectbox(key="cov_focus").set_value(state).run()
        no_exception(at, f"{where} focus {state}")
    for shown in (False, True):
        at.toggle(key="cov_show_flows").set_value(shown).run()
        no_exception(at, f"{where} focus {state} flows {shown}")
    at.selectbox(key="cov_focus").set_value(None).run()
    no_exception(at, f"{where} focus cleared")


def walk_assistance_pipeline(at: AppTest, where: str) -> None:
    if not has(at, "selectbox", "pipeline_request"):
        return  # nothing to pick: the page said so and stopped
    for request in [option.split(" · ")[0] for option in at.selectbox(key="pipeline_request").options]:
        at.selectbox(key="pipeline_request").set_value(request).run()
        no_exception(at, f"{where} request {request}")


def walk_pillar_progress(at: AppTest, where: str) -> None:
    for as_of, since in [(NOTHING_DAY, NOTHING_DAY), (FIRST, LAST), (QUIET_DAY, FIRST), (LAST, FIRST)]:
        as_of_input, since_input = at.main.date_input
        as_of_input.set_value(as_of)
        since_input.set_value(since)
        at.run()
        no_exception(at, f"{where} as of {as_of} since {since}")
    if has(at, "selectbox", "pp_state"):
        for state, pillar in [*((s, PILLARS[0]) for s in STATES), *((STATES[-1], p) for p in PILLARS)]:
            at.selectbox(key="pp_state").set_value(state)
            at.selectbox(key="pp_pillar").set_value(pillar).run()
            no_exception(at, f"{where} drill {state} {pillar}")


def walk_state_profile(at: AppTest, where: str) -> None:
    for state in STATES:
        at.selectbox(key="sp_state").set_value(state).run()
        no_exception(at, f"{where} State {state}")


def walk_request_register(at: AppTest, where: str) -> None:
    for unpublished in (True, False):
        at.main.toggle[0].set_value(unpublished).run()
        no_exception(at, f"{where} unpublished only {unpublished}")


FIXTURE_EVENTS = {
    "EV-ALMATY-2011": "3rd Expert Meeting (fixture)",
    "EV-ASTANA-2011": "1540 workshop (fixture)",
    "EV-BISHKEK-2015": "Demo: training (fixture)",
}


def walk_meetings(at: AppTest, where: str) -> None:
    """Every meeting the picker lists opened, then none."""
    listed = at.selectbox(key="mt_event").options
    for event_id, title in FIXTURE_EVENTS.items():
        if any(title in option for option in listed):
            at.selectbox(key="mt_event").set_value(event_id).run()
            no_exception(at, f"{where} event {event_id}")
    at.selectbox(key="mt_event").set_value(None).run()
    no_exception(at, f"{where} no event")


def walk_workshop_planner(at: AppTest, where: str) -> None:
    for months in (1, 240):
        at.number_input(key="wp_months").set_value(months).run()
        no_exception(at, f"{where} N {months}")
    for weights in ((0.0, 0.0, 0.0), (100.0, 0.0, 0.0), (0.0, 0.0, 100.0)):
        for key, value in zip(("wp_w_unmet", "wp_w_jpoa", "wp_w_months"), weights, strict=True):
            at.number_input(key=key).set_value(value)
        at.run()
        no_exception(at, f"{where} weights {weights}")


def walk_downloads(at: AppTest, where: str) -> None:
    """Every table's Excel and HXL file built on this result (the builders run when the page is drawn)."""
    for chosen in ("xlsx", "hxl"):
        for widget in [w for w in at.segmented_control if str(w.key).startswith("fmt_")]:
            widget.set_value(chosen)
        at.run()
        no_exception(at, f"{where} downloads as {chosen}")


def walk_funder_outputs(at: AppTest, where: str) -> None:
    walk_downloads(at, where)


CONTROLS: dict[str, Callable[[AppTest, str], None]] = {
    "meetings": walk_meetings,
    "workshop_planner": walk_workshop_planner,
    "funder_outputs": walk_funder_outputs,
    "coverage_map": walk_coverage_map,
    "assistance_pipeline": walk_assistance_pipeline,
    "pillar_progress": walk_pillar_progress,
    "state_profile": walk_state_profile,
    "request_register": walk_request_register,
}


def open_page(stem: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    if stem != "overview":
        at.switch_page(f"pages/{stem}.py")
        at.run()
    no_exception(at, f"{stem} opened")
    return at


def cases() -> list[tuple[str, str]]:
    return [(view, spec.stem) for view in ("public", "internal") for spec in pages_for(view)]


@pytest.mark.parametrize(("view", "stem"), cases(), ids=[f"{v}-{s}" for v, s in cases()])
def test_no_page_breaks_on_an_empty_result(view: str, stem: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if view == "internal":
        monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    at = open_page(stem)
    if not has(at, "date_input", "w_period"):
        # The pages without the shared filters: opening them is the test (their controls have tests of their own).
        assert stem in ("load_details", "data_quality", "data_import")
        return
    walk = CONTROLS.get(stem)
    runs = 0
    for name, apply in {**EMPTY_FILTERS, **EVERY_OPTION}.items():
        apply(at)
        at.run()
        no_exception(at, f"{view} {stem} {name}")
        runs += 1
        if walk and name in EMPTY_FILTERS:
            walk(at, f"{view} {stem} {name}")
    assert runs == len(EMPTY_FILTERS) + len(EVERY_OPTION)


@pytest.mark.parametrize("view", ["public", "internal"])
def test_coverage_map_focus_on_an_empty_period_from_a_link(view: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding 7: /coverage_map?from=...&to=...&focus=TKM on a day with nothing raised KeyError: 'latitude'."""
    if view == "internal":
        monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    query = {"from": NOTHING_DAY.isoformat(), "to": NOTHING_DAY.isoformat(), "focus": "TKM"}
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/coverage_map.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    no_exception(at, "coverage map, empty period, focus TKM")
    assert at.selectbox(key="cov_focus").value == "TKM"
    assert any("Nothing matches the filters: meetings with a venue" in i.value for i in at.info)
