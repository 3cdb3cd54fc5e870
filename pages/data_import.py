"""Import data (internal view only): upload, preview the changes and rejects, publish through the ETL (etl/imports.py).

Nothing is published before the confirmed click; the preview only reads the warehouse. The upload's checks, the
validation and the atomic publish are the ETL's own code.
"""

import logging
from collections.abc import Callable

import streamlit as st

from dashboard import access, settings, text
from dashboard.charts import data_import as charts
from dashboard.i18n import t
from dashboard.ui import chrome, sidebar
from dashboard.ui.downloads import download
from etl import imports
from etl.read import SourceError

PREVIEW_KEY = "import_preview"
OPTIONS_KEY = "import_options"
MESSAGE_KEY = "import_message"
ROW_PX = 35
ICONS = {"error": ":material/block:", "success": ":material/check_circle:", "info": ":material/undo:"}
log = logging.getLogger(__name__)


def m(key: str, **values: object) -> str:
    return t(f"data_import.{key}", **values)


def publisher() -> str:
    """Who publishes, for the load history: the signed-in address, or the laptop opt-in."""
    session = access.current_session()
    if session.email:
        return session.email
    return m("local_user", env=settings.LOCAL_INTERNAL_ENV)


def say(kind: str, message: str) -> None:
    """A result for the next run to show: the actions run as button callbacks, before the page is drawn."""
    st.session_state[MESSAGE_KEY] = (kind, message)
    st.session_state.pop("import_confirmed", None)  # a new preview needs its own confirmation


def progress_bar() -> Callable[[float], None]:
    """A bar the engine moves through its phases (etl.load.run: read, validation per table, load, marts, publish)."""
    bar = st.progress(0.0, text=m("progress", percent=0))
    return lambda fraction: bar.progress(fraction, text=m("progress", percent=round(fraction * 100)))


def check_upload() -> None:
    """Stage the uploaded files (limits first) and preview them; the outcome waits in the session for the page."""
    st.session_state.pop(PREVIEW_KEY, None)
    files = st.session_state.get("import_files") or []
    reference, demo = st.session_state["import_reference"], st.session_state["import_demo"]
    try:
        upload = imports.stage([(f.name, f.getvalue()) for f in files], warehouse)
    except imports.UploadError as refused:
        say("error", m("refused", reason=text.markdown(refused)))
        return
    try:
        with st.status(m("checking"), expanded=True) as status:
            bar = progress_bar()
            preview = imports.preview(upload, warehouse, reference, demo, progress=status.write, advance=bar)
            status.update(label=m("checked"), state="complete", expanded=False)
    except (SourceError, FileNotFoundError) as unreadable:
        imports.discard(upload, warehouse)
        say("error", m("unreadable", reason=text.markdown(charts.shown_file_message(unreadable))))
        return
    st.session_state[PREVIEW_KEY] = preview
    st.session_state[OPTIONS_KEY] = (reference, demo)


def show_preview(preview: imports.Preview) -> None:
    st.subheader(m("summary_header"))
    st.caption(m("summary_caption"))
    summary = preview.summary()
    st.dataframe(
        summary,
        hide_index=True,
        height=ROW_PX * (len(summary) + 1) + 3,  # every table at once, no scrolling
        column_config={
            "table_name": st.column_config.TextColumn(m("col_table")),
            "added": st.column_config.NumberColumn(m("col_added")),
            "changed": st.column_config.NumberColumn(m("col_changed")),
            "removed": st.column_config.NumberColumn(m("col_removed")),
            "rejected": st.column_config.NumberColumn(m("col_rejected")),
        },
    )
    changed_tables = [name for name, c in preview.changes.items() if len(c.added) + len(c.changed) + len(c.removed)]
    if not changed_tables:
        st.info(m("no_changes"), icon=":material/check_circle:")
    for name in changed_tables:
        changes = preview.changes[name]
        label = m(
            "table_details",
            table=name,
            added=len(changes.added),
            changed=len(changes.changed),
            removed=len(changes.removed),
        )
        with st.expander(label):  # a contract table name and counts: no data
            for tab, frame in zip(
                st.tabs([m("tab_added"), m("tab_changed"), m("tab_removed")]),
                (changes.added, changes.changed, changes.removed),
                strict=True,
            ):
                with tab:
                    if frame.empty:
                        st.caption(m("nothing_here"))
                    else:
                        st.dataframe(frame, hide_index=True)

    st.subheader(m("rejects_header"))
    if preview.rejects.empty:
        st.success(m("rejects_none"), icon=":material/check_circle:")
    else:
        n = len(preview.rejects)
        st.warning(m("rejects_one" if n == 1 else "rejects_some", n=n), icon=":material/warning:")
        rejects = charts.rejects_table(preview.rejects)
        st.dataframe(rejects, hide_index=True)
        download(rejects, "data_import_rejects")

    st.subheader(m("files_header"))
    uploaded = [(source, counts) for source, counts in preview.files if source.path.parent == preview.upload]
    st.dataframe(charts.files_table(uploaded), hide_index=True)
    if preview.notes:
        st.caption(m("notes_header"))
        for note in preview.notes:
            st.caption(text.markdown(charts.shown_file_message(note)))


def publish() -> None:
    preview: imports.Preview = st.session_state[PREVIEW_KEY]
    reference, demo = st.session_state.get(OPTIONS_KEY, (True, False))
    try:
        with st.status(m("publishing"), expanded=True) as status:
            bar = progress_bar()
            result = imports.publish(
                preview.upload, warehouse, publisher(), reference, demo, progress=status.write, advance=bar
            )
            status.update(label=m("published_status"), state="complete", expanded=False)
    except imports.PublishBusy:
        say("error", m("busy"))
        return
    except (SourceError, FileNotFoundError) as failed:
        say("error", m("failed", reason=text.markdown(charts.shown_file_message(failed))))
        return
    except Exception as failed:  # noqa: BLE001 - whatever failed, the old files stay: say so, log the details
        log.exception("import publish failed")
        say("error", m("failed", reason=text.markdown(type(failed).__name__)))
        return
    del st.session_state[PREVIEW_KEY]
    say("success", m("published", run_id=result.run_id, loaded=result.rows_loaded, rejected=result.rows_rejected))


def cancel() -> None:
    imports.discard(st.session_state.pop(PREVIEW_KEY).upload, warehouse)
    say("info", m("cancelled"))


chrome.open_page(__file__)
sidebar.as_of_filter()  # this page has no shared filters: the as-of selector alone
chrome.page_header("data_import")
warehouse = settings.internal_warehouse_path().resolve()

st.markdown(m("how"))
st.caption(
    m(
        "limits",
        files=imports.MAX_FILES,
        mb=imports.MAX_FILE_BYTES // 2**20,
        rows=imports.MAX_ROWS,
        unpacked=imports.MAX_XLSX_UNPACKED // 2**20,
    )
)
files = st.file_uploader(
    m("upload"),
    type=["xlsx", "csv"],
    accept_multiple_files=True,
    key="import_files",
    help=m("upload_help"),
    max_upload_size=imports.MAX_FILE_BYTES // 2**20,
)
left, right = st.columns(2)
left.toggle(m("reference"), value=True, help=m("reference_help"), key="import_reference")
right.toggle(m("demo"), value=False, help=m("demo_help"), key="import_demo")
# Callbacks, not `if st.button(...)`: they run before the page is drawn, so a rerun cannot swallow the click.
st.button(m("check"), icon=":material/fact_check:", disabled=not files, on_click=check_upload)

if MESSAGE_KEY in st.session_state:
    kind, message = st.session_state.pop(MESSAGE_KEY)
    getattr(st, kind)(message, icon=ICONS[kind])
preview = st.session_state.get(PREVIEW_KEY)
if preview is not None:
    show_preview(preview)
    for wiped in preview.wipe_outs:  # the wipe-out guard (etl/guard.py): a shrinking table needs its own yes
        st.warning(m("wipe_out", table=wiped.table, before=wiped.rows_before, after=wiped.rows_after), icon="⚠️")
    confirmed = st.checkbox(m("confirm"), key="import_confirmed")
    if preview.wipe_outs:
        confirmed = st.checkbox(m("confirm_wipe_out"), key="import_confirmed_wipe_out") and confirmed
    go, stop = st.columns([1, 4])
    go.button(m("publish"), type="primary", disabled=not confirmed, icon=":material/publish:", on_click=publish)
    stop.button(m("cancel"), icon=":material/close:", on_click=cancel)
