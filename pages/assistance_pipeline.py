"""Assistance pipeline: 1540 requests through the clearing-house procedure (funnel, days per stage, the one-week
distribution rule, ageing of open requests, requests against offers by area, take-up, one request's timeline).

Every figure counts the requests received in the period as they stood at its end (dashboard/measures): a step dated
after it has not happened yet.
"""

import streamlit as st

from dashboard import access
from dashboard.charts import assistance_pipeline as charts
from dashboard.figures import AREA_GAP, PIPELINE_STAGES, RULE_MEASURES, STAGE_DAYS, of_page
from dashboard.i18n import t
from dashboard.text import markdown
from dashboard.ui import blocks, chrome, embed, lookups, sidebar
from dashboard.ui.embed import embedded
from dashboard.warehouse import query

FIGURES = of_page("assistance_pipeline")
SELECTED_KEY = "pipeline_request"
REQUEST_PARAM = "request"  # an embedded page's request, from its link
MAX_DOTS = 1500  # per stage: beyond that a browser cannot draw the dots and they add nothing
MAX_OPTIONS = 1000  # the request picker lists the most recent; narrower filters reach older ones


def m(key: str, **values: object) -> str:
    return t(f"assistance_pipeline.{key}", **values)


def date_column(key: str) -> st.column_config.DateColumn:
    return st.column_config.DateColumn(m(key), format="YYYY-MM-DD")


chrome.open_page(__file__)
filters = sidebar.sidebar_filters()
chrome.page_header("assistance_pipeline", counts_requests=True, synthetic=filters.synthetic)
view = chrome.view()
internal = view == access.INTERNAL  # the internal view shows unpublished texts, marked as such
params = filters.params()
end = filters.end.isoformat()
distribution_rule_days = lookups.distribution_rule_days()

# --- what counts, and whether anything does -------------------------------------------------------------------
counts = query("assistance_pipeline_counts", view, **params).iloc[0]
if int(counts["requests_received"]) == 0:
    with_synthetic = query("assistance_pipeline_counts", view, **dict(params, synthetic=True)).iloc[0]
    if not filters.synthetic and int(with_synthetic["requests_received"]) > 0:
        blocks.empty_state("common.no_synthetic_only", what=m("what_requests"))
    else:
        blocks.empty_state("common.no_data_period", what=m("what_requests"))
    st.stop()

blocks.synthetic_badge(
    int(counts["requests_received_synthetic"] + counts["offers_available_synthetic"])
    + int(counts["matches_proposed_synthetic"]),
    int(counts["requests_received"] + counts["offers_available"] + counts["matches_proposed"]),
)
blocks.note(FIGURES["request_count"], m("as_of_note", end=end, n=int(counts["requests_received"])))

request_status, match_status = lookups.labels("request_status"), lookups.labels("match_status")
area_labels = lookups.labels("area")

# --- 1. funnel ---------------------------------------------------------------------------------------------------
st.subheader(m("funnel_header"))
funnel = charts.funnel_frame(query("assistance_pipeline_funnel", view, **params))
blocks.chart_block(FIGURES["funnel"], charts.funnel(funnel), funnel, caption=m("funnel_caption"))
blocks.definitions(PIPELINE_STAGES)

# --- 2. days spent in each stage ---------------------------------------------------------------------------------
st.subheader(m("days_header"))
summary = query("assistance_pipeline_stage_summary", view, **params)
if summary.empty:
    blocks.empty_state("common.no_data_period", what=m("what_stage_days"))
else:
    points = charts.stage_points(query("assistance_pipeline_stage_days", view, max_dots=MAX_DOTS, **params))
    summary = charts.stage_summary(summary)
    if len(points) < int(summary["requests"].sum()):
        st.caption(m("days_sampled", shown=len(points), total=int(summary["requests"].sum())))

    def stage_tables(frame) -> None:  # noqa: ANN001 - the frame the expander was given
        st.markdown(m("days_summary_title"))
        blocks.table_block(FIGURES["stage_summary"], summary)
        st.markdown(m("days_points_title"))
        st.dataframe(frame, hide_index=True)

    blocks.chart_block(
        FIGURES["stage_days"],
        charts.stage_days(points, summary, distribution_rule_days),
        points,
        m("days_caption"),
        table=stage_tables,
    )
    blocks.definitions(STAGE_DAYS)

# --- 3. the one-week distribution rule ---------------------------------------------------------------------------
st.subheader(m("rule_header"))
st.caption(m("rule_intro", days=distribution_rule_days))
by_year = query("assistance_pipeline_rule_by_year", view, **params)
blocks.chart_block(
    FIGURES["rule_by_year"],
    charts.rule_by_year(by_year, distribution_rule_days),
    by_year,
    caption=m("rule_caption", days=distribution_rule_days),
)
blocks.definitions(RULE_MEASURES)
late = query("assistance_pipeline_late", view, **params)
st.markdown(m("late_title", n=len(late), days=distribution_rule_days))
if late.empty:
    st.success(m("none_late", days=distribution_rule_days), icon=":material/check_circle:")
else:
    blocks.table_block(
        FIGURES["late_requests"],
        charts.late_table(late, request_status),
        height=min(38 + 35 * len(late), 390),
        column_config={
            "request_id": st.column_config.TextColumn(m("col_request")),
            "state_name": st.column_config.TextColumn(m("col_state")),
            "received_date": date_column("col_received"),
            "distributed_date": st.column_config.TextColumn(m("col_distributed")),
            "days": st.column_config.NumberColumn(m("col_days"), help=m("col_days_help", days=distribution_rule_days)),
            "still_waiting": st.column_config.CheckboxColumn(m("col_still_waiting")),
            "status": st.column_config.TextColumn(m("col_status")),
        },
    )

# --- 4. ageing of open requests ----------------------------------------------------------------------------------
st.subheader(m("ageing_header"))
ageing = charts.ageing_frame(query("assistance_pipeline_open_ages", view, **params))
if ageing.empty:
    blocks.empty_state("common.no_data_period", what=m("what_open", end=end))
else:
    blocks.chart_block(
        FIGURES["open_ageing"],
        charts.ageing(ageing),
        ageing,
        caption=m("ageing_caption", end=end, n=int(ageing["requests"].sum())),
    )
    blocks.definitions(["requests_open_at_end", "open_request_age"])

# --- 5. requests versus offers by area ---------------------------------------------------------------------------
st.subheader(m("gap_header"))
gap = charts.gap_frame(query("assistance_pipeline_area_gap", view, **params), area_labels)
if gap.empty:
    blocks.empty_state("common.no_data_period", what=m("what_items"))
else:
    unmet = int(gap["items_unmet"].sum())
    if unmet:
        st.warning(m("unmet_callout", n=unmet, end=end), icon=":material/report:")
    blocks.chart_block(FIGURES["area_gap"], charts.gap(gap), gap, caption=m("gap_caption"))
    blocks.definitions(AREA_GAP)

# --- 6. match rates and take-up ------------------------------------------------------------------------------------
st.subheader(m("rates_header"))
st.markdown(m("rate_area_title"))
area_rates = charts.area_match_rate(gap) if not gap.empty else gap
if area_rates.empty:
    blocks.empty_state("common.no_data_period", what=m("what_items"))
else:
    blocks.chart_block(
        FIGURES["match_rate_area"],
        charts.share_bars(
            area_rates,
            "area_label",
            "items_matched",
            "items_requested",
            "share_items_matched",
            "items_unit",
            "axis_share_matched",
        ),
        area_rates,
        caption=m("rate_area_caption"),
    )
st.markdown(m("take_up_title"))
providers = charts.provider_take_up(query("assistance_pipeline_provider_rates", view, **params))
if providers.empty:
    blocks.empty_state("common.no_data_period", what=m("what_offers"))
else:
    blocks.chart_block(
        FIGURES["take_up_provider"],
        charts.share_bars(
            providers,
            "provider_name",
            "offers_taken_up",
            "offers_available",
            "share_taken_up",
            "offers_unit",
            "axis_share_taken_up",
        ),
        providers,
        caption=m("take_up_caption"),
    )
    blocks.definitions(["offers_available", "offers_taken_up", "share_taken_up"])

# --- 7. one request's timeline -----------------------------------------------------------------------------------
st.subheader(m("request_header"))
options = query("assistance_pipeline_request_options", view, limit=MAX_OPTIONS + 1, **params)
if len(options) > MAX_OPTIONS:
    st.caption(m("request_options_capped", shown=MAX_OPTIONS, total=int(counts["requests_received"])))
    options = options.head(MAX_OPTIONS)
names = charts.request_options(options)
if embedded():  # no picker: the request the link names (?request=...), else the page's default, said in words
    default = list(names)[charts.default_request(options)] if names else None
    chosen = embed.url_choice(REQUEST_PARAM, list(names), default)
    embed.locked([(m("request_select"), names[chosen] if chosen else "–")])
else:
    if st.session_state.get(SELECTED_KEY) not in names:
        st.session_state.pop(SELECTED_KEY, None)  # the filters changed: the previous choice is no longer listed
    chosen = st.selectbox(
        m("request_select"),
        list(names),
        index=charts.default_request(options),
        format_func=names.get,
        key=SELECTED_KEY,
        help=m("request_select_help"),
    )
one = dict(params, request_id=chosen, show_unpublished=internal)
detail = query("assistance_pipeline_request_detail", view, withheld=m("summary_withheld"), **one).iloc[0]
blocks.note(FIGURES["request_facts"], m("request_as_of", end=end))
st.markdown(charts.request_facts(detail, request_status))
st.markdown(f"**{m('fact_summary')}:** {markdown(detail['summary'] or m('no_summary'))}")
if not detail["consent_to_publish"]:
    st.warning(m("consent_note_internal" if internal else "consent_note"), icon=":material/lock:")

steps = charts.timeline_frame(query("assistance_pipeline_request_timeline", view, **one), match_status)
blocks.chart_block(
    FIGURES["request_timeline"],
    charts.request_timeline(steps, detail["received_date"].date(), distribution_rule_days, filters.end),
    steps,
    caption=m("timeline_caption", days=distribution_rule_days),
    suffix=f"_{chosen}",
)

items = query("assistance_pipeline_request_items", view, withheld=m("text_withheld"), **one)
st.markdown(m("items_title", n=len(items)))
blocks.table_block(
    FIGURES["request_items"],
    charts.items_table(items, area_labels, lookups.labels("weapon_type")),
    suffix=f"_{chosen}",
    column_config={
        "item_no": st.column_config.NumberColumn(m("col_item")),
        "area": st.column_config.TextColumn(m("col_area")),
        "weapon_type": st.column_config.TextColumn(m("col_weapon_type")),
        "description": st.column_config.TextColumn(m("col_description"), width="medium"),
        "matched": st.column_config.CheckboxColumn(m("col_matched")),
        "delivered": st.column_config.CheckboxColumn(m("col_delivered")),
        "providers": st.column_config.TextColumn(m("col_providers")),
        "is_synthetic": st.column_config.CheckboxColumn(t("common.synthetic_label")),
    },
)
matches = query("assistance_pipeline_request_matches", view, withheld=m("text_withheld"), **one)
st.markdown(m("matches_title", n=len(matches)))
if matches.empty:
    st.info(m("no_matches"), icon=":material/hourglass_empty:")
else:
    st.caption(m("matches_caption"))
    blocks.table_block(
        FIGURES["request_matches"],
        charts.matches_table(matches, area_labels, match_status),
        suffix=f"_{chosen}",
        column_config={
            "match_id": st.column_config.TextColumn(m("col_match")),
            "item_no": st.column_config.NumberColumn(m("col_item")),
            "area": st.column_config.TextColumn(m("col_area")),
            "provider_name": st.column_config.TextColumn(m("col_provider")),
            "proposed_date": date_column("col_proposed"),
            "status": st.column_config.TextColumn(m("col_status")),
            "delivered_date": date_column("col_delivered_date"),
            "days_to_deliver": st.column_config.NumberColumn(m("col_days_to_deliver")),
            "feedback": st.column_config.TextColumn(m("col_feedback"), width="medium"),
            "is_synthetic": st.column_config.CheckboxColumn(t("common.synthetic_label")),
        },
    )
