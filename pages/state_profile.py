"""State profile: one Central Asian State (chosen here, kept in the URL as ?state=KAZ) with everything an expert
briefs from, each with its source: names, key figures, meetings and roles, requests, Joint Plan progress, national
action plans and recent changes."""

import streamlit as st

from dashboard import access, text
from dashboard import filters as flt
from dashboard.charts import state_profile as charts
from dashboard.charts.pillar_progress import day_label
from dashboard.i18n import t
from dashboard.ui import blocks, chrome, downloads, lookups, sidebar
from dashboard.warehouse import query

STATE_KEY = "sp_state"
REMEMBERED_KEY = "state_profile_state"  # survives page switches (widget values do not)

chrome.open_page(__file__)
# Read the State from the URL before the shared sidebar rewrites the query parameters.
requested = (st.query_params.get("state") or "").strip().upper()
filters = sidebar.sidebar_filters(show_states=False)
chrome.page_header("state_profile", counts_requests=True)

states = lookups.choices().states
names = lookups.actor_names()
if STATE_KEY not in st.session_state or st.session_state[STATE_KEY] not in states:
    if requested in states:
        st.session_state[STATE_KEY] = requested
    else:
        if requested:
            st.info(t("state_profile.unknown_state"), icon=":material/help:")
        remembered = st.session_state.get(REMEMBERED_KEY)
        st.session_state[STATE_KEY] = remembered if remembered in states else states[0]
pick, _ = st.columns([1, 2])
state = pick.selectbox(
    t("state_profile.pick_state"),
    states,
    key=STATE_KEY,
    format_func=lambda c: f"{names.get(c, c)} ({c})",
    help=t("state_profile.pick_state_help"),
)
st.session_state[REMEMBERED_KEY] = state
st.query_params["state"] = state
st.caption(t("state_profile.filters_note"))

view = chrome.view()
params = dict(flt.with_states(filters, (state,)).params(), state=state)
end_label = day_label(filters.end)
role_labels, type_labels, confidence_labels = (
    lookups.labels("role"),
    lookups.labels("event_type"),
    lookups.labels("confidence"),
)
pillar_labels, status_labels = lookups.labels("pillar"), lookups.labels("item_status")

header = query("state_profile_state", view, state=state).iloc[0]
roles = query("state_profile_roles", view, **params)
requests = query("state_profile_requests", view, **params, show_unpublished=view == access.INTERNAL)
progress = query("pillar_progress_cells", view, **params, as_of=filters.end, since=filters.start)
plans = query("state_profile_plans", view, **params)
changes = query("state_profile_changes", view, **params)

if filters.synthetic:
    requests_with_synthetic, progress_with_synthetic = requests, progress
else:  # to tell "only synthetic rows exist" from "nothing at all"
    requests_with_synthetic = query(
        "state_profile_requests", view, **dict(params, synthetic=True), show_unpublished=view == access.INTERNAL
    )
    progress_with_synthetic = query(
        "pillar_progress_cells", view, **dict(params, synthetic=True), as_of=filters.end, since=filters.start
    )


def explain_empty(nothing_even_synthetic: bool, what: str) -> None:
    """Nothing to show: say whether only synthetic rows exist (and are switched off) or nothing matches."""
    if not filters.synthetic and not nothing_even_synthetic:
        blocks.empty_state("common.no_synthetic_only", what=what)
    else:
        blocks.empty_state("common.no_data_period", what=what)


# Header: names in English and Russian, capital, source (names come from the data: shown as literal text).
st.header(
    t("state_profile.header_names", name_en=text.markdown(header["name_en"]), name_ru=text.markdown(header["name_ru"])),
    anchor=False,
)
left, right = st.columns([3, 1], vertical_alignment="center")
left.caption(t("state_profile.header_meta", code=text.markdown(state), capital=text.markdown(header["capital"])))
if text.web_link(header["source_url"]):
    right.link_button(t("state_profile.header_source"), header["source_url"], icon=":material/link:")
elif text.reference(header["source_url"]):
    right.caption(t("state_profile.header_source_ref", source=text.markdown(header["source_url"])))

counted = len(roles) + len(requests) + int(progress["items"].sum()) + len(plans)
synthetic = (
    int(roles["is_synthetic"].sum())
    + int(requests["is_synthetic"].sum())
    + int(progress["synthetic_items"].sum())
    + int(plans["is_synthetic"].sum())
)
blocks.synthetic_badge(synthetic, counted)

st.subheader(t("state_profile.kpi_header"))
figures = charts.key_figures(roles, requests, progress, plans)
for start in range(0, len(figures), 4):
    for column, figure in zip(st.columns(4), figures[start : start + 4], strict=False):
        column.metric(
            t(f"state_profile.{figure.key}"), figure.value, help=t(f"state_profile.{figure.key}_help"), border=True
        )

source = st.column_config.LinkColumn(t("state_profile.col_source"), display_text=r"https?://([^/]+)")
source_ref = st.column_config.TextColumn(t("common.source_reference"), help=t("common.source_reference_help"))
synthetic_column = st.column_config.CheckboxColumn(t("state_profile.col_synthetic"))
date_column = st.column_config.DateColumn(t("state_profile.col_date"), format="YYYY-MM-DD")

st.subheader(t("state_profile.roles_header"))
if roles.empty:
    blocks.empty_state("common.no_data_period", what=t("state_profile.no_roles"))
else:
    st.caption(t("state_profile.roles_caption"))
    counts = charts.role_counts(roles, role_labels)
    if counts:
        st.markdown(t("state_profile.roles_summary", roles=charts.role_summary(counts)))
    roles_shown = charts.roles_table(roles, role_labels, type_labels, confidence_labels)
    st.dataframe(
        roles_shown,
        hide_index=True,
        column_config={
            "date": date_column,
            "event": st.column_config.TextColumn(t("state_profile.col_event"), width="medium"),
            "type": t("state_profile.col_type"),
            "city": t("state_profile.col_city"),
            "role": t("state_profile.col_role"),
            "confidence": t("state_profile.col_confidence"),
            "disputed": st.column_config.CheckboxColumn(t("state_profile.col_disputed")),
            "note": st.column_config.TextColumn(t("state_profile.col_note"), width="large"),
            "source": source,
            "source_ref": source_ref,
            "synthetic": synthetic_column,
        },
    )
    downloads.download(roles_shown, f"meetings_roles_{state}")

st.subheader(t("state_profile.requests_header"))
if requests.empty:
    explain_empty(requests_with_synthetic.empty, t("state_profile.no_requests"))
else:
    st.caption(t("state_profile.requests_caption", end=end_label))
    requests_shown = charts.requests_table(requests, lookups.labels("channel"), lookups.labels("request_status"))
    st.dataframe(
        requests_shown,
        hide_index=True,
        column_config={
            "request": t("state_profile.col_request"),
            "received": st.column_config.DateColumn(t("state_profile.col_received"), format="YYYY-MM-DD"),
            "channel": t("state_profile.col_channel"),
            "stage": t("state_profile.col_stage"),
            "status": t("state_profile.col_status"),
            "items": t("state_profile.col_items"),
            "areas": t("state_profile.col_areas"),
            "providers": st.column_config.TextColumn(t("state_profile.col_providers"), width="medium"),
            "matches": t("state_profile.col_matches"),
            "delivered": t("state_profile.col_delivered"),
            "days_to_distribute": t("state_profile.col_days_to_distribute"),
            "consent": st.column_config.CheckboxColumn(t("state_profile.col_consent")),
            "summary": st.column_config.TextColumn(t("state_profile.col_summary"), width="large"),
            "source": source,
            "source_ref": source_ref,
            "synthetic": synthetic_column,
        },
    )
    downloads.download(requests_shown, f"requests_{state}")

st.subheader(t("state_profile.progress_header", as_of=end_label))
if int(progress["items"].sum()) == 0:
    explain_empty(int(progress_with_synthetic["items"].sum()) == 0, t("state_profile.no_progress"))
else:
    table = charts.pillar_table(progress, pillar_labels)
    blocks.legacy_chart_block(
        charts.pillar_bars(table, status_labels),
        table,
        f"pillar_progress_{state}",
        caption=t("state_profile.progress_caption", as_of=end_label),
        column_config={
            "pillar": t("state_profile.col_pillar"),
            "items": t("state_profile.col_items"),
            "completed": t("state_profile.col_completed"),
            "in_progress": t("state_profile.col_in_progress"),
            "not_started": t("state_profile.col_not_started"),
        },
    )

st.subheader(t("state_profile.plans_header"))
if plans.empty:
    st.info(t("state_profile.no_plan", name=text.markdown(header["name_en"])), icon=":material/search_off:")
else:
    st.caption(t("state_profile.plans_caption"))
    plans_shown = charts.plans_table(plans)
    st.dataframe(
        plans_shown,
        hide_index=True,
        column_config={
            "plan": st.column_config.TextColumn(t("state_profile.col_plan"), width="large"),
            "period": t("state_profile.col_period"),
            "submitted": st.column_config.DateColumn(t("state_profile.col_submitted"), format="YYYY-MM-DD"),
            "note": st.column_config.TextColumn(t("state_profile.col_note"), width="large"),
            "source": source,
            "source_ref": source_ref,
            "synthetic": synthetic_column,
        },
    )
    downloads.download(plans_shown, f"action_plans_{state}")

st.subheader(t("state_profile.changes_header"))
if changes.empty:
    blocks.empty_state("common.no_data_period", what=t("state_profile.no_changes"))
else:
    st.caption(t("state_profile.changes_caption"))
    changes_shown = charts.changes_table(changes)
    st.dataframe(
        changes_shown,
        hide_index=True,
        column_config={
            "date": date_column,
            "kind": t("state_profile.col_kind"),
            "change": st.column_config.TextColumn(t("state_profile.col_change"), width="large"),
            "source": source,
            "source_ref": source_ref,
            "synthetic": synthetic_column,
        },
    )
    downloads.download(changes_shown, f"changes_{state}")
