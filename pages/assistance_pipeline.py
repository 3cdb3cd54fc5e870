"""Assistance pipeline: 1540 requests through the clearing-house procedure (funnel, days per stage, the one-week
distribution rule, ageing of open requests, requests against offers by area, match rates, one request's timeline).

Every figure counts the filtered requests as of the end of the period: a step dated after it has not happened yet.
"""

import pandas as pd
import streamlit as st

from dashboard import access, settings, text
from dashboard.charts import assistance_pipeline as charts
from dashboard.i18n import t
from dashboard.ui import blocks, chrome, downloads, lookups, sidebar
from dashboard.warehouse import query

RULE_DAYS = settings.DISTRIBUTION_DAYS
SELECTED_KEY = "pipeline_request"


def m(key: str, **values: object) -> str:
    return t(f"assistance_pipeline.{key}", **values)


def date_column(key: str) -> st.column_config.DateColumn:
    return st.column_config.DateColumn(m(key), format="YYYY-MM-DD")


MAX_DOTS = 1500
MAX_OPTIONS = 1000

chrome.open_page(__file__)
filters = sidebar.sidebar_filters()
chrome.page_header("assistance_pipeline", counts_requests=True)
view = chrome.view()
internal = view == access.INTERNAL  # the internal view shows unpublished texts, marked as such
params = filters.params()

# --- what counts, and whether anything does -------------------------------------------------------------------
counts = query("assistance_pipeline_counts", view, **params).iloc[0]
if int(counts["requests"]) == 0:
    with_synthetic = query("assistance_pipeline_counts", view, **dict(params, synthetic=True)).iloc[0]
    if not filters.synthetic and int(with_synthetic["requests"]) > 0:
        blocks.empty_state("common.no_synthetic_only", what=m("what_requests"))
    else:
        blocks.empty_state("common.no_data_period", what=m("what_requests"))
    st.stop()

synthetic_rows = int(counts["requests_synthetic"] + counts["offers_synthetic"] + counts["matches_synthetic"])
counted_rows = int(counts["requests"] + counts["offers"] + counts["matches"])
blocks.synthetic_badge(synthetic_rows, counted_rows)
st.caption(m("as_of_note", end=filters.end.isoformat(), n=int(counts["requests"])))

state_labels = {"request_status": lookups.labels("request_status"), "match_status": lookups.labels("match_status")}
weapon_labels = lookups.labels("weapon_type")
area_labels = lookups.labels("area")

# --- 1. funnel ---------------------------------------------------------------------------------------------------
st.subheader(m("funnel_header"))
funnel = charts.funnel_frame(query("assistance_pipeline_funnel", view, **params))
blocks.legacy_chart_block(charts.funnel(funnel), funnel, "assistance_pipeline_funnel", caption=m("funnel_caption"))

# --- 2. days spent in each stage ---------------------------------------------------------------------------------
st.subheader(m("days_header"))
points = query("assistance_pipeline_stage_days", view, **params)
summary = query("assistance_pipeline_stage_summary", view, **params)
if summary.empty:
    blocks.empty_state("common.no_data_period", what=m("what_stage_days"))
else:
    summary.insert(2, "interval", summary["stage"].map(lambda s: m(f"interval_{s}")))
    # Dots for at most MAX_DOTS requests per stage (a fixed sample): beyond that a browser cannot draw them and they
    # add nothing; the boxes and the summary table are computed in SQL over every request.
    total_points = len(points)
    if total_points > MAX_DOTS:
        points = pd.concat(
            [
                g if len(g) <= MAX_DOTS else g.sample(n=MAX_DOTS, random_state=1540)
                for _, g in points.groupby("stage", sort=False)
            ]
        )
    points.insert(2, "interval", points["stage"].map(lambda s: m(f"interval_{s}")))
    if len(points) < total_points:
        st.caption(m("days_sampled", shown=len(points), total=total_points))

    def stage_tables(frame: pd.DataFrame) -> None:
        st.markdown(m("days_summary_title"))
        st.dataframe(summary, hide_index=True)
        downloads.download(summary, "assistance_pipeline_stage_summary")
        st.markdown(m("days_points_title"))
        st.dataframe(frame, hide_index=True)

    blocks.legacy_chart_block(
        charts.stage_days(points, summary, RULE_DAYS),
        points,
        "assistance_pipeline_stage_days",
        m("days_caption"),
        table=stage_tables,
    )

# --- 3. the one-week distribution rule ---------------------------------------------------------------------------
st.subheader(m("rule_header", days=RULE_DAYS))
st.caption(m("rule_intro", days=RULE_DAYS))
compliance = charts.compliance_frame(query("assistance_pipeline_compliance", view, rule_days=RULE_DAYS, **params))
breaches = query("assistance_pipeline_breaches", view, rule_days=RULE_DAYS, **params)
blocks.legacy_chart_block(
    charts.compliance(compliance, RULE_DAYS),
    compliance,
    "pipeline_rule_compliance",
    caption=m("rule_caption", days=RULE_DAYS),
)
st.markdown(m("breaches_title", n=len(breaches), days=RULE_DAYS))
if breaches.empty:
    st.success(m("no_breaches", days=RULE_DAYS), icon=":material/check_circle:")
else:
    breaches["status"] = breaches["status"].map(lambda s: state_labels["request_status"].get(s, s))
    breaches["distributed_date"] = (
        pd.to_datetime(breaches["distributed_date"]).dt.strftime("%Y-%m-%d").fillna(m("not_distributed_by_end"))
    )
    st.dataframe(
        breaches,
        hide_index=True,
        height=min(38 + 35 * len(breaches), 390),
        column_config={
            "request_id": st.column_config.TextColumn(m("col_request")),
            "state_name": st.column_config.TextColumn(m("col_state")),
            "received_date": date_column("col_received"),
            "distributed_date": st.column_config.TextColumn(m("col_distributed")),
            "days": st.column_config.NumberColumn(m("col_days"), help=m("col_days_help", days=RULE_DAYS)),
            "still_waiting": st.column_config.CheckboxColumn(m("col_still_waiting")),
            "status": st.column_config.TextColumn(m("col_status")),
        },
    )
    downloads.download(breaches, "pipeline_rule_breaches")

# --- 4. ageing of open requests ----------------------------------------------------------------------------------
st.subheader(m("ageing_header"))
open_ages = query("assistance_pipeline_open_ages", view, **params)
if open_ages.empty:
    blocks.empty_state("common.no_data_period", what=m("what_open", end=filters.end.isoformat()))
else:
    ageing = charts.ageing_counts(open_ages)
    blocks.legacy_chart_block(
        charts.ageing(ageing),
        ageing,
        "pipeline_open_ageing",
        caption=m("ageing_caption", end=filters.end.isoformat(), n=len(open_ages)),
    )

# --- 5. requests versus offers by area ---------------------------------------------------------------------------
st.subheader(m("gap_header"))
gap = charts.gap_frame(query("assistance_pipeline_area_gap", view, **params), area_labels)
if gap.empty:
    blocks.empty_state("common.no_data_period", what=m("what_items"))
else:
    unmet = int(gap["items_unmet"].sum())
    if unmet:
        st.warning(m("unmet_callout", n=unmet, end=filters.end.isoformat()), icon=":material/report:")
    blocks.legacy_chart_block(charts.gap(gap), gap, "assistance_pipeline_area_gap", caption=m("gap_caption"))

# --- 6. match rates ----------------------------------------------------------------------------------------------
st.subheader(m("rates_header"))
st.markdown(m("rate_area_title"))
area_rates = charts.area_match_rate(gap) if not gap.empty else gap
if area_rates.empty:
    blocks.empty_state("common.no_data_period", what=m("what_items"))
else:
    blocks.legacy_chart_block(
        charts.match_rate_bars(area_rates, "area_label", "items_matched", "items_requested", "items_unit"),
        area_rates,
        "pipeline_match_rate_area",
        caption=m("rate_area_caption"),
    )
st.markdown(m("rate_provider_title"))
providers = charts.provider_match_rate(query("assistance_pipeline_provider_rates", view, **params))
if providers.empty:
    blocks.empty_state("common.no_data_period", what=m("what_offers"))
else:
    blocks.legacy_chart_block(
        charts.match_rate_bars(providers, "provider_name", "offers_matched", "offers_made", "offers_unit"),
        providers,
        "pipeline_match_rate_provider",
        caption=m("rate_provider_caption"),
    )

# --- 7. one request's timeline -----------------------------------------------------------------------------------
st.subheader(m("request_header"))
options = query("assistance_pipeline_request_options", view, **params)
if len(options) > MAX_OPTIONS:  # the picker lists the most recent; narrow the filters to reach older ones
    st.caption(m("request_options_capped", shown=MAX_OPTIONS, total=len(options)))
    options = options.sort_values("received_date", ascending=False).head(MAX_OPTIONS).reset_index(drop=True)
names = {
    row.request_id: m("request_option", id=row.request_id, state=row.state_name, date=row.received_date.date())
    for row in options.itertuples()
}
if st.session_state.get(SELECTED_KEY) not in names:
    st.session_state.pop(SELECTED_KEY, None)  # the filters changed: the previous choice is no longer listed
# Default: the newest request with a match, so the timeline shows the whole procedure; any request can be chosen.
with_match = options.index[options["n_matches"] > 0]
chosen = st.selectbox(
    m("request_select"),
    list(names),
    index=int(with_match[0]) if len(with_match) else 0,
    format_func=names.get,
    key=SELECTED_KEY,
    help=m("request_select_help"),
)
detail = query(
    "assistance_pipeline_request_detail",
    view,
    request_id=chosen,
    withheld=m("summary_withheld"),
    show_unpublished=internal,
).iloc[0]

distributed = (
    m("fact_not_distributed")
    if pd.isna(detail["days_to_distribute"])
    else m("fact_distributed_after", days=int(detail["days_to_distribute"]))
)
st.markdown(
    m(
        "request_facts",
        state=text.markdown(detail["state_name"]),
        received=detail["received_date"].date().isoformat(),
        distributed=distributed,
        status=text.markdown(state_labels["request_status"].get(detail["status"], detail["status"])),
        items=int(detail["n_items"]),
        matches=int(detail["n_matches"]),
    )
)
st.markdown(f"**{m('fact_summary')}:** {text.markdown(detail['summary'] or m('no_summary'))}")
if not detail["consent_to_publish"]:
    st.warning(m("consent_note_internal" if internal else "consent_note"), icon=":material/lock:")

steps = charts.timeline_frame(
    query("assistance_pipeline_request_timeline", view, request_id=chosen), state_labels["match_status"]
)
blocks.legacy_chart_block(
    charts.request_timeline(steps, detail["received_date"].date(), RULE_DAYS, filters.end),
    steps,
    f"pipeline_request_{chosen}".lower().replace("-", "_"),
    caption=m("timeline_caption", days=RULE_DAYS),
)

items = query(
    "assistance_pipeline_request_items", view, request_id=chosen, withheld=m("text_withheld"), show_unpublished=internal
)
items["area"] = items["area"].map(lambda a: area_labels.get(a, a))
items["weapon_type"] = items["weapon_type"].map(lambda w: weapon_labels.get(w, w))
matches = query(
    "assistance_pipeline_request_matches",
    view,
    request_id=chosen,
    withheld=m("text_withheld"),
    show_unpublished=internal,
)
matches["area"] = matches["area"].map(lambda a: area_labels.get(a, a))
matches["status"] = matches["status"].map(lambda s: state_labels["match_status"].get(s, s))
st.markdown(m("items_title", n=len(items)))
st.dataframe(
    items,
    hide_index=True,
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
downloads.download(items, f"pipeline_items_{chosen}")
st.markdown(m("matches_title", n=len(matches)))
if matches.empty:
    st.info(m("no_matches"), icon=":material/hourglass_empty:")
else:
    st.dataframe(
        matches,
        hide_index=True,
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
    downloads.download(matches, f"pipeline_matches_{chosen}")
