"""The view's warehouse, or a clear message with the command that builds it: never a page failing half-way down."""

from __future__ import annotations

import os

import duckdb
import streamlit as st

from dashboard import settings, text
from dashboard.i18n import t
from dashboard.warehouse import Identity, WarehouseMissing, identity, query


def require_warehouse(view: str) -> Identity:
    """The view's warehouse identity; a missing, unreadable or old file stops the page with what to do."""
    try:
        found = identity(view)
        status = query("shared_load_status", view)
    except (WarehouseMissing, duckdb.Error) as missing:  # no file, or one that cannot be opened or read
        if os.path.exists(settings.warehouse_path(view)):
            # Damaged or cut short (a copy that did not finish, a full disk): "not built yet" would mislead.
            st.error(t("common.unreadable_warehouse_title"), icon=":material/database_off:")
            st.markdown(
                t(f"common.unreadable_warehouse_body_{view}", path=text.markdown(settings.warehouse_path(view)))
            )
            st.code(settings.BUILD_COMMAND, language="bash")
            st.stop()
        # Where the server keeps its files is for the signed-in experts who run it, never for the public view.
        st.error(t("common.no_warehouse_title"), icon=":material/database_off:")
        st.markdown(t(f"common.no_warehouse_body_{view}", path=text.markdown(missing)))
        st.code(settings.BUILD_COMMAND, language="bash")
        st.stop()
        raise  # unreachable: st.stop() raises; keeps type checkers honest
    version = str(status.iloc[0]["etl_version"]) if not status.empty else "?"
    if version != settings.WAREHOUSE_FORMAT:
        # An older file lacks tables this version reads: say so instead of failing half-way down a page.
        st.error(t("common.old_warehouse_title"), icon=":material/database_off:")
        st.markdown(
            t(
                f"common.old_warehouse_body_{view}",
                path=text.markdown(found.path),
                found=text.markdown(version),
                wanted=settings.WAREHOUSE_FORMAT,
            )
        )
        st.code(settings.BUILD_COMMAND, language="bash")
        st.stop()
    return found
