"""Meetings & workshops: every event of the period passing the shared filters (real and demo, flagged), and one
event (chosen here, kept in the URL as ?event=...) opened to its full participant list by role, each with its
source. Other pages link here: the State profile's meetings and the coverage map's venues."""

import streamlit as st

from dashboard import settings
from dashboard.charts import meetings as charts
from dashboard.figures import of_page
from dashboard.i18n import t
from dashboard.ui import blocks, chrome, embed, lookups, sidebar
from dashboard.ui.embed import embedded
from dashboard.warehouse import query

EVENT_KEY = "mt_event"
FIGURES = of_page("meetings")

chrome.open_page(__file__)
# Read the event from the URL before the shared sidebar rewrites the query parameters.
requested = (st.query_params.get(charts.EVENT_PARAM) or "").strip()
filters = sidebar.sidebar_filters()
chrome.page_header("meetings", synthetic=filters.synthetic)
view = chrome.view()
params = filters.params()

type_labels, pillar_labels = lookups.labels("event_type"), lookups.labels("pillar")
count = query("meetings_count", view, **params).iloc[0]
blocks.synthetic_badge(int(count["events_held_synthetic"]), int(count["events_held"]))
events = query("meetings_register", view, **params)

st.subheader(t("meetings.register_header"))
if events.empty:
    with_synthetic = query("meetings_count", view, **dict(params, synthetic=True)).iloc[0]
    if not filters.synthetic and int(with_synthetic["events_held"]) > 0:
        blocks.empty_state("common.no_synthetic_only", what=t("meetings.what_events"))
    else:
        blocks.empty_state("common.no_data_period", what=t("meetings.what_events"))
else:
    blocks.note(
        FIGURES["count"],
        t("meetings.count", n=int(count["events_held"]), synthetic=int(count["events_held_synthetic"])),
    )
    blocks.table_block(
        FIGURES["register"],
        charts.register_table(events, type_labels, pillar_labels, lookups.sources()),
        column_config={
            "event_id": st.column_config.TextColumn(t("meetings.col_event_id")),
            "date": st.column_config.TextColumn(t("meetings.col_date"), help=t("meetings.col_date_help")),
            "title": st.column_config.TextColumn(t("meetings.col_title"), width="large"),
            "type": st.column_config.TextColumn(t("meetings.col_type")),
            "place": st.column_config.TextColumn(t("meetings.col_place")),
            "pillars": st.column_config.TextColumn(t("meetings.col_pillars")),
            "organisers": st.column_config.TextColumn(t("meetings.col_organisers")),
            "funders": st.column_config.TextColumn(t("meetings.col_funders")),
            "participants": st.column_config.TextColumn(t("meetings.col_participants")),
            "source_title": st.column_config.TextColumn(t("common.source_title")),
            "source_type": st.column_config.TextColumn(t("common.source_type")),
            "source": st.column_config.LinkColumn(t("common.source_link")),
            "source_ref": st.column_config.TextColumn(t("common.source_reference")),
            "confidence": st.column_config.TextColumn(t("common.confidence")),
            "is_synthetic": st.column_config.CheckboxColumn(t("common.synthetic_label")),
            "start_date_iso": st.column_config.TextColumn(t("meetings.col_date_iso")),
            "start_date_precision": st.column_config.TextColumn(t("meetings.col_date_precision")),
        },
    )

# --- one event and everyone who took part --------------------------------------------------------------------------
st.subheader(t("meetings.event_header"))
# The picker offers the rows the register shows (settings.TABLE_ROWS): at scale 1000 every event as an option was
# 3.9 MB a run. A link still opens any event.
names = charts.event_options(events.head(settings.TABLE_ROWS)) if not events.empty else {}
chosen_outside = requested and requested not in names
if chosen_outside:
    found = query("meetings_event", view, event_id=requested, synthetic=filters.synthetic)
    if found.empty:
        st.info(t("meetings.unknown_event"), icon=":material/help:")
    else:
        names = {requested: charts.event_options(found)[requested], **names}
if embedded():  # no picker: the meeting the link names, said in words
    chosen = requested if requested in names else None
    embed.locked([(t("meetings.pick_event"), names[chosen] if chosen else t("meetings.pick_event_none"))])
else:
    if EVENT_KEY not in st.session_state or st.session_state[EVENT_KEY] not in names:
        st.session_state[EVENT_KEY] = requested if requested in names else None
    chosen = st.selectbox(
        t("meetings.pick_event"),
        list(names),
        key=EVENT_KEY,
        format_func=lambda event_id: names.get(event_id, event_id),
        placeholder=t("meetings.pick_event_placeholder"),
        help=t("meetings.pick_event_help")
        + (t("meetings.pick_event_first", n=settings.TABLE_ROWS) if len(events) > settings.TABLE_ROWS else ""),
    )
    if chosen:
        st.query_params[charts.EVENT_PARAM] = chosen
    elif charts.EVENT_PARAM in st.query_params:
        del st.query_params[charts.EVENT_PARAM]

if not chosen:
    st.caption(t("meetings.pick_event_prompt"))
else:
    if chosen not in set(events["event_id"]):
        st.caption(t("meetings.outside_filters"))
    event = query("meetings_event", view, event_id=chosen, synthetic=filters.synthetic).iloc[0]
    blocks.facts(FIGURES["event"], charts.event_facts(event, type_labels, pillar_labels))
    participants = query("meetings_participants", view, event_id=chosen, synthetic=filters.synthetic)
    if participants.empty:
        st.info(t("meetings.no_participants"), icon=":material/group_off:")
    else:
        role_labels = lookups.labels("role")
        st.markdown(charts.role_summary(participants, role_labels))
        blocks.table_block(
            FIGURES["participants"],
            charts.participants_table(
                participants, role_labels, lookups.labels("actor_type"), lookups.labels("confidence")
            ),
            column_config={
                "role": st.column_config.TextColumn(t("meetings.col_role")),
                "name": st.column_config.TextColumn(t("meetings.col_name"), width="medium"),
                "kind": st.column_config.TextColumn(t("meetings.col_kind")),
                "central_asian_state": st.column_config.CheckboxColumn(t("meetings.col_central_asian")),
                "confidence": st.column_config.TextColumn(t("common.confidence")),
                "disputed": st.column_config.CheckboxColumn(t("meetings.col_disputed")),
                "note": st.column_config.TextColumn(t("meetings.col_note"), width="large"),
                "source": st.column_config.LinkColumn(t("common.source_link")),
                "source_ref": st.column_config.TextColumn(t("common.source_reference")),
                "is_synthetic": st.column_config.CheckboxColumn(t("common.synthetic_label")),
            },
            suffix=f"_{chosen}",
        )
