"""The briefing pack on a page: the summary in words at its top, and the "Briefing pack" action that builds the deck
and the PDF with the page's filters and view, shows progress, then offers both files (dashboard/briefing)."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from dashboard import briefing, text
from dashboard.briefing.content import BASE_URL_ENV, DEFAULT_BASE_URL, Spec
from dashboard.briefing.summary import Summary
from dashboard.figures import Figure
from dashboard.i18n import t
from dashboard.ui import blocks

PACK_KEY = "briefing_pack"  # the last pack built in this session: (spec, names, deck, pdf)
REQUEST_KEY = "briefing_requested"


def _request() -> None:
    """The click, kept in the session: a button's own return value is lost if the run restarts (st.rerun)."""
    st.session_state[REQUEST_KEY] = True


def base_url() -> str:
    """Where this dashboard is served, as the browser asked for it (the pack prints the address of its view)."""
    import os

    explicit = os.environ.get(BASE_URL_ENV)
    if explicit:
        return explicit
    parts = urlsplit(st.context.url or "")
    return (
        f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else DEFAULT_BASE_URL
    )


def summary(figure: Figure, words: Summary) -> None:
    """The summary in words, as the briefing pack states it (its data escaped: shown as literal text)."""
    with st.container(border=True):
        st.markdown(f"**{t('briefing.summary_header')}** · {text.markdown(words.text)}")
        blocks.note(figure, t("briefing.summary_caption"))


def pack_action(spec: Spec) -> None:
    """The button; once built, the two downloads (kept for this session while the page's spec is unchanged)."""
    st.button(t("briefing.action"), help=t("briefing.action_help"), icon=":material/slideshow:", on_click=_request)
    if st.session_state.pop(REQUEST_KEY, False):
        st.session_state.pop(PACK_KEY, None)
        with st.status(t("briefing.building"), expanded=True) as status:
            bar = st.progress(0.0, text=t("briefing.step_data"))
            try:
                files = briefing.build(spec, progress=lambda share, step: bar.progress(share, text=step))
            except Exception as error:  # noqa: BLE001 - shown to the user; the page keeps working
                status.update(label=t("briefing.failed", error=text.markdown(error)), state="error")
                return
            status.update(label=t("briefing.built"), state="complete", expanded=False)
        st.session_state[PACK_KEY] = (spec, files.names, files.pptx, files.pdf)
    stored = st.session_state.get(PACK_KEY)
    if not stored or stored[0] != spec:
        return
    _, (deck_name, pdf_name), deck, pdf = stored
    left, right = st.columns(2)
    left.download_button(
        t("briefing.download_pptx"),
        deck,
        file_name=deck_name,
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        icon=":material/slideshow:",
        on_click="ignore",
    )
    right.download_button(
        t("briefing.download_pdf"),
        pdf,
        file_name=pdf_name,
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
    )
