"""The PDF (fpdf2): A4 landscape pages laid out from a Pack; same content as the deck, with the full tables in an
appendix. DejaVu Sans is embedded (shipped in dashboard/assets/fonts) so Russian names print; the creation date is the
load's as-of date, so the same inputs give the same file.
"""

from __future__ import annotations

import datetime as dt
import io

from fpdf import FPDF

from dashboard.briefing.content import APPENDIX_ROWS, SLIDE_ROWS, Pack, Table
from dashboard.briefing.pptx_writer import illustrative_text
from dashboard.i18n import t
from dashboard.settings import ROOT

FONTS = ROOT / "dashboard" / "assets" / "fonts"
FONT = "DejaVu"
UN_BLUE = (0, 158, 219)
GREY = (85, 85, 85)
MARK = (176, 58, 46)


class _Document(FPDF):
    def __init__(self, pack: Pack) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.pack = pack
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(True, margin=16)
        self.set_margins(14, 14, 14)
        self.set_creation_date(dt.datetime.combine(pack.as_of, dt.time(0, 0), tzinfo=dt.UTC))
        self.set_title(pack.title)
        self.set_subject(t("briefing.subtitle"))
        self.set_author("dashboard.briefing")
        self.set_creator("dashboard.briefing")
        self.set_producer("dashboard.briefing")
        self.set_keywords(pack.spec.stem)
        self.set_lang("en")
        self._headings: list[str] = []
        self._widths: dict[tuple[str, float, str], float] = {}

    def header(self) -> None:
        if self.pack.illustrative:
            self.set_font(FONT, "B", 10)
            self.set_fill_color(*MARK)
            self.set_text_color(255, 255, 255)
            self.set_xy(self.w - 14 - 45, 6)
            self.cell(45, 6, t("briefing.illustrative"), align="C", fill=True)
            self.set_text_color(0, 0, 0)
        self.set_xy(14, 14)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"{self.pack.footer()} · {t('briefing.page', n=self.page_no())}")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str) -> None:
        self.set_font(FONT, "B", 16)
        self.set_text_color(*UN_BLUE)
        self.multi_cell(0, 9, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def para(self, text: str, size: float = 11, bold: bool = False, colour: tuple[int, int, int] = (0, 0, 0)) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(1.5)

    def _width(self, word: str) -> float:
        key = (self.font_style, self.font_size_pt, word)
        if key not in self._widths:
            self._widths[key] = self.get_string_width(word)
        return self._widths[key]

    def wrap(self, text: str, width: float) -> list[str]:
        """Greedy word wrap by the font's widths, word by word, each word measured once (fpdf2's own table wraps
        character by character, which took seconds for a few hundred rows); a word wider than the cell (an address)
        is cut where it must be."""
        lines: list[str] = []
        space = self._width(" ")
        for paragraph in text.split("\n"):
            line, used = "", 0.0
            for word in paragraph.split(" "):
                size = self._width(word)
                if line and used + space + size <= width:
                    line, used = f"{line} {word}", used + space + size
                    continue
                if line:
                    lines.append(line)
                line, used = word, size
                while used > width and len(line) > 1:
                    cut = max(1, int(len(line) * width / used))
                    while cut > 1 and self.get_string_width(line[:cut]) > width:
                        cut -= 1
                    lines.append(line[:cut])
                    line = line[cut:]
                    used = self.get_string_width(line)
            lines.append(line)
        return lines

    def _grid_row(self, cells: list[str], widths: list[float], size: float, bold: bool) -> None:
        pad, line_height = 1.0, size * 0.45
        self.set_font(FONT, "B" if bold else "", size)
        wrapped = [self.wrap(cell, width - 2 * pad) for cell, width in zip(cells, widths, strict=True)]
        height = max(len(lines) for lines in wrapped) * line_height + 2 * pad
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()
            if not bold:
                self._grid_row(self._headings, widths, size, True)
                self.set_font(FONT, "", size)
        x, y = self.l_margin, self.get_y()
        for lines, width in zip(wrapped, widths, strict=True):
            self.set_fill_color(230, 240, 248)
            self.rect(x, y, width, height, style="DF" if bold else "D")
            for n, line in enumerate(lines):
                self.set_xy(x + pad, y + pad + n * line_height)
                self.cell(width - 2 * pad, line_height, line)
            x += width
        self.set_xy(self.l_margin, y + height)

    def grid(self, table: Table, rows: int, size: float = 8) -> None:
        frame = table.frame.head(rows)
        weights = table.widths if len(table.widths) == len(frame.columns) else (1.0,) * len(frame.columns)
        widths = [self.epw * w / sum(weights) for w in weights]
        self.set_draw_color(180, 180, 180)
        self._headings = [str(c) for c in frame.columns]
        self._grid_row(self._headings, widths, size, True)
        for values in frame.itertuples(index=False):
            self._grid_row([str(v) for v in values], widths, size, False)
        self.ln(2)


def _table_page(doc: _Document, table: Table) -> bool:
    """The table's page (trimmed); whether the appendix must give it whole."""
    doc.add_page()
    doc.heading(table.title)
    if table.note:
        doc.para(table.note, 9, colour=GREY)
    total = len(table.frame)
    if not total:
        doc.para(t("briefing.table_empty"))
        return False
    doc.grid(table, SLIDE_ROWS)
    if total > SLIDE_ROWS:
        doc.para(t("briefing.table_trimmed_pdf", shown=SLIDE_ROWS, total=total), 9, colour=GREY)
        return True
    return False


def write(pack: Pack) -> bytes:
    doc = _Document(pack)
    doc.add_page()
    doc.set_font(FONT, "B", 24)
    doc.set_text_color(*UN_BLUE)
    doc.multi_cell(0, 12, pack.title, align="L", new_x="LMARGIN", new_y="NEXT")
    doc.ln(4)
    for line in pack.title_lines:
        doc.para(line, 12)
    if pack.illustrative:
        doc.ln(4)
        doc.para(illustrative_text(pack), 11, True, MARK)

    doc.add_page()
    doc.heading(t("briefing.summary_title"))
    for sentence in pack.summary.sentences:
        doc.para(sentence.text, 13)
    if pack.state_lines:
        doc.ln(3)
        doc.heading(t("briefing.states_title"))
        for sentence in pack.state_lines:
            doc.para(sentence.text, 11)

    doc.add_page()
    doc.heading(t("briefing.key_figures_title"))
    doc.para(t("briefing.key_figures_note", end=pack.spec.filters.end.isoformat()), 9, colour=GREY)
    import pandas as pd

    keys = Table(
        "key_figures",
        t("briefing.key_figures_title"),
        pd.DataFrame(
            {
                t("briefing.col_figure"): [k.name for k in pack.key_figures],
                t("briefing.col_value"): [k.value for k in pack.key_figures],
                t("briefing.col_definition"): [k.definition for k in pack.key_figures],
            }
        ),
        (2.2, 1, 7.5),
    )
    doc.grid(keys, len(keys.frame), size=9)

    for chart in pack.charts:
        doc.add_page()
        doc.heading(chart.title)
        width = doc.epw
        height = width * chart.height / chart.width
        if height > 135:
            height = 135
            width = height * chart.width / chart.height
        doc.image(io.BytesIO(chart.png), x=(doc.w - width) / 2, w=width, h=height, alt_text=chart.title)
        doc.ln(2)
        if chart.caption:
            doc.para(chart.caption, 8, colour=GREY)

    long_tables = [table for table in pack.tables if _table_page(doc, table)]

    doc.add_page()
    doc.heading(t("briefing.sources_title"))
    doc.para(t("briefing.sources_note"), 9, colour=GREY)
    for source in pack.sources:
        doc.set_font(FONT, "", 10)
        lead = f"[{source.number}] {source.title} ({source.source_type}"
        lead += f", {source.publisher}). " if source.publisher else "). "
        doc.write(5, lead)
        doc.set_text_color(*(UN_BLUE if source.link else (0, 0, 0)))  # a document symbol is no link
        doc.write(5, source.url, link=source.link or "")
        doc.set_text_color(0, 0, 0)
        doc.ln(7)
    if not pack.sources:
        doc.para(t("briefing.sources_none"))
    if pack.synthetic_shown:
        doc.para(t("briefing.synthetic_rows_cited", n=pack.synthetic_shown), 10)

    for table in long_tables:
        doc.add_page()
        total = len(table.frame)
        doc.heading(t("briefing.appendix_title", title=table.title, total=total))
        if total > APPENDIX_ROWS:
            doc.para(t("briefing.appendix_cut", shown=APPENDIX_ROWS, total=total), 9, colour=GREY)
        doc.grid(table, APPENDIX_ROWS, size=7)
    return bytes(doc.output())
