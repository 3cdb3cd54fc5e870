"""What each page shows: every key figure row, chart, table and map, with the measures it shows and the named queries
its data comes from. Pages draw a figure only through dashboard/ui/blocks.py, which takes its entry from here; a test
renders every page and checks that each figure drawn ran the queries declared here and that every query a page ran
is declared. docs/LINEAGE.md (page -> figure -> measure -> query -> tables -> source columns) is generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    page: str  # the page stem (pages/<page>.py)
    key: str  # its name on the page: of its chart, table and download (<page>_<key>.csv)
    kind: str  # "key figures", "chart", "table" or "map"
    measures: tuple[str, ...] = ()  # catalogue keys of the measures it shows (none: rows as recorded)
    queries: tuple[str, ...] = ()  # dashboard/queries/<name>.sql its data comes from

    @property
    def name(self) -> str:
        return f"{self.page}_{self.key}"


def _page(page: str, *figures: tuple) -> dict[str, Figure]:
    return {key: Figure(page, key, kind, tuple(measures), tuple(queries)) for key, kind, measures, queries in figures}


OVERVIEW_KEYS = (
    "meetings_held",
    "states_reached",
    "requests_received",
    "requests_open_at_end",
    "requests_matched",
    "requests_delivered",
    "median_days_to_distribute",
    "share_within_rule",
)

PIPELINE_STAGES = (
    "requests_received",
    "requests_acknowledged",
    "requests_distributed",
    "requests_matched",
    "requests_delivered",
)
STAGE_DAYS = ("days_to_acknowledge", "days_to_distribute", "days_to_first_match", "days_to_delivery")
RULE_MEASURES = (
    "distribution_within_rule",
    "distribution_late",
    "distribution_pending",
    "distribution_not_judged",
    "share_within_rule",
)
AREA_GAP = ("items_requested", "offers_available", "items_matched", "items_delivered", "items_unmet")

COVERAGE_STATE = (
    "meetings_attended",
    "meetings_disputed",
    "pillars_covered",
    "requests_open_at_end",
    "last_reached",
    "months_since_last_reached",
    "matches_proposed",
)

PROFILE_KEYS = (
    "meetings_attended",
    "meetings_disputed",
    "jpoa_completed",
    "action_plans",
    "requests_received",
    "requests_open_at_end",
    "requests_matched",
    "requests_delivered",
)

JPOA_CELL = (
    "jpoa_items",
    "jpoa_completed",
    "jpoa_in_progress",
    "jpoa_not_started",
    "jpoa_completed_since",
    "jpoa_share_completed",
)

#: What the summary in words states (dashboard/briefing/summary.py), on the State profile and on the overview.
SUMMARY_REQUESTS = (
    "requests_received",
    "distribution_within_rule",
    "distribution_late",
    "distribution_pending",
    "distribution_not_judged",
    "requests_open_at_end",
    "requests_matched",
    "requests_delivered",
)
SUMMARY_JPOA = ("jpoa_items", "jpoa_completed", "jpoa_completed_since")
PROFILE_SUMMARY = (*SUMMARY_REQUESTS, "meetings_attended", "meetings_disputed", *SUMMARY_JPOA, "action_plans")
OVERVIEW_SUMMARY = ("meetings_held", "states_reached", *SUMMARY_REQUESTS, *SUMMARY_JPOA)
FUNDER_KEYS = (
    "funder_meetings_held",
    "funder_participants",
    "funder_states_reached",
    "funder_requests_matched",
    "funder_requests_delivered",
)

REGISTER_KEYS = ("requests_received", "requests_unpublished", "share_within_rule", "requests_open_at_end")

FIGURES: dict[str, dict[str, Figure]] = {
    "overview": _page(
        "overview",
        ("summary", "text", OVERVIEW_SUMMARY, ["overview_summary"]),
        ("key_figures", "key figures", OVERVIEW_KEYS, ["overview_key_figures"]),
        ("event_timeline", "chart", ["events_held"], ["overview_timeline"]),
        ("event_timeline_monthly", "chart", ["events_held"], ["overview_timeline_monthly"]),
        ("latest_changes", "table", [], ["overview_latest_changes"]),
    ),
    "assistance_pipeline": _page(
        "assistance_pipeline",
        (
            "request_count",
            "text",
            ["requests_received", "offers_available", "matches_proposed"],
            ["assistance_pipeline_counts"],
        ),
        ("funnel", "chart", PIPELINE_STAGES, ["assistance_pipeline_funnel"]),
        ("stage_days", "chart", STAGE_DAYS, ["assistance_pipeline_stage_days", "assistance_pipeline_stage_summary"]),
        ("stage_summary", "table", STAGE_DAYS, ["assistance_pipeline_stage_summary"]),
        ("rule_by_year", "chart", RULE_MEASURES, ["assistance_pipeline_rule_by_year"]),
        ("late_requests", "table", ["distribution_late"], ["assistance_pipeline_late"]),
        ("open_ageing", "chart", ["requests_open_at_end", "open_request_age"], ["assistance_pipeline_open_ages"]),
        ("area_gap", "chart", AREA_GAP, ["assistance_pipeline_area_gap"]),
        (
            "match_rate_area",
            "chart",
            ["share_items_matched", "items_matched", "items_requested"],
            ["assistance_pipeline_area_gap"],
        ),
        (
            "take_up_provider",
            "chart",
            ["share_taken_up", "offers_taken_up", "offers_available"],
            ["assistance_pipeline_provider_rates"],
        ),
        (
            "request_facts",
            "text",
            ["stage_at_end", "days_to_distribute"],
            ["assistance_pipeline_request_options", "assistance_pipeline_request_detail"],
        ),
        ("request_timeline", "chart", [], ["assistance_pipeline_request_timeline"]),
        ("request_items", "table", ["items_matched", "items_delivered"], ["assistance_pipeline_request_items"]),
        ("request_matches", "table", [], ["assistance_pipeline_request_matches"]),
    ),
    "coverage_map": _page(
        "coverage_map",
        (
            "map",
            "map",
            [*COVERAGE_STATE, "meetings_held", "matches_delivered"],
            ["coverage_map_states", "coverage_map_venues", "coverage_map_flows"],
        ),
        ("state_table", "table", COVERAGE_STATE, ["coverage_map_states"]),
        ("venues", "table", ["meetings_held", "participants"], ["coverage_map_venues"]),
        ("flows", "table", ["matches_proposed", "matches_delivered"], ["coverage_map_flows"]),
    ),
    "state_profile": _page(
        "state_profile",
        ("header", "text", [], ["state_profile_state"]),
        ("summary", "text", PROFILE_SUMMARY, ["state_profile_summary"]),
        ("key_figures", "key figures", [*PROFILE_KEYS, "jpoa_items"], ["state_profile_key_figures"]),
        ("roles_summary", "text", ["meetings_by_role"], ["state_profile_role_figures"]),
        ("roles", "table", [], ["state_profile_roles"]),
        (
            "requests",
            "table",
            ["stage_at_end", "days_to_distribute", "requests_open_at_end"],
            ["state_profile_requests"],
        ),
        (
            "progress",
            "chart",
            ["jpoa_items", "jpoa_completed", "jpoa_in_progress", "jpoa_not_started"],
            ["state_profile_progress"],
        ),
        ("plans", "table", ["action_plans"], ["state_profile_plans"]),
        ("changes", "table", [], ["state_profile_changes"]),
    ),
    "pillar_progress": _page(
        "pillar_progress",
        ("heatmap", "chart", JPOA_CELL, ["pillar_progress_cells"]),
        ("items", "table", [], ["pillar_progress_items"]),
        ("history", "table", [], ["pillar_progress_history"]),
        ("change", "chart", ["jpoa_completed_since", "jpoa_completed"], ["pillar_progress_cells"]),
        ("changed_items", "table", [], ["pillar_progress_changes"]),
        (
            "over_time",
            "chart",
            ["jpoa_share_completed", "jpoa_completed", "jpoa_items"],
            ["pillar_progress_over_time"],
        ),
    ),
    "request_register": _page(
        "request_register",
        ("key_figures", "key figures", REGISTER_KEYS, ["request_register_key_figures"]),
        (
            "register",
            "table",
            ["stage_at_end", "days_to_distribute", "distribution_within_rule", "distribution_late"],
            ["request_register_requests"],
        ),
    ),
    "meetings": _page(
        "meetings",
        ("count", "text", ["events_held"], ["meetings_count"]),
        ("register", "table", [], ["meetings_register"]),
        ("event", "text", [], ["meetings_event"]),
        ("participants", "table", [], ["meetings_participants"]),
    ),
    "funder_outputs": _page(
        "funder_outputs",
        ("key_figures", "key figures", FUNDER_KEYS, ["funder_outputs_funders"]),
        ("jpoa_not_recorded", "text", [], []),
        ("summary", "table", FUNDER_KEYS, ["funder_outputs_funders"]),
        (
            "over_time",
            "chart",
            ["funder_meetings_held", "funder_states_reached", "funder_requests_matched", "funder_requests_delivered"],
            ["funder_outputs_by_year"],
        ),
        ("roles", "table", ["funder_meetings_attended"], ["funder_outputs_roles"]),
        ("meetings", "table", [], ["funder_outputs_meetings"]),
    ),
    "workshop_planner": _page(
        "workshop_planner",
        (
            "matrix_area",
            "chart",
            ["months_since_covered", "never_covered", "items_unmet_in_area"],
            ["workshop_planner_matrix"],
        ),
        (
            "matrix_pillar",
            "chart",
            ["months_since_covered", "never_covered", "jpoa_not_completed"],
            ["workshop_planner_matrix"],
        ),
        (
            "not_reached",
            "table",
            ["reached_recently", "last_reached", "months_since_last_reached"],
            ["workshop_planner_not_reached"],
        ),
        (
            "shortlist",
            "table",
            ["focus_score", "items_unmet_in_area", "jpoa_not_completed", "months_since_covered", "never_covered"],
            ["workshop_planner_shortlist"],
        ),
    ),
    "load_details": _page(
        "load_details",
        ("synthetic_share", "table", [], ["load_details_synthetic_share"]),
        ("files", "table", [], ["load_details_files"]),
        ("rejects", "table", [], ["load_details_rejects"]),
        ("sources", "table", [], ["load_details_sources"]),
        ("history", "table", [], ["load_details_history"]),
    ),
    "data_quality": _page(
        "data_quality",
        ("freshness", "table", [], ["data_quality_freshness"]),
        ("states", "table", [], ["data_quality_states"]),
        ("state_rows", "table", [], ["data_quality_state_rows"]),
        ("empty_columns", "table", [], ["data_quality_empty_columns"]),
        ("duplicates", "table", [], ["data_quality_duplicates"]),
        ("orphans", "table", [], ["data_quality_orphans"]),
        ("history", "table", [], ["data_quality_history"]),
        ("history_internal", "table", [], ["data_quality_history", "data_quality_publishers"]),
        ("table_rows", "table", [], ["data_quality_table_rows"]),
        ("empty_rows", "table", [], ["data_quality_empty_rows"]),
        ("duplicate_rows", "table", [], ["data_quality_duplicate_rows"]),
        ("orphan_rows", "table", [], ["data_quality_orphans"]),
        ("load_rejects", "table", [], ["data_quality_load_rejects"]),
    ),
}

#: Figures of the data-quality page drawn when a number is clicked: the rows behind it (internal view only).
DATA_QUALITY_ON_CLICK = ("table_rows", "state_rows", "empty_rows", "duplicate_rows", "orphan_rows", "load_rejects")
#: Figures of the data-quality page that only the internal view draws (the rows behind the counts, who published).
DATA_QUALITY_INTERNAL = ("history_internal", *DATA_QUALITY_ON_CLICK)


def figure(page: str, key: str) -> Figure:
    """A page's figure; an unknown one raises."""
    return FIGURES[page][key]


def of_page(page: str) -> dict[str, Figure]:
    return FIGURES[page]
