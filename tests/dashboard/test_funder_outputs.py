"""Funder outputs page: the EU's and Norway's figures on the fixture set, counted by hand; 'not recorded' where the
data attributes nothing; funders side by side in alphabetical order; the public view's consent rule.

The fixture set (tests/fixtures/good), as a donor would count it by hand:
- events: EV-ALMATY-2011 (funders EU|NOR, 80 participants; KAZ host+participant, KGZ, TJK, TKM participants; NOR a
  funder row), EV-ASTANA-2011 (funder NOR, 62 participants; KAZ host; UZB observer, disputed), EV-BISHKEK-2015
  (funder EU, 25 participants, synthetic; KGZ host, TJK participant).
- offers: O-UNODC-1 (UNODC), O-EU-1 (EU), matched only by M-3 (proposed 2014-03-01, not delivered) to R-TKM-1, the
  one request whose State did not consent: the public file holds neither the request nor the offer.
"""

from __future__ import annotations

import io

import hxl
import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard import export_formats
from tests.dashboard.test_access_pages import MARKERS

# EU: Almaty + Bishkek = 2 meetings; 80 + 25 = 105 participants (both record one); States reached: Almaty's KAZ, KGZ,
# TJK, TKM (Bishkek adds none: KGZ, TJK) = 4. Provider of O-EU-1: internally 1 request matched (R-TKM-1 via M-3),
# 0 delivered; publicly the offer is not in the file, so assistance is not recorded.
EU_INTERNAL = {
    "meetings_held": 2,
    "participants": 105,
    "states_reached": 4,
    "requests_matched": 1,
    "requests_delivered": 0,
}
EU_PUBLIC = dict(EU_INTERNAL, requests_matched=None, requests_delivered=None)
# Norway: Almaty + Astana = 2 meetings; 80 + 62 = 142; States: Almaty's four (Astana adds KAZ again; UZB's row there
# is disputed, not counted) = 4. Norway made no offer: assistance not recorded in either view.
NOR = {
    "meetings_held": 2,
    "participants": 142,
    "states_reached": 4,
    "requests_matched": None,
    "requests_delivered": None,
}


def summary(at) -> pd.DataFrame:
    frame = next(d.value for d in at.dataframe if "not_recorded" in d.value.columns)
    return frame.set_index("funder")


def check(row: pd.Series, expected: dict) -> None:
    for column, value in expected.items():
        if value is None:
            assert pd.isna(row[column]), (column, row[column])
        else:
            assert row[column] == value, (column, row[column], value)


def metrics(at) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def test_eu_and_norway_figures_public(run_page) -> None:
    at = run_page("funder_outputs")
    assert not at.exception
    table = summary(at)
    assert list(table["funder_name"]) == ["European Union", "Norway"]  # alphabetical, side by side
    check(table.loc["EU"], EU_PUBLIC)
    check(table.loc["NOR"], NOR)
    assert "assistance not recorded" in table.loc["NOR", "not_recorded"]
    assert "Joint Plan items not attributed" in table.loc["EU", "not_recorded"]
    shown = metrics(at)
    assert ("Requests matched with its offers", "not recorded") in shown
    assert ("Participants at meetings funded", "105") in shown
    assert any(c.value == "Participants: 105, recorded for 2 of 2 meetings funded." for c in at.caption)
    assert any("Joint Plan of Action items completed: not recorded" in c.value for c in at.caption)


def test_eu_and_norway_figures_internal(run_page, internal_view) -> None:
    table = summary(run_page("funder_outputs"))
    check(table.loc["EU"], EU_INTERNAL)
    check(table.loc["NOR"], NOR)


def test_funder_filter_and_synthetic_switch(run_page) -> None:
    """One funder chosen: only it. Synthetic rows off: the EU keeps Almaty only (80 participants, 4 States)."""
    table = summary(run_page("funder_outputs", {"funders": "EU", "synthetic": "0"}))
    assert list(table.index) == ["EU"]
    check(table.loc["EU"], {"meetings_held": 1, "participants": 80, "states_reached": 4})


def test_state_filter_narrows_reach(run_page) -> None:
    """States=KGZ: meetings where KGZ took part: Almaty (EU, NOR) and Bishkek (EU); States reached 1 each."""
    table = summary(run_page("funder_outputs", {"states": "KGZ"}))
    check(table.loc["EU"], {"meetings_held": 2, "states_reached": 1, "participants": 105})
    check(table.loc["NOR"], {"meetings_held": 1, "states_reached": 1, "participants": 80})


def test_roles_table_keeps_roles_and_leaves_disputed_out(run_page) -> None:
    roles = next(d.value for d in run_page("funder_outputs").dataframe if "role_label" in d.value.columns)
    nor = roles[roles["funder"] == "NOR"]
    assert set(zip(nor["state_id"], nor["role"], nor["meetings_attended"], strict=True)) == {
        ("KAZ", "host", 2),
        ("KAZ", "participant", 1),
        ("KGZ", "participant", 1),
        ("TJK", "participant", 1),
        ("TKM", "participant", 1),
    }
    assert "UZB" not in set(roles["state_id"])  # its only row (Astana) is disputed


def test_over_time_chart_draws_phases_and_milestones(run_page) -> None:
    import json

    at = run_page("funder_outputs")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    texts = [a.get("text") for a in spec["layout"].get("annotations", [])]
    assert "Joint Plan adopted (Ashgabat)" in texts and "Phase II" in texts
    assert "European Union" in texts and "Norway" in texts  # one panel each
    assert len(spec["layout"]["shapes"]) >= 8
    assert all(texts), "an annotation without text: plotly.js draws it as 'new text'"


def test_empty_period_explains(run_page) -> None:
    at = run_page("funder_outputs", {"from": "2020-01-01", "to": "2020-01-02"})
    assert not at.exception
    assert any("Nothing recorded" in i.value or "Nothing matches" in i.value for i in at.info)


def click_every_download(monkeypatch: pytest.MonkeyPatch) -> None:
    """Downloads are built on the click (a callable): click each one as it is drawn, as a person would."""
    import streamlit as st

    original = st.download_button

    def clicking(label, data, *args, **kwargs):  # noqa: ANN001, ANN202 - Streamlit's signature
        if callable(data):
            data()
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", clicking)


def downloaded_as(run_page, monkeypatch: pytest.MonkeyPatch, stem: str, chosen: str) -> bytes:
    """Every table of a page downloaded as Excel / HXL, each file opened (openpyxl, libhxl): their text, joined."""
    served: list[bytes] = []
    builder = "to_xlsx" if chosen == "xlsx" else "to_hxl_csv"
    original = getattr(export_formats, builder)

    def recording(*args, **kwargs) -> bytes:
        data = original(*args, **kwargs)
        served.append(data)
        return data

    monkeypatch.setattr(export_formats, builder, recording)
    click_every_download(monkeypatch)
    at = run_page(stem)
    keys = [w.key for w in at.segmented_control if str(w.key).startswith("fmt_")]
    assert keys, "no download on the page"
    for key in keys:
        at.segmented_control(key=key).set_value(chosen)
    at.run()
    assert not at.exception
    assert len(served) >= len(keys)
    texts = []
    for data in served:
        if chosen == "xlsx":
            book = load_workbook(io.BytesIO(data))
            assert book.sheetnames[-1] == "About"
            texts.append("\n".join(str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r).encode())
        else:
            assert list(hxl.data(io.BytesIO(data)).columns), "libhxl read no hashtags"
            texts.append(data)
    return b"\n".join(texts)


@pytest.mark.parametrize("chosen", ["xlsx", "hxl"])
@pytest.mark.parametrize("stem", ["funder_outputs", "assistance_pipeline", "state_profile"])
def test_excel_and_hxl_downloads_of_the_public_view_hold_no_unpublished_marker(
    run_page, monkeypatch: pytest.MonkeyPatch, chosen: str, stem: str
) -> None:
    text = downloaded_as(run_page, monkeypatch, stem, chosen)
    assert not {m for m in MARKERS if m in text}


@pytest.mark.parametrize("chosen", ["xlsx", "hxl"])
def test_the_same_scan_finds_the_markers_in_the_internal_view(
    run_page, monkeypatch: pytest.MonkeyPatch, internal_view, chosen: str
) -> None:
    """So the public scan is not vacuous: internally the register's Excel / HXL files carry R-TKM-1's markers."""
    text = downloaded_as(run_page, monkeypatch, "request_register", chosen)
    assert {m for m in MARKERS if m in text} == set(MARKERS)


def test_excel_about_sheet_states_filters_as_of_and_definitions(run_page, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[bytes] = []
    original = export_formats.to_xlsx
    monkeypatch.setattr(export_formats, "to_xlsx", lambda *a, **k: served.append(original(*a, **k)) or served[-1])
    click_every_download(monkeypatch)
    at = run_page("funder_outputs", {"funders": "NOR"})
    at.segmented_control(key="fmt_funder_outputs_summary").set_value("xlsx").run()
    books = [load_workbook(io.BytesIO(data)) for data in served]
    book = next(b for b in books if b.sheetnames[0] == "funder_outputs_summary")  # not the page's whole workbook
    assert book.sheetnames == ["funder_outputs_summary", "About"]
    about = dict(r for r in book["About"].iter_rows(values_only=True) if r[0])
    assert about["Data as of"] == "2026-11-29"
    assert about["Filter: Funders"] == "NOR"
    assert about["Definition: Meetings funded"].startswith("Meetings held in the period")
    assert "Public view" in about["View"]


def embedded_page(stem: str, query: dict[str, str], **options):
    """The page as an <iframe> shows it: ?embed=true (st.context.is_embedded) plus the URL's filters."""
    from streamlit.testing.v1 import AppTest

    from tests.dashboard.conftest import APP

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.context = {"is_embedded": True}
    for key, value in query.items():
        at.query_params[key] = value
    for key, value in options.items():
        setattr(at, key, value)
    at.run()
    at.switch_page(f"pages/{stem}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_embedded_view_has_no_sidebar_no_widgets_and_the_urls_filters(run_page) -> None:
    at = embedded_page("funder_outputs", {"funders": "NOR", "synthetic": "0"})
    assert not at.sidebar.children, "the embedded view drew into the sidebar"
    for kind in ("multiselect", "date_input", "toggle", "button", "segmented_control", "number_input", "selectbox"):
        assert not getattr(at, kind), f"embedded view shows a {kind}"
    assert not at.get("download_button")
    table = summary(at)
    assert list(table.index) == ["NOR"]
    assert any("Embedded view" in c.value and "NOR" in c.value for c in at.caption)
    # the URL is not rewritten from widgets: it keeps exactly what the donor's link said
    assert "from" not in at.query_params and "pillars" not in at.query_params


def test_embedded_view_is_public_even_for_an_internal_session(run_page, internal_view) -> None:
    """DASHBOARD_LOCAL_INTERNAL=1 (or a signed-in expert's cookie) gives the internal view, but never when embedded:
    the EU's assistance (only to the unpublished R-TKM-1) is not recorded there, and the marker is public."""
    at = embedded_page("funder_outputs", {"view": "internal"})
    check(summary(at).loc["EU"], EU_PUBLIC)
    assert any("Public view" in m.value for m in at.markdown)
    assert not any("Internal view" in m.value for m in at.markdown)
    not_embedded = run_page("funder_outputs", {"view": "internal"})
    check(summary(not_embedded).loc["EU"], EU_INTERNAL)  # so the test can tell the two views apart


def test_embedded_view_is_public_for_a_signed_in_expert() -> None:
    from tests.dashboard.test_access_pages import EXPERT, SECRETS

    at = embedded_page("funder_outputs", {}, user=EXPERT, secrets=SECRETS)
    check(summary(at).loc["EU"], EU_PUBLIC)


def test_one_workbook_holds_every_table_of_the_page(run_page, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[bytes] = []
    original = export_formats.to_xlsx
    monkeypatch.setattr(export_formats, "to_xlsx", lambda *a, **k: served.append(original(*a, **k)) or served[-1])
    click_every_download(monkeypatch)
    run_page("funder_outputs")
    book = load_workbook(io.BytesIO(served[-1]))
    assert book.sheetnames == [
        "Figures side by side",
        "By year",
        "States and roles",
        "Meetings funded",
        "Project timeline",
        "About",
    ]
    about = [r for r in book["About"].iter_rows(values_only=True)]
    assert ("Sources", "https://example.org/almaty") in about  # the meetings' sources, cited
    rows = list(book["Meetings funded"].iter_rows(values_only=True))
    assert len(rows) == 1 + 4  # EU: Almaty, Bishkek; NOR: Almaty, Astana
