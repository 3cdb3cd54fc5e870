"""The briefing pack on a page: the summary in words at its top, the "since the last briefing" date, and the
"Briefing pack" action that builds the deck and the PDF with the page's filters, view and that date, shows progress,
then offers both files (dashboard/briefing). The command line (python -m dashboard.briefing --since) takes the same
date into the same Spec, so the page, the pack and the command say the same."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import streamlit as st

from dashboard import briefing, text
from dashboard import filters as flt
from dashboard.briefing.content import BASE_URL_ENV, DEFAULT_BASE_URL, Spec
from dashboard.briefing.summary import Summary, long_date
from dashboard.figures import Figure
from dashboard.i18n import t
from dashboard.ui import blocks, embed
from dashboard.ui.embed import embedded

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

PACK_KEY = "briefing_pack"  # the last pack built in this session: (spec, names, deck, pdf)
REQUEST_KEY = "briefing_requested"
SINCE_KEY = "briefing_since"  # the date input
SINCE_START_KEY = "briefing_since_start"  # the period start the date was last bounded by
SINCE_PARAM = "since"  # in the URL, beside the shared filters, only when a date other than the period start is chosen


def url_since() -> str | None:
    """The URL's "since" date as given; read it before the shared sidebar rewrites the query parameters."""
    return st.query_params.get(SINCE_PARAM)


def _within(value: object, filters: flt.Filters) -> dt.date:
    """A date inside the period; anything else (none, not a date) is the period start."""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return filters.start
    return min(max(day, filters.start), filters.end)


def action_row() -> tuple[DeltaGenerator, DeltaGenerator]:
    """Where the date and the button go: side by side."""
    date_column, action_column, _ = st.columns([1, 1, 2], vertical_alignment="bottom")
    return date_column, action_column


def since_date(filters: flt.Filters, requested: str | None, where: DeltaGenerator | None = None) -> dt.date | None:
    """The briefing date Joint Plan completions are counted from, for the summary and the pack; None while it is the
    period start (the default: nothing said about it). From the URL on a session's first run, then from the date
    input; kept inside the period, and following the period start while none other was chosen. Embedded: the URL's
    date, said in words, no widget."""
    if embedded():
        day = _within(requested, filters)
        if day != filters.start:
            embed.locked([(t("briefing.since_label"), long_date(day))])
        return day if day != filters.start else None
    stored = st.session_state.get(SINCE_KEY)
    if SINCE_KEY not in st.session_state:
        st.session_state[SINCE_KEY] = _within(requested, filters)
    elif stored is None or stored == st.session_state.get(SINCE_START_KEY) or stored != _within(stored, filters):
        st.session_state[SINCE_KEY] = filters.start
    st.session_state[SINCE_START_KEY] = filters.start
    chosen = (where or st).date_input(
        t("briefing.since_label"),
        key=SINCE_KEY,
        min_value=filters.start,
        max_value=filters.end,
        format="YYYY-MM-DD",
        help=t("briefing.since_help"),
    )
    day = _within(chosen, filters)
    since = day if day != filters.start else None
    if since:
        st.query_params[SINCE_PARAM] = since.isoformat()
    elif SINCE_PARAM in st.query_params:
        del st.query_params[SINCE_PARAM]
    return since


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


def pack_action(spec: Spec, where: DeltaGenerator | None = None, label: str = "briefing.action") -> None:
    """The button (`label`: its message key, with `<label>_help`); once built, the two downloads (kept for this
    session while the page's spec is unchanged). Embedded: nothing (a donor's page shows the charts; packs are built
    on the dashboard itself)."""
    if embedded():
        return
    (where or st).button(t(label), help=t(f"{label}_help"), icon=":material/slideshow:", on_click=_request)
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
