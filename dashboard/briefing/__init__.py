"""Briefing packs: a PowerPoint deck and a PDF of one State or of the region, built from the measure layer with the
filters, view and as-of date of the page (or of the command line: python -m dashboard.briefing). Pure: no Streamlit.

gather (content.py) -> charts as PNG (images.py, maps.py) -> pptx_writer.py and pdf_writer.py; the summary in words
(summary.py) is the one the State profile and the overview show at their top.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dashboard import settings
from dashboard.briefing.content import Pack, Progress, Runner, Spec, _no_progress, gather, with_images
from dashboard.i18n import t

__all__ = ["Files", "Pack", "Spec", "build", "build_pack"]


@dataclass(frozen=True)
class Files:
    pack: Pack
    pptx: bytes
    pdf: bytes

    @property
    def names(self) -> tuple[str, str]:
        return f"{self.pack.spec.stem}.pptx", f"{self.pack.spec.stem}.pdf"


def build_pack(spec: Spec, warehouse: Path | None = None, progress: Progress = _no_progress) -> Pack:
    """The pack's content with its charts rendered, read from the view's own warehouse file (the public view
    never opens the internal one)."""
    from dashboard.briefing import images  # kaleido, the writers' libraries: imported on the first build only

    run = Runner(warehouse or settings.warehouse_path(spec.view))
    try:
        pack = gather(run, spec, progress)
    finally:
        run.close()
    progress(0.4, t("briefing.step_charts"))
    return with_images(pack, lambda chart: images.png(chart.figure, chart.width, chart.height))


def build(spec: Spec, warehouse: Path | None = None, progress: Progress = _no_progress) -> Files:
    """The deck and the PDF of a spec."""
    from dashboard.briefing import pdf_writer, pptx_writer

    pack = build_pack(spec, warehouse, progress)
    progress(0.7, t("briefing.step_pptx"))
    deck = pptx_writer.write(pack)
    progress(0.85, t("briefing.step_pdf"))
    pdf = pdf_writer.write(pack)
    progress(1.0, t("briefing.built"))
    return Files(pack, deck, pdf)
