"""The deck (python-pptx): 16:9 slides laid out from a Pack; same content as the PDF.

Every slide carries the footer (scope, period end, view, as-of) and, when synthetic rows count, the "Illustrative
data" mark. The core properties are fixed from the load's as-of date, so the same inputs give the same deck.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from dashboard.briefing.content import SLIDE_ROWS, Pack, Table
from dashboard.i18n import t

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
UN_BLUE = RGBColor(0x00, 0x9E, 0xDB)
DARK = RGBColor(0x22, 0x22, 0x22)
GREY = RGBColor(0x55, 0x55, 0x55)
MARK = RGBColor(0xB0, 0x3A, 0x2E)
CELL_CHARS = 120  # longer cells are cut on a slide (the PDF appendix has them whole)
SOURCES_PER_SLIDE = 10
KEYS_PER_SLIDE = 4  # key figures with their whole definitions


def _text(slide, left, top, width, height, text: str, size: int = 14, bold: bool = False, colour=DARK):  # noqa: ANN001, ANN202
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour
    return box


def _slide(deck: Presentation, pack: Pack, title: str):  # noqa: ANN202 - python-pptx's Slide
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    _text(slide, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN - Inches(2.2), Inches(0.7), title, 26, True, UN_BLUE)
    footer = f"{pack.footer()} · {len(deck.slides)}"
    _text(slide, MARGIN, HEIGHT - Inches(0.45), WIDTH - 2 * MARGIN, Inches(0.3), footer, 9, colour=GREY)
    if pack.illustrative:
        mark = _text(
            slide,
            WIDTH - MARGIN - Inches(2.1),
            Inches(0.35),
            Inches(2.1),
            Inches(0.4),
            t("briefing.illustrative"),
            12,
            True,
            RGBColor(0xFF, 0xFF, 0xFF),
        )
        mark.fill.solid()
        mark.fill.fore_color.rgb = MARK
        mark.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER
    return slide


def _cut(text: str) -> str:
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "…"


def _table(slide, frame: pd.DataFrame, widths: tuple[float, ...], top: Emu, font: int = 10, cut: bool = True) -> None:  # noqa: ANN001
    rows, cols = len(frame) + 1, len(frame.columns)
    width = WIDTH - 2 * MARGIN
    shape = slide.shapes.add_table(rows, cols, MARGIN, top, width, Inches(0.3) * rows)
    table = shape.table
    weights = widths if len(widths) == cols else (1.0,) * cols
    for i, weight in enumerate(weights):
        table.columns[i].width = Emu(int(width * weight / sum(weights)))
    for j, column in enumerate(frame.columns):
        table.cell(0, j).text = str(column)
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        for j, value in enumerate(row):
            table.cell(i, j).text = _cut(str(value)) if cut else str(value)
    for cell in (table.cell(i, j) for i in range(rows) for j in range(cols)):
        for paragraph in cell.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(font)


def _table_slide(deck: Presentation, pack: Pack, table: Table) -> None:
    slide = _slide(deck, pack, table.title)
    top = Inches(1.2)
    if table.note:
        _text(slide, MARGIN, Inches(0.95), WIDTH - 2 * MARGIN, Inches(0.6), table.note, 10, colour=GREY)
        top = Inches(1.65)
    total = len(table.frame)
    if not total:
        _text(slide, MARGIN, top + Inches(0.1), Inches(10), Inches(0.5), t("briefing.table_empty"), 14)
        return
    shown = table.frame.head(SLIDE_ROWS)
    _table(slide, shown, table.widths, top)
    if total > len(shown):
        note = t("briefing.table_trimmed", shown=len(shown), total=total)
        _text(slide, MARGIN, HEIGHT - Inches(0.85), Inches(10), Inches(0.35), note, 10, colour=GREY)


def _sources_slides(deck: Presentation, pack: Pack) -> None:
    chunks = [pack.sources[i : i + SOURCES_PER_SLIDE] for i in range(0, len(pack.sources), SOURCES_PER_SLIDE)] or [()]
    for chunk in chunks:
        slide = _slide(deck, pack, t("briefing.sources_title"))
        box = _text(
            slide, MARGIN, Inches(1.1), WIDTH - 2 * MARGIN, Inches(5.6), t("briefing.sources_note"), 11, False, GREY
        )
        frame = box.text_frame
        for source in chunk:
            paragraph = frame.add_paragraph()
            run = paragraph.add_run()
            run.text = f"[{source.number}] {source.title} ({source.source_type}"
            run.text += f", {source.publisher}). " if source.publisher else "). "
            run.font.size = Pt(11)
            link = paragraph.add_run()
            link.text = source.url
            link.font.size = Pt(11)
            if source.link:
                link.hyperlink.address = source.link
        if not pack.sources:
            frame.add_paragraph().add_run().text = t("briefing.sources_none")
        if pack.synthetic_shown:
            paragraph = frame.add_paragraph()
            run = paragraph.add_run()
            run.text = t("briefing.synthetic_rows_cited", n=pack.synthetic_shown)
            run.font.size = Pt(11)


def illustrative_text(pack: Pack) -> str:
    if pack.synthetic_rows:
        return t("briefing.illustrative_note", n=pack.synthetic_rows, total=pack.counted_rows)
    return t("briefing.illustrative_rows")


def write(pack: Pack) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    stamp = dt.datetime.combine(pack.as_of, dt.time(0, 0))
    props = deck.core_properties
    props.title, props.subject = pack.title, t("briefing.subtitle")
    props.author = props.last_modified_by = "dashboard.briefing"
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.identifier = pack.load_id
    props.keywords = pack.spec.stem

    slide = _slide(deck, pack, pack.title)
    _text(slide, MARGIN, Inches(1.3), WIDTH - 2 * MARGIN, Inches(4.8), "\n".join(pack.title_lines), 16)
    if pack.illustrative:
        _text(slide, MARGIN, Inches(5.9), WIDTH - 2 * MARGIN, Inches(0.8), illustrative_text(pack), 12, True, MARK)

    slide = _slide(deck, pack, t("briefing.summary_title"))
    _text(
        slide,
        MARGIN,
        Inches(1.2),
        WIDTH - 2 * MARGIN,
        Inches(5.5),
        "\n\n".join(s.text for s in pack.summary.sentences),
        18,
    )
    if pack.state_lines:
        slide = _slide(deck, pack, t("briefing.states_title"))
        _text(
            slide,
            MARGIN,
            Inches(1.2),
            WIDTH - 2 * MARGIN,
            Inches(5.5),
            "\n\n".join(s.text for s in pack.state_lines),
            16,
        )

    for start in range(0, len(pack.key_figures), KEYS_PER_SLIDE):
        slide = _slide(deck, pack, t("briefing.key_figures_title"))
        note = t("briefing.key_figures_note", end=pack.spec.filters.end.isoformat())
        _text(slide, MARGIN, Inches(0.95), Inches(12), Inches(0.3), note, 11, colour=GREY)
        chunk = pack.key_figures[start : start + KEYS_PER_SLIDE]
        frame = pd.DataFrame(
            {
                t("briefing.col_figure"): [k.name for k in chunk],
                t("briefing.col_value"): [k.value for k in chunk],
                t("briefing.col_definition"): [k.definition for k in chunk],
            }
        )
        _table(slide, frame, (2.2, 1, 7.5), Inches(1.35), font=12, cut=False)

    for chart in pack.charts:
        slide = _slide(deck, pack, chart.title)
        height = Inches(5.0)
        width = Emu(int(height * chart.width / chart.height))
        if width > WIDTH - 2 * MARGIN:
            width = WIDTH - 2 * MARGIN
            height = Emu(int(width * chart.height / chart.width))
        slide.shapes.add_picture(io.BytesIO(chart.png), int((WIDTH - width) / 2), Inches(1.05), width, height)
        if chart.caption:
            _text(slide, MARGIN, Inches(6.15), WIDTH - 2 * MARGIN, Inches(0.8), chart.caption, 9, colour=GREY)

    for table in pack.tables:
        _table_slide(deck, pack, table)
    _sources_slides(deck, pack)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
