"""Briefing packs built from the fixture warehouse (real ETL, real DuckDB, real kaleido/Chromium), opened again with
python-pptx and a PDF text reader: structure, figures equal to the measures, sources, the illustrative-data mark,
the consent rule in the public view, and reproducibility. The summary's rules: test_briefing_summary.py."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from pptx import Presentation

from dashboard import filters as flt
from dashboard import warehouse
from dashboard.briefing import Files, Spec, build
from dashboard.briefing.__main__ import main as cli
from dashboard.briefing.content import SLIDE_ROWS, Runner
from dashboard.briefing.pptx_writer import KEYS_PER_SLIDE, SOURCES_PER_SLIDE
from dashboard.briefing.summary import long_date
from dashboard.charts.common import ILLUSTRATIVE_MARK
from dashboard.i18n import t
from dashboard.measures.catalogue import measure
from tests.dashboard.pdf_text import read

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SECRETS = (b"ZZSECRET", b"R-TKM-1")  # planted in tests/fixtures/good: the one request without consent
MARK = t("briefing.illustrative")
#: Extra arguments of each figures macro after the seven shared ones (dashboard/measures).
EXTRA = {"meeting_figures": (), "plan_figures": (), "jpoa_figures": ("as_of", "since", "all")}


def public_path(internal: Path) -> Path:
    return internal.with_name(f"{internal.stem}.public{internal.suffix}")


def path_for(view: str, internal: Path) -> Path:
    return internal if view == "internal" else public_path(internal)


def default_filters(path: Path, **changes: object) -> flt.Filters:
    run = Runner(path)
    try:
        row = run("shared_filter_choices").iloc[0]
    finally:
        run.close()
    return replace(flt.Filters(start=row["first_date"].date(), end=row["last_date"].date()), **changes)


CASES = [("public", "TKM"), ("internal", "TKM"), ("public", None), ("internal", None)]


@pytest.fixture(scope="module")
def packs(fixture_warehouse: Path) -> dict[tuple[str, str | None], Files]:
    """The packs as the pages build them: the file is the one the dashboard's settings give the view."""
    built = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DASHBOARD_WAREHOUSE", str(fixture_warehouse))
        patch.delenv("DASHBOARD_PUBLIC_WAREHOUSE", raising=False)
        for view, state in CASES:
            spec = Spec(view, default_filters(path_for(view, fixture_warehouse)), state, since=dt.date(2013, 1, 1))
            built[(view, state)] = build(spec)
    return built


def slides_text(deck: bytes) -> list[list[str]]:
    """Each slide's texts: every text frame's and every table cell's, in shape order."""
    slides = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
        slides.append(texts)
    return slides


def flat(text: str) -> str:
    return " ".join(text.split())


def measure_value(con, key: str, filters: flt.Filters, since: dt.date) -> float | None:  # noqa: ANN001
    """The measure's value straight from its catalogue macro and column, for the filters."""
    item = measure(key)
    extra = EXTRA.get(item.macro, ("all",))
    values = {"as_of": filters.end, "since": since, "all": "all"}
    args = ", ".join(
        ["$start", "$end", "$states", "$pillars", "$areas", "$funders", "$synthetic"] + [f"$x_{e}" for e in extra]
    )
    params = dict(filters.params(), **{f"x_{e}": values[e] for e in extra})
    frame = con.execute(f"select {item.column} as v from {item.macro}({args})", params).df()
    value = frame.iloc[0]["v"]
    return None if value != value else float(value)  # NaN: nothing to judge


def cursor(path: Path):  # noqa: ANN201
    con = warehouse.open_readonly(str(path)).cursor()
    con.execute(f"set search_path = '{warehouse.SEARCH_PATH}'")
    return con


def shown(key: str, value: float | None) -> str:
    if value is None:
        return t("common.not_applicable") if key == "share_within_rule" else "–"
    return f"{value:.0%}" if key == "share_within_rule" else f"{value:,.0f}"


@pytest.mark.parametrize(("view", "state"), CASES)
def test_deck_and_pdf_hold_every_section(packs, view: str, state: str | None) -> None:
    files = packs[(view, state)]
    pack = files.pack
    titles = [pack.title, t("briefing.summary_title")]
    titles += [t("briefing.states_title")] if pack.state_lines else []
    titles += [t("briefing.key_figures_title")] * math.ceil(len(pack.key_figures) / KEYS_PER_SLIDE)
    titles += [*(c.title for c in pack.charts), *(tb.title for tb in pack.tables)]
    titles += [t("briefing.sources_title")] * max(1, math.ceil(len(pack.sources) / SOURCES_PER_SLIDE))
    slides = slides_text(files.pptx)
    assert [texts[0] for texts in slides] == titles
    deck = Presentation(io.BytesIO(files.pptx))
    pictures = sum(1 for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13)
    assert pictures == len(pack.charts) and "map" in {c.key for c in pack.charts}
    assert state or "progress" in {c.key for c in pack.charts}  # the region's Joint Plan progress (TKM has no item)
    assert files.names == (f"{pack.spec.stem}.pptx", f"{pack.spec.stem}.pdf")
    assert pack.spec.stem == f"briefing_{state or 'region'}_{pack.spec.filters.end.isoformat()}_{view}"

    pdf = read(files.pdf)
    assert pdf.images == len(pack.charts)
    text = flat(pdf.text)
    for title in titles:
        assert flat(title) in text, title
    assert t("briefing.map_disclaimer") in text
    assert "Туркменистан" in text if state == "TKM" else True  # Cyrillic prints (embedded DejaVu Sans)
    for line in pack.title_lines[:-1]:  # the address is broken across lines in the PDF
        assert flat(line) in text
    assert pack.spec.url() in "".join(pdf.text.split())


@pytest.mark.parametrize(("view", "state"), CASES)
def test_every_key_figure_equals_its_measure(packs, fixture_warehouse: Path, view: str, state: str | None) -> None:
    files = packs[(view, state)]
    pack = files.pack
    filters = pack.spec.filters if not state else flt.with_states(pack.spec.filters, (state,))
    con = cursor(path_for(view, fixture_warehouse))
    slide = [text for s in slides_text(files.pptx) if s[0] == t("briefing.key_figures_title") for text in s]
    pdf = flat(read(files.pdf).text)
    for line in pack.key_figures:
        value = measure_value(con, line.measure, filters, pack.spec.since)
        if line.measure == "jpoa_completed":
            items = measure_value(con, "jpoa_items", filters, pack.spec.since)
            expected = t("state_profile.items_value", completed=int(value), items=int(items)) if items else "–"
        else:
            expected = shown(line.measure, value)
        assert line.value == expected, line.measure
        assert line.name == measure(line.measure).name()
        at = slide.index(line.name)
        assert slide[at + 1 : at + 3] == [expected, line.definition]
        assert flat(f"{line.name} {expected} {line.definition}") in pdf


@pytest.mark.parametrize(("view", "state"), CASES)
def test_every_cited_source_is_listed_with_its_link_and_type(packs, fixture_warehouse, view, state) -> None:
    pack = packs[(view, state)].pack
    run = Runner(path_for(view, fixture_warehouse))
    try:
        filters = pack.spec.filters
        if state:
            params = dict(flt.with_states(filters, (state,)).params(), state=state)
            frames = [run(q, **params) for q in ("state_profile_roles", "state_profile_plans", "state_profile_changes")]
            frames.append(run("state_profile_requests", **params, show_unpublished=view == "internal"))
            cited = {run("state_profile_state", state=state).iloc[0]["source_url"]}
        else:
            frames = [run("overview_latest_changes", **filters.params(), limit=12)]
            cited = set()
        for frame in frames:
            cited |= {u for u, s in zip(frame["source_url"], frame["is_synthetic"], strict=True) if u and not s}
        listed = run("briefing_sources", urls=sorted(cited))
    finally:
        run.close()
    assert {s.url for s in pack.sources} == cited
    assert [s.number for s in pack.sources] == list(range(1, len(pack.sources) + 1))
    types = dict(zip(listed["source_url"], listed["source_type_en"], strict=True))
    deck = flat(" ".join(" ".join(s) for s in slides_text(packs[(view, state)].pptx)))
    pdf = "".join(read(packs[(view, state)].pdf).text.split())
    for source in pack.sources:
        assert source.source_type == types.get(source.url, t("briefing.source_unlisted"))
        assert flat(f"[{source.number}] {source.title} ({source.source_type}") in deck
        assert "".join(f"[{source.number}] {source.title} ({source.source_type}".split()) in pdf
        assert "".join(source.url.split()) in pdf
    links = {
        run.hyperlink.address
        for slide in Presentation(io.BytesIO(packs[(view, state)].pptx)).slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.hyperlink.address
    }
    assert links == {s.link for s in pack.sources if s.link}


def marked(figure) -> bool:  # noqa: ANN001
    return any(getattr(a, "name", None) == ILLUSTRATIVE_MARK for a in figure.layout.annotations)


def test_the_mark_is_on_every_slide_and_page_exactly_when_synthetic_rows_count(fixture_warehouse: Path) -> None:
    path = public_path(fixture_warehouse)
    for state in ("KAZ", None):
        with_demo = build(Spec("public", default_filters(path), state), path)
        without = build(Spec("public", default_filters(path, synthetic=False), state), path)
        assert with_demo.pack.illustrative and not without.pack.illustrative
        # The images themselves carry it (rendered from these figures): a chart copied out of the deck keeps it.
        assert with_demo.pack.charts and all(marked(c.figure) for c in with_demo.pack.charts)
        assert not any(marked(c.figure) for c in without.pack.charts)
        assert all(MARK in texts for texts in slides_text(with_demo.pptx))
        assert all(MARK in page for page in read(with_demo.pdf).pages)
        assert not any(MARK in " ".join(texts) for texts in slides_text(without.pptx))
        assert not any(MARK in page for page in read(without.pdf).pages)


def pptx_xml(deck: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        return b"".join(archive.read(name) for name in archive.namelist() if not name.startswith("ppt/media/"))


@pytest.mark.parametrize("state", ["TKM", None])
def test_a_public_pack_holds_no_unpublished_request(packs, state: str | None) -> None:
    public, internal = packs[("public", state)], packs[("internal", state)]
    for secret in SECRETS:
        assert secret not in pptx_xml(public.pptx)
        assert secret.decode() not in read(public.pdf).text
    if state:  # the scan sees the planted request where it may be shown: the internal pack
        assert b"R-TKM-1" in pptx_xml(internal.pptx) and "ZZSECRET" in read(internal.pdf).text


def test_the_same_inputs_build_the_same_files(packs, fixture_warehouse: Path) -> None:
    path = public_path(fixture_warehouse)
    first = packs[("public", "TKM")]
    again = build(first.pack.spec, path)
    with zipfile.ZipFile(io.BytesIO(first.pptx)) as a, zipfile.ZipFile(io.BytesIO(again.pptx)) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name
    assert read(first.pdf).pages == read(again.pdf).pages
    assert first.pdf == again.pdf
    core = Presentation(io.BytesIO(first.pptx)).core_properties
    assert core.created == core.modified == dt.datetime.combine(first.pack.as_of, dt.time())
    assert re.search(rb"/CreationDate \(D:" + first.pack.as_of.strftime("%Y%m%d").encode(), first.pdf)


def test_the_command_reads_the_public_file_for_the_public_view(
    fixture_warehouse: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(fixture_warehouse))
    end = default_filters(fixture_warehouse).end.isoformat()
    assert cli(["--state", "TKM", "--to", end, "--view", "public", "--out", str(tmp_path / "public")]) == 0
    assert cli(["--region", "--to", end, "--view", "internal", "--out", str(tmp_path / "internal")]) == 0
    deck = tmp_path / "public" / f"briefing_TKM_{end}_public.pptx"
    assert deck.exists() and (tmp_path / "public" / f"briefing_TKM_{end}_public.pdf").exists()
    assert not any(secret in pptx_xml(deck.read_bytes()) for secret in SECRETS)
    assert (tmp_path / "internal" / f"briefing_region_{end}_internal.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(SystemExit):
        cli(["--state", "XXX", "--out", str(tmp_path)])


def test_the_page_action_builds_the_pack_of_the_page(fixture_warehouse: Path) -> None:
    """The State profile's button builds with the page's State, filters and view, then offers both files."""
    from tests.dashboard.conftest import run_page

    at = run_page("state_profile", {"to": "2015-01-01"}, timeout=120)
    at.selectbox(key="sp_state").set_value("TKM").run()
    next(b for b in at.button if b.label == t("briefing.action")).click().run()
    assert not at.exception
    spec, names, deck, pdf = at.session_state["briefing_pack"]
    assert (spec.view, spec.state, spec.filters.end) == ("public", "TKM", dt.date(2015, 1, 1))
    assert names == ("briefing_TKM_2015-01-01_public.pptx", "briefing_TKM_2015-01-01_public.pdf")
    labels = [b.label for b in at.get("download_button")]
    assert t("briefing.download_pptx") in labels and t("briefing.download_pdf") in labels
    assert not any(secret in pptx_xml(deck) for secret in SECRETS) and pdf.startswith(b"%PDF")


def shortlist_tables(deck: bytes) -> list[list[list[str]]]:
    """The rows (header first) of every table on the deck's shortlist slides."""
    found = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if t("briefing.table_shortlist") not in texts:
            continue
        for shape in slide.shapes:
            if shape.has_table:
                found.append([[cell.text for cell in row.cells] for row in shape.table.rows])
    return found


def expected_shortlist(path: Path, filters: flt.Filters, weights, size: int):  # noqa: ANN001, ANN201
    """The planner's own shortlist table for these filters and weights (what its page shows)."""
    from dashboard.charts.workshop_planner import shortlist_table

    run = Runner(path)
    try:
        scores = run("workshop_planner_shortlist", **filters.params(), **weights.params(), size=size)
        labels = {
            v: dict(run("shared_vocab_labels", vocabulary=v)[["code", "label"]].values) for v in ("area", "pillar")
        }
    finally:
        run.close()
    return shortlist_table(scores, labels["area"], labels["pillar"])


@pytest.mark.parametrize("state", ["KGZ", None])
def test_the_shortlist_section_holds_the_planners_rows_for_the_weights(fixture_warehouse: Path, state) -> None:
    """Weights 1 / 3 / 1 put KGZ x pillar II first (tests/dashboard/test_workshop_planner.py counts it by hand); the
    State pack lists only the State's pairs, the regional pack the top pairs of every State."""
    from dashboard.briefing.pptx_writer import CELL_CHARS
    from dashboard.charts.workshop_planner import Weights

    path = public_path(fixture_warehouse)
    weights = Weights(1, 3, 1)
    files = build(Spec("public", default_filters(path), state, shortlist=weights, shortlist_size=6), path)
    scope = flt.with_states(default_filters(path), (state,)) if state else default_filters(path)
    expected = expected_shortlist(path, scope, weights, 6)
    assert len(expected) == 6
    table = next(tb for tb in files.pack.tables if tb.key == "shortlist")
    frame = table.frame
    assert list(frame[t("workshop_planner.col_reason")]) == list(expected["reason"])
    assert list(frame[t("briefing.col_state")]) == list(expected["state_name"])
    assert list(frame[t("workshop_planner.col_topic")]) == list(expected["topic_label"])
    assert list(frame[t("workshop_planner.col_dimension")]) == list(expected["kind"])
    assert set(expected["kind"]) == {"Assistance area", "Strategy pillar"}  # the kind in words, never the code
    assert list(frame[t("workshop_planner.col_score")]) == [f"{v:.2f}" for v in expected["focus_score"]]
    if state:
        assert set(expected["state_id"]) == {"KGZ"}
        assert (expected.iloc[0]["dimension"], expected.iloc[0]["topic"]) == ("pillar", "II")
    else:
        assert len(set(expected["state_id"])) > 1
    assert "never States' performance" in table.note and "1 x unmet request items + 3 x Joint Plan" in table.note
    # The slide: the top rows with their reasons in words, the weights and the words about gaps.
    (rows,) = shortlist_tables(files.pptx)
    reasons = [row[-2] if "synthetic_rows" in expected.columns else row[-1] for row in rows[1:]]
    assert reasons == [r if len(r) <= CELL_CHARS else r[: CELL_CHARS - 1] + "…" for r in expected["reason"]]
    assert any(table.note in texts for texts in slides_text(files.pptx))
    # The PDF page: its title, the weights and the words about gaps, and the first reason in words.
    text = flat(read(files.pdf).text)
    assert t("briefing.table_shortlist") in text and flat(table.note) in text
    assert flat(expected.iloc[0]["reason"]) in text


def test_the_shortlist_section_is_there_only_when_asked(packs, fixture_warehouse: Path, tmp_path: Path) -> None:
    for files in packs.values():
        assert not any(tb.key == "shortlist" for tb in files.pack.tables)
        assert not shortlist_tables(files.pptx) and t("briefing.table_shortlist") not in read(files.pdf).text
    assert cli(["--region", "--with-shortlist", "--out", str(tmp_path)]) == 0  # the public file (the fixture's)
    stem = f"briefing_region_{default_filters(fixture_warehouse).end.isoformat()}_public"
    (rows,) = shortlist_tables((tmp_path / f"{stem}.pptx").read_bytes())
    assert len(rows) - 1 == min(SLIDE_ROWS, 10)  # the command's default size (10), trimmed to a slide's rows
    assert "3 x unmet request items + 2 x Joint Plan" in flat(read((tmp_path / f"{stem}.pdf").read_bytes()).text)


@pytest.mark.parametrize("state", ["TKM", None])
def test_a_public_pack_with_the_shortlist_holds_no_unpublished_request(fixture_warehouse: Path, state) -> None:
    from dashboard.charts.workshop_planner import DEFAULT_WEIGHTS

    path = public_path(fixture_warehouse)
    files = build(Spec("public", default_filters(path), state, shortlist=DEFAULT_WEIGHTS), path)
    assert any(tb.key == "shortlist" for tb in files.pack.tables)
    for secret in SECRETS:
        assert secret not in pptx_xml(files.pptx)
        assert secret.decode() not in read(files.pdf).text


def test_the_shortlist_is_marked_illustrative_exactly_when_synthetic_rows_score(fixture_warehouse: Path) -> None:
    from dashboard.charts.workshop_planner import DEFAULT_WEIGHTS

    path = public_path(fixture_warehouse)
    with_demo = build(Spec("public", default_filters(path), "KGZ", shortlist=DEFAULT_WEIGHTS), path)
    without = build(Spec("public", default_filters(path, synthetic=False), "KGZ", shortlist=DEFAULT_WEIGHTS), path)
    assert with_demo.pack.synthetic_scored > 0 and without.pack.synthetic_scored == 0
    assert not without.pack.illustrative
    assert not any(MARK in " ".join(texts) for texts in slides_text(without.pptx))


@pytest.mark.parametrize("view", ["public", "internal"])
def test_the_regional_joint_plan_chart_and_its_table_equal_the_measures(packs, fixture_warehouse: Path, view) -> None:
    """The pillar progress page's heatmap, as an image, with its cells listed: their totals are the region's measures
    as of the period end and since the briefing date (2013-01-01 in these packs)."""
    pack = packs[(view, None)].pack
    chart = next(c for c in pack.charts if c.key == "progress")
    assert chart.png.startswith(b"\x89PNG") and chart.title == t(
        "briefing.chart_progress", end=long_date(pack.spec.filters.end)
    )
    heat = chart.figure.data[0]
    assert heat.type == "heatmap"
    table = next(tb for tb in pack.tables if tb.key == "progress").frame
    con = cursor(path_for(view, fixture_warehouse))
    since = pack.spec.since
    for column, key in (
        (t("briefing.col_items"), "jpoa_items"),
        (t("briefing.col_completed"), "jpoa_completed"),
        (t("briefing.col_completed_since", since=long_date(since)), "jpoa_completed_since"),
    ):
        total = sum(int(v) for v in table[column])
        assert total == measure_value(con, key, pack.spec.filters, since), column
    states = list(dict.fromkeys(table[t("briefing.col_state")]))
    assert states == ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]  # by code, not ranked
