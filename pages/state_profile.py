"""State profile: one Central Asian State (chosen here, kept in the URL as ?state=KAZ) with everything an expert
briefs from, each with its source: names, key figures, meetings and roles, requests, Joint Plan progress, national
action plans and recent changes. Every figure is judged at the period end (dashboard/measures)."""

import streamlit as st

from dashboard import access, text
from dashboard import filters as flt
from dashboard.briefing.content import Spec
from dashboard.briefing.summary import state_summary
from dashboard.charts import state_profile as charts
from dashboard.charts.pillar_progress import day_label
from dashboard.figures import of_page
from dashboard.i18n import t
from dashboard.ui import blocks, chrome, embed, lookups, sidebar
from dashboard.ui import briefing as briefing_ui
from dashboard.ui.embed import embedded
from dashboard.warehouse import query

STATE_KEY = "sp_state"
REMEMBERED_KEY = "state_profile_state"  # survives page switches (widget values do not)
FIGURES = of_page("state_profile")

chrome.open_page(__file__)
# Read the State from the URL before the shared sidebar rewrites the query parameters.
requested = (st.query_params.get("state") or "").strip().upper()
requested_since = briefing_ui.url_since()
filters = sidebar.sidebar_filters(show_states=False)
chrome.page_header("state_profile", counts_requests=True, synthetic=filters.synthetic)

states = lookups.choices().states
names = lookups.actor_names()
if embedded():  # no picker: the State the link names, else the first, said in words
    state = requested if requested in states else states[0]
    embed.locked([(t("state_profile.pick_state"), f"{names.get(state, state)} ({state})")])
else:
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
    st.caption(t("state_profile.filters_note"))  # embedded, the link sets both: the caption above says so

view = chrome.view()
params = dict(flt.with_states(filters, (state,)).params(), state=state)
end_label = day_label(filters.end)
internal = view == access.INTERNAL

header = query("state_profile_state", view, state=state).iloc[0]
figures = query("state_profile_key_figures", view, **params)
counts = figures.iloc[0]
if filters.synthetic:
    with_synthetic = counts
else:  # to tell "only synthetic rows exist" from "nothing at all"
    with_synthetic = query("state_profile_key_figures", view, **dict(params, synthetic=True)).iloc[0]


def explain_empty(column: str, what: str) -> None:
    """Nothing to show: say whether only synthetic rows exist (and are switched off) or nothing matches."""
    if not filters.synthetic and int(with_synthetic[column]) > 0:
        blocks.empty_state("common.no_synthetic_only", what=what)
    else:
        blocks.empty_state("common.no_data_period", what=what)


# Header: names in English and Russian, capital, source (names come from the data: shown as literal text).
st.header(
    t("state_profile.header_names", name_en=text.markdown(header["name_en"]), name_ru=text.markdown(header["name_ru"])),
    anchor=False,
)
left, right = st.columns([3, 1], vertical_alignment="center")
with left:
    meta = t("state_profile.header_meta", code=text.markdown(state), capital=text.markdown(header["capital"]))
    blocks.note(FIGURES["header"], meta)
if text.web_link(header["source_url"]):
    right.link_button(t("state_profile.header_source"), header["source_url"], icon=":material/link:")
elif text.reference(header["source_url"]):
    right.caption(t("state_profile.header_source_ref", source=text.markdown(header["source_url"])))

blocks.synthetic_badge(
    int(counts["meetings_attended_synthetic"] + counts["requests_received_synthetic"])
    + int(counts["jpoa_items_synthetic"] + counts["action_plans_synthetic"]),
    int(counts["meetings_attended"] + counts["requests_received"] + counts["jpoa_items"] + counts["action_plans"]),
)

# The summary in words and the briefing pack, built with this page's filters, view and "since" date.
summary_slot = st.container()
date_column, action_column = briefing_ui.action_row()
since = briefing_ui.since_date(filters, requested_since, date_column)
summary_row = query("state_profile_summary", view, **params, since=since or filters.start).iloc[0]
with summary_slot:
    words = state_summary(summary_row, str(header["name_en"]), filters.start, filters.end, since)
    briefing_ui.summary(FIGURES["summary"], words)
briefing_ui.pack_action(Spec(view, filters, state, since, base_url=briefing_ui.base_url()), action_column)

st.subheader(t("state_profile.kpi_header"))
blocks.key_figures(FIGURES["key_figures"], charts.key_figures(figures))

source = st.column_config.LinkColumn(t("state_profile.col_source"), display_text=r"https?://([^/]+)")
source_ref = st.column_config.TextColumn(t("common.source_reference"), help=t("common.source_reference_help"))
synthetic_column = st.column_config.CheckboxColumn(t("state_profile.col_synthetic"))
date_column = st.column_config.TextColumn(t("state_profile.col_date"), help=t("common.date_as_known_help"))

st.subheader(t("state_profile.roles_header"))
roles = query("state_profile_roles", view, **params)
if roles.empty:
    blocks.empty_state("common.no_data_period", what=t("state_profile.no_roles"))
else:
    st.caption(t("state_profile.roles_caption"))
    role_labels = lookups.labels("role")
    by_role = query("state_profile_role_figures", view, **params)
    if not by_role.empty:
        text_by_role = charts.role_summary(by_role, role_labels)
        blocks.note(FIGURES["roles_summary"], t("state_profile.roles_summary", roles=text_by_role))
    blocks.table_block(
        FIGURES["roles"],
        charts.roles_table(roles, role_labels, lookups.labels("event_type"), lookups.labels("confidence")),
        suffix=f"_{state}",
        column_config={
            "date": date_column,
            "meeting": st.column_config.LinkColumn(
                t("common.meeting_link"), display_text=t("common.meeting_link_text"), help=t("common.meeting_link_help")
            ),
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

st.subheader(t("state_profile.requests_header"))
requests = query("state_profile_requests", view, **params, show_unpublished=internal)
if requests.empty:
    explain_empty("requests_received", t("state_profile.no_requests"))
else:
    st.caption(t("state_profile.requests_caption", end=end_label))
    blocks.table_block(
        FIGURES["requests"],
        charts.requests_table(requests, lookups.labels("channel"), lookups.labels("request_status")),
        suffix=f"_{state}",
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

st.subheader(t("state_profile.progress_header", as_of=end_label))
progress = query("state_profile_progress", view, **params)
if progress.empty:
    explain_empty("jpoa_items", t("state_profile.no_progress"))
else:
    table = charts.pillar_table(progress, lookups.labels("pillar"))
    blocks.chart_block(
        FIGURES["progress"],
        charts.pillar_bars(table, lookups.labels("item_status")),
        table,
        caption=t("state_profile.progress_caption", as_of=end_label),
        suffix=f"_{state}",
        column_config={
            "pillar": t("state_profile.col_pillar"),
            "items": t("state_profile.col_items"),
            "completed": t("state_profile.col_completed"),
            "in_progress": t("state_profile.col_in_progress"),
            "not_started": t("state_profile.col_not_started"),
        },
    )

st.subheader(t("state_profile.plans_header"))
plans = query("state_profile_plans", view, **params)
if plans.empty:
    st.info(t("state_profile.no_plan", name=text.markdown(header["name_en"])), icon=":material/search_off:")
else:
    st.caption(t("state_profile.plans_caption"))
    blocks.table_block(
        FIGURES["plans"],
        charts.plans_table(plans),
        suffix=f"_{state}",
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

st.subheader(t("state_profile.changes_header"))
changes = query("state_profile_changes", view, **params)
if changes.empty:
    blocks.empty_state("common.no_data_period", what=t("state_profile.no_changes"))
else:
    st.caption(t("state_profile.changes_caption"))
    blocks.table_block(
        FIGURES["changes"],
        charts.changes_table(changes),
        suffix=f"_{state}",
        column_config={
            "date": date_column,
            "kind": t("state_profile.col_kind"),
            "change": st.column_config.TextColumn(t("state_profile.col_change"), width="large"),
            "source": source,
            "source_ref": source_ref,
            "synthetic": synthetic_column,
        },
    )
