"""Shared filters: URL round trip (pure and through a real app run), allow-lists, defaults."""

from __future__ import annotations

import datetime as dt

from dashboard import filters as flt

CHOICES = flt.Choices(
    first_date=dt.date(2010, 1, 1),
    last_date=dt.date(2025, 12, 31),
    states=("KAZ", "KGZ", "TJK", "TKM", "UZB"),
    pillars=("I", "II", "III", "IV"),
    areas=("legislation", "export_control"),
    funders=("EU", "NOR"),
)


def test_round_trip_of_every_field() -> None:
    chosen = flt.Filters(
        dt.date(2012, 3, 4),
        dt.date(2019, 5, 6),
        ("KGZ", "UZB"),
        ("II",),
        ("export_control",),
        ("NOR",),
        synthetic=False,
    )
    assert flt.from_query(chosen.to_query(), CHOICES) == chosen


def test_defaults_are_written_into_the_url() -> None:
    query = flt.defaults(CHOICES).to_query()
    assert query == {
        "from": "2010-01-01",
        "to": "2025-12-31",
        "states": "all",
        "pillars": "all",
        "areas": "all",
        "funders": "all",
        "synthetic": "1",
    }
    assert flt.from_query(query, CHOICES) == flt.defaults(CHOICES)


def test_unknown_codes_and_bad_dates_are_dropped() -> None:
    parsed = flt.from_query(
        {"from": "not-a-date", "to": "2031-01-01", "states": "KAZ,XXX,'; drop table", "pillars": "V", "synthetic": "0"},
        CHOICES,
    )
    assert parsed == flt.Filters(dt.date(2010, 1, 1), dt.date(2025, 12, 31), ("KAZ",), (), (), (), synthetic=False)


def test_reversed_period_is_put_in_order_and_all_codes_mean_all() -> None:
    parsed = flt.from_query({"from": "2020-01-01", "to": "2015-01-01", "states": "UZB,TKM,TJK,KGZ,KAZ"}, CHOICES)
    assert (parsed.start, parsed.end, parsed.states) == (dt.date(2015, 1, 1), dt.date(2020, 1, 1), ())


def test_params_are_the_seven_macro_parameters() -> None:
    assert set(flt.defaults(CHOICES).params()) == {"start", "end", "states", "pillars", "areas", "funders", "synthetic"}


def test_url_round_trip_through_the_app(run_page) -> None:
    """A copied link reopens the same view on any page: the app reads the URL and writes the same one back."""
    link = {
        "from": "2012-01-01",
        "to": "2015-06-30",
        "states": "KAZ,KGZ",
        "pillars": "II",
        "areas": "all",
        "funders": "NOR",
        "synthetic": "0",
    }
    for page in ("overview", "load_details"):
        at = run_page(page, link)
        assert not at.exception
        assert {k: at.query_params[k] for k in link} == link


def test_dates_outside_the_data_are_clamped_to_it(run_page) -> None:
    """The fixture data runs from 2011-07-21 and was loaded on 2026-11-29 (its as-of date): a link beyond that opens
    the covered period; the period never ends after the as-of date."""
    at = run_page("overview", {"from": "2001-01-01", "to": "2030-01-01"})
    assert (at.query_params["from"], at.query_params["to"]) == ("2011-07-21", "2026-11-29")


def test_the_default_period_runs_to_the_data_as_of_date(run_page) -> None:
    """Finding: the default period ended at the latest receipt, event or status date (2015-12-01 in the fixture),
    hiding what was loaded after it; it now ends on the day the data was loaded, and the sidebar says so."""
    at = run_page("overview")
    assert at.date_input(key="w_period").value == (dt.date(2011, 7, 21), dt.date(2026, 11, 29))
    assert (at.query_params["from"], at.query_params["to"]) == ("2011-07-21", "2026-11-29")
    assert any("Data as of 2026-11-29" in c.value for c in at.sidebar.caption)
    assert any(c.value.startswith("Data as of 2026-11-29 (loaded ") for c in at.main.caption)
