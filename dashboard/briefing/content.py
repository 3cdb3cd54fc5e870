"""What a briefing pack says: gathered once from the measure layer into one value that both writers lay out.

Pure (no Streamlit): a `Runner` runs the dashboard's named queries (dashboard/queries, and the pack's own in
dashboard/briefing/queries) on one read-only connection to the view's own warehouse file, so the public pack can only
read the public file. Every number is a measure's value as its query returns it; nothing is counted here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlencode

import duckdb
import pandas as pd
import plotly.graph_objects as go

from dashboard import filters as flt
from dashboard import settings
from dashboard.briefing import maps
from dashboard.briefing.summary import Sentence, Summary, long_date, region_summary, state_line, state_summary
from dashboard.charts import overview as overview_charts
from dashboard.charts import pillar_progress as progress_charts
from dashboard.charts import state_profile as profile_charts
from dashboard.charts import workshop_planner as planner_charts
from dashboard.charts.common import format_value, mark_illustrative
from dashboard.charts.common import key_figures as common_key_figures
from dashboard.figures import OVERVIEW_KEYS
from dashboard.i18n import t
from dashboard.measures.catalogue import measure
from dashboard.text import web_link
from dashboard.warehouse import QUERY_DIR, SEARCH_PATH, open_readonly

PACK_QUERIES = Path(__file__).parent / "queries"
_PARAM = re.compile(r"\$([a-z_]+)")
#: Where the dashboard is served: the pack prints the address of the same view there.
BASE_URL_ENV = "DASHBOARD_BASE_URL"
DEFAULT_BASE_URL = "http://127.0.0.1:8501"
#: Rows of a table on a slide or page; the full table goes to the PDF appendix (up to APPENDIX_ROWS).
SLIDE_ROWS = 8
APPENDIX_ROWS = 200

Progress = Callable[[float, str], None]


def _no_progress(_share: float, _step: str) -> None:
    """Progress is optional (the command line reports none)."""


class Runner:
    """Named queries on one read-only connection to one warehouse file (the view's own)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._con: duckdb.DuckDBPyConnection = open_readonly(str(self.path))

    def __call__(self, name: str, **params: object) -> pd.DataFrame:
        if not re.fullmatch(r"[a-z0-9_]+", name):
            raise ValueError(f"bad query name {name!r}")
        own = PACK_QUERIES / f"{name}.sql"
        sql = (own if own.exists() else QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")
        wanted = set(_PARAM.findall(sql))
        missing = wanted - params.keys()
        if missing:
            raise KeyError(f"{name} needs parameters {sorted(missing)}")
        cursor = self._con.cursor()
        try:
            cursor.execute(f"set search_path = '{SEARCH_PATH}'")
            return cursor.execute(sql, {k: params[k] for k in wanted}).df()
        finally:
            cursor.close()

    def close(self) -> None:
        self._con.close()


@dataclass(frozen=True)
class Spec:
    """What to brief on: the view, the filters, one State (None: the region, or the States in the filter) and the
    briefing date Joint Plan completions are counted from (None: not stated)."""

    view: str
    filters: flt.Filters
    state: str | None = None
    since: dt.date | None = None
    base_url: str = DEFAULT_BASE_URL
    #: The workshop planner's shortlist with these weights as a section of its own (None: no such section).
    shortlist: planner_charts.Weights | None = None
    shortlist_size: int = planner_charts.DEFAULT_SIZE

    @property
    def stem(self) -> str:
        """briefing_TJK_2025-11-30_public: State (or region), period end and view."""
        return f"briefing_{self.state or 'region'}_{self.filters.end.isoformat()}_{self.view}"

    def url(self) -> str:
        """The address of the same view in the dashboard (the page with its filters in the URL)."""
        query = self.filters.to_query()
        if self.state:
            query = {**query, "state": self.state}
        if self.since:
            query = {**query, "since": self.since.isoformat()}
        page = "state_profile" if self.state else ""
        return f"{self.base_url.rstrip('/')}/{page}?{urlencode(query)}"


@dataclass(frozen=True)
class KeyLine:
    measure: str
    name: str
    value: str
    definition: str


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    figure: go.Figure
    caption: str = ""
    width: int = 1000
    height: int = 420
    png: bytes = b""


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    frame: pd.DataFrame  # display text, columns already labelled
    widths: tuple[float, ...] = ()  # relative column widths
    note: str = ""  # said under the title, before the rows


@dataclass(frozen=True)
class Source:
    number: int
    url: str
    title: str
    source_type: str
    publisher: str

    @property
    def link(self) -> str | None:
        return web_link(self.url)


@dataclass(frozen=True)
class Pack:
    spec: Spec
    title: str
    scope: str
    title_lines: tuple[str, ...]
    as_of: dt.date
    load_id: str
    summary: Summary
    state_lines: tuple[Sentence, ...]
    key_figures: tuple[KeyLine, ...]
    charts: tuple[Chart, ...]
    tables: tuple[Table, ...]
    sources: tuple[Source, ...]
    synthetic_rows: int  # synthetic rows behind the figures shown (the measures' *_synthetic)
    counted_rows: int
    synthetic_shown: int = 0  # synthetic rows listed in the tables
    synthetic_scored: int = 0  # synthetic rows behind the workshop shortlist's scores
    values: Mapping[str, float | None] = field(default_factory=dict)  # measure key -> value as queried

    @property
    def illustrative(self) -> bool:
        """Whether synthetic rows count in what the pack shows: then every slide and page says so."""
        return bool(self.synthetic_rows or self.synthetic_shown or self.synthetic_scored)

    def footer(self) -> str:
        return t(
            "briefing.footer",
            scope=self.scope,
            end=self.spec.filters.end.isoformat(),
            view=t(f"briefing.footer_view_{self.spec.view}"),
            as_of=self.as_of.isoformat(),
        )


# --- shared pieces ------------------------------------------------------------------------------------------------


class _Lookups:
    def __init__(self, run: Runner) -> None:
        self.run = run
        frame = run("shared_actor_names")
        self.names: dict[str, str] = dict(zip(frame["actor_id"], frame["name_en"], strict=True))
        self.days = int(run("shared_distribution_rule").iloc[0]["distribution_rule_days"])
        self._labels: dict[str, dict[str, str]] = {}

    def labels(self, vocabulary: str) -> dict[str, str]:
        if vocabulary not in self._labels:
            frame = self.run("shared_vocab_labels", vocabulary=vocabulary)
            self._labels[vocabulary] = dict(zip(frame["code"], frame["label"], strict=True))
        return self._labels[vocabulary]


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def filters_text(filters: flt.Filters, look: _Lookups, state: str | None) -> str:
    parts = []
    if filters.states and not state:
        parts.append(t("briefing.filter_states", values=", ".join(look.names.get(c, c) for c in filters.states)))
    for name, codes, labels in (
        ("pillars", filters.pillars, look.labels("pillar")),
        ("areas", filters.areas, look.labels("area")),
        ("funders", filters.funders, look.names),
    ):
        if codes:
            parts.append(t(f"briefing.filter_{name}", values=", ".join(labels.get(c, c) for c in codes)))
    if not filters.synthetic:
        parts.append(t("briefing.filter_no_synthetic"))
    return "; ".join(parts) or t("briefing.filters_none")


def key_lines(frame: pd.DataFrame, keys: Iterable[str], days: int, percent: Iterable[str] = ()) -> tuple[KeyLine, ...]:
    """Each key figure with its catalogue name and one-line definition, valued as the pages show it."""
    figures = common_key_figures(frame, tuple(keys), percent=percent)
    return tuple(
        KeyLine(f.measure, measure(f.measure).name(), format_value(f), measure(f.measure).definition(days))
        for f in figures
    )


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, str | list | tuple) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return t("briefing.yes") if value else t("briefing.no")
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:,.0f}"
    return " ".join(str(value).split())


class _Citations:
    """Source numbers in order of first citation; synthetic rows cite none (their tag is not a source)."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.synthetic = 0

    def cite(self, url: object, synthetic: object = False) -> str:
        if bool(synthetic):
            self.synthetic += 1
            return t("briefing.col_synthetic").lower()
        if not isinstance(url, str) or not url.strip():
            return ""
        if url not in self.order:
            self.order.append(url)
        return f"[{self.order.index(url) + 1}]"

    def sources(self, run: Runner) -> tuple[Source, ...]:
        if not self.order:
            return ()
        listed = {row["source_url"]: row for row in run("briefing_sources", urls=self.order).to_dict("records")}
        out = []
        for number, url in enumerate(self.order, start=1):
            row = listed.get(url)
            if row is None:
                out.append(Source(number, url, url, t("briefing.source_unlisted"), ""))
            else:
                out.append(
                    Source(number, url, _cell(row["title"]), _cell(row["source_type_en"]), _cell(row["publisher"]))
                )
        return tuple(out)


def _table(key: str, title: str, columns: Mapping[str, list[str]], widths: tuple[float, ...], note: str = "") -> Table:
    return Table(key, title, pd.DataFrame(columns, dtype="object"), widths, note)


def _values(*frames: pd.DataFrame) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for frame in frames:
        for column, value in frame.iloc[0].items():
            out[str(column)] = None if pd.isna(value) else float(value)
    return out


def _header(spec: Spec, look: _Lookups, run: Runner, scope: str) -> tuple[tuple[str, ...], dt.date, str]:
    status = run("shared_load_status").iloc[0]
    as_of = pd.Timestamp(status["as_of"]).date()
    filters = spec.filters
    lines = [
        t("briefing.subtitle"),
        t("briefing.period", start=long_date(filters.start), end=long_date(filters.end)),
        t("briefing.filters", filters=filters_text(filters, look, spec.state)),
    ]
    if spec.since:
        lines.append(t("briefing.since", since=long_date(spec.since)))
    lines += [
        t(f"briefing.view_{spec.view}"),
        t("briefing.as_of", as_of=long_date(as_of), load_id=str(status["run_id"])),
        t("briefing.address", url=spec.url()),
    ]
    return tuple(lines), as_of, str(status["run_id"])


def _map_chart(run: Runner, spec: Spec, params: dict[str, object], names: dict[str, str]) -> Chart:
    states = run("coverage_map_states", **params)
    flows = run("coverage_map_flows", **params, focus=spec.state)
    return Chart(
        "map",
        t("briefing.chart_map"),
        maps.map_figure(states, flows, names, spec.state),
        t("briefing.map_caption") + " " + t("briefing.map_disclaimer"),
        width=1000,
        height=620,
    )


def _flows_table(run: Runner, spec: Spec, params: dict[str, object]) -> Table:
    flows = run("coverage_map_flows", **params, focus=spec.state)
    return _table(
        "flows",
        t("briefing.table_flows"),
        {
            t("briefing.col_provider"): [_cell(v) for v in flows["provider_name"]],
            t("briefing.col_state"): [_cell(v) for v in flows["state_name"]],
            t("briefing.col_matches"): [_cell(v) for v in flows["matches_proposed"]],
            t("briefing.col_delivered"): [_cell(v) for v in flows["matches_delivered"]],
            t("briefing.col_synthetic"): [_cell(bool(v)) for v in flows["matches_proposed_synthetic"]],
        },
        (3, 2, 1, 1, 1),
    )


def shortlist_scores(run: Runner, spec: Spec, filters: flt.Filters) -> pd.DataFrame:
    """The workshop planner's shortlist query for the spec's weights and these filters (a State pack's: its State)."""
    weights = spec.shortlist or planner_charts.DEFAULT_WEIGHTS
    return run("workshop_planner_shortlist", **filters.params(), **weights.params(), size=spec.shortlist_size)


def _shortlist_table(run: Runner, spec: Spec, filters: flt.Filters, look: _Lookups) -> tuple[Table, int]:
    """The shortlist section: the planner's own table (rank, pair, score, reason in words) with the weights used and
    the words that it ranks gaps in coverage, never States; and the synthetic rows behind its scores."""
    weights = spec.shortlist or planner_charts.DEFAULT_WEIGHTS
    scores = shortlist_scores(run, spec, filters)
    table = planner_charts.shortlist_table(scores, look.labels("area"), look.labels("pillar"))
    never = t("workshop_planner.never")
    frame = {
        t("workshop_planner.col_rank"): [_cell(v) for v in table["rank"]],
        t("briefing.col_state"): [_cell(v) for v in table["state_name"]],
        t("workshop_planner.col_dimension"): [_cell(v) for v in table["kind"]],
        t("workshop_planner.col_topic"): [_cell(v) for v in table["topic_label"]],
        t("workshop_planner.col_score"): [f"{v:.2f}" for v in table["focus_score"]],
        t("workshop_planner.col_months"): [
            never if bool(n) else _cell(m)
            for n, m in zip(table["never_covered"], table["months_since_covered"], strict=True)
        ],
        t("workshop_planner.col_reason"): [_cell(v) for v in table["reason"]],
    }
    widths = (0.4, 1.3, 1.2, 2.2, 0.9, 0.9, 5.2)
    if "synthetic_rows" in table.columns:
        frame[t("briefing.col_synthetic_rows")] = [_cell(v) for v in table["synthetic_rows"]]
        widths = (*widths, 0.9)
    note = t(
        "briefing.shortlist_note",
        w_unmet=f"{weights.unmet:g}",
        w_jpoa=f"{weights.jpoa:g}",
        w_months=f"{weights.months:g}",
        n=len(table),
        end=long_date(filters.end),
    )
    synthetic = int(table["synthetic_rows"].sum()) if "synthetic_rows" in table.columns else 0
    return _table("shortlist", t("briefing.table_shortlist"), frame, widths, note), synthetic


# --- the State pack -----------------------------------------------------------------------------------------------


def _state_pack(run: Runner, spec: Spec, look: _Lookups, progress: Progress) -> Pack:
    state = spec.state or ""
    filters = flt.with_states(spec.filters, (state,))
    params = dict(filters.params(), state=state)
    header = run("state_profile_state", state=state).iloc[0]
    name = str(header["name_en"])
    title_lines, as_of, load_id = _header(spec, look, run, name)
    cite = _Citations()
    cite.cite(header["source_url"])
    title_lines = (f"{name} · {header['name_ru']}", *title_lines)

    row = run("state_profile_summary", **params, since=spec.since or filters.start)
    summary = state_summary(row.iloc[0], name, filters.start, filters.end, spec.since)
    figures = run("state_profile_key_figures", **params)
    keys = tuple(
        KeyLine(f.measure, measure(f.measure).name(), format_value(f), measure(f.measure).definition(look.days))
        for f in profile_charts.key_figures(figures)
    )
    counts = figures.iloc[0]
    synthetic = int(
        counts["meetings_attended_synthetic"]
        + counts["requests_received_synthetic"]
        + counts["jpoa_items_synthetic"]
        + counts["action_plans_synthetic"]
    )
    counted = int(
        counts["meetings_attended"] + counts["requests_received"] + counts["jpoa_items"] + counts["action_plans"]
    )
    progress(0.25, t("briefing.step_data"))

    roles = run("state_profile_roles", **params)
    role_labels = look.labels("role")
    requests = run("state_profile_requests", **params, show_unpublished=spec.view == "internal")
    plans = run("state_profile_plans", **params)
    changes = run("state_profile_changes", **params)
    end = long_date(filters.end)
    tables = [
        _table(
            "roles",
            t("briefing.table_roles"),
            {
                t("briefing.col_date"): [_cell(v) for v in roles["start_date"]],
                t("briefing.col_event"): [_cell(v) for v in roles["event_title"]],
                t("briefing.col_role"): [
                    t("state_profile.role_disputed", role=role_labels.get(r, r)) if d else role_labels.get(r, r)
                    for r, d in zip(roles["role"], roles["disputed"], strict=True)
                ],
                t("briefing.col_city"): [_cell(v) for v in roles["city"]],
                t("briefing.col_confidence"): [_cell(v) for v in roles["confidence"]],
                t("briefing.col_source"): [
                    cite.cite(u, s) for u, s in zip(roles["source_url"], roles["is_synthetic"], strict=True)
                ],
            },
            (1.1, 4, 1.6, 1.2, 1.2, 0.9),
        ),
        _table(
            "requests",
            t("briefing.table_requests", end=end),
            {
                t("briefing.col_request"): [_cell(v) for v in requests["request_id"]],
                t("briefing.col_received"): [_cell(v) for v in requests["received_date"]],
                t("briefing.col_stage"): [profile_charts.stage_label(s) for s in requests["stage_at_end"]],
                t("briefing.col_areas"): [_cell(v) for v in requests["areas"]],
                t("briefing.col_providers"): [_cell(v) for v in requests["providers"]],
                t("briefing.col_days_to_distribute"): [_cell(v) for v in requests["days_to_distribute"]],
                t("briefing.col_summary"): [
                    _cell(s) or t("state_profile.summary_withheld") for s in requests["summary"]
                ],
                t("briefing.col_source"): [
                    cite.cite(u, s) for u, s in zip(requests["source_url"], requests["is_synthetic"], strict=True)
                ],
            },
            (1.45, 1.05, 1.3, 1.8, 1.8, 0.8, 3, 0.8),
        ),
        _table(
            "plans",
            t("briefing.table_plans"),
            {
                t("briefing.col_plan"): [_cell(v) for v in plans["title"]],
                t("briefing.col_period"): [
                    profile_charts.plan_period(s, e)
                    for s, e in zip(plans["period_start"], plans["period_end"], strict=True)
                ],
                t("briefing.col_submitted"): [_cell(v) for v in plans["submitted_date"]],
                t("briefing.col_source"): [
                    cite.cite(u, s) for u, s in zip(plans["source_url"], plans["is_synthetic"], strict=True)
                ],
            },
            (5, 1.2, 1.2, 0.9),
        ),
        _table(
            "changes",
            t("briefing.table_changes"),
            {
                t("briefing.col_date"): [_cell(v) for v in changes["change_date"]],
                t("briefing.col_kind"): [t(f"state_profile.kind_{k}") for k in changes["kind"]],
                t("briefing.col_change"): [_cell(v) for v in changes["description"]],
                t("briefing.col_source"): [
                    cite.cite(u, s) for u, s in zip(changes["source_url"], changes["is_synthetic"], strict=True)
                ],
            },
            (1.1, 1.6, 6, 0.9),
        ),
    ]
    charts = []
    pillar_rows = run("state_profile_progress", **params)
    if not pillar_rows.empty:
        table = profile_charts.pillar_table(pillar_rows, look.labels("pillar"))
        charts.append(
            Chart(
                "progress",
                t("briefing.chart_progress", end=end),
                profile_charts.pillar_bars(table, look.labels("item_status")),
                t("state_profile.progress_caption", as_of=end),
                height=max(260, 110 + 60 * len(table)),
            )
        )
    map_params = dict(filters.params())
    charts.append(_map_chart(run, spec, map_params, look.names))
    tables.insert(2, _flows_table(run, spec, map_params))
    scored = 0
    if spec.shortlist:
        shortlist, scored = _shortlist_table(run, spec, filters, look)
        tables.append(shortlist)
    return Pack(
        spec=spec,
        title=t("briefing.deck_title_state", name=name),
        scope=name,
        title_lines=title_lines,
        as_of=as_of,
        load_id=load_id,
        summary=summary,
        state_lines=(),
        key_figures=keys,
        charts=tuple(charts),
        tables=tuple(tables),
        sources=cite.sources(run),
        synthetic_rows=synthetic,
        counted_rows=counted,
        synthetic_shown=cite.synthetic,
        synthetic_scored=scored,
        values=_values(row, figures),
    )


# --- the regional pack --------------------------------------------------------------------------------------------


def region_scope(filters: flt.Filters, names: Mapping[str, str]) -> str:
    """The region, or the States of the State filter by name."""
    if not filters.states:
        return t("briefing.region")
    return _and([names.get(code, code) for code in filters.states])


def _region_progress(run: Runner, spec: Spec, look: _Lookups) -> tuple[Chart | None, Table | None]:
    """Joint Plan progress of the region: the pillar progress page's States x pillars heatmap as of the period end,
    with the change since the briefing date (else the period start), and its cells as a table; none without items."""
    filters = spec.filters
    since = spec.since or filters.start
    cells = run("pillar_progress_cells", **filters.params(), as_of=filters.end, since=since)
    if not int(cells["jpoa_items"].sum()):
        return None, None
    table = progress_charts.cell_table(cells, look.names, look.labels("pillar"), since)
    end, since_text = long_date(filters.end), long_date(since)
    chart = Chart(
        "progress",
        t("briefing.chart_progress", end=end),
        progress_charts.heatmap(table, since),
        t("briefing.progress_region_caption", end=end, since=since_text),
        height=130 + 80 * len(set(table["state_id"])),
    )
    frame = _table(
        "progress",
        t("briefing.table_progress", end=end),
        {
            t("briefing.col_state"): [_cell(v) for v in table["state"]],
            t("briefing.col_pillar"): [_cell(v) for v in table["pillar"]],
            t("briefing.col_items"): [_cell(v) for v in table["items"]],
            t("briefing.col_completed"): [_cell(v) for v in table["completed"]],
            t("briefing.col_in_progress"): [_cell(v) for v in table["in_progress"]],
            t("briefing.col_not_started"): [_cell(v) for v in table["not_started"]],
            t("briefing.col_completed_since", since=since_text): [_cell(v) for v in table["completed_change"]],
        },
        (1.6, 3, 0.8, 1, 1, 1, 1.6),
    )
    return chart, frame


def _region_pack(run: Runner, spec: Spec, look: _Lookups, progress: Progress) -> Pack:
    filters = spec.filters
    params = filters.params()
    scope = region_scope(filters, look.names)
    title_lines, as_of, load_id = _header(spec, look, run, scope)
    row = run("overview_summary", **params, since=spec.since or filters.start)
    summary = region_summary(row.iloc[0], scope, filters.start, filters.end, spec.since)
    figures = run("overview_key_figures", **params)
    keys = key_lines(figures, OVERVIEW_KEYS, look.days, percent=["share_within_rule"])
    counts = row.iloc[0]
    synthetic = int(counts["meetings_held_synthetic"] + counts["requests_received_synthetic"])
    synthetic += int(counts["jpoa_items_synthetic"])
    counted = int(counts["meetings_held"] + counts["requests_received"] + counts["jpoa_items"])
    progress(0.25, t("briefing.step_data"))

    states = run("coverage_map_states", **params)
    shown = states[states["in_filter"].astype(bool)].sort_values("state_id")
    lines = tuple(state_line(r, str(r["name_en"]), filters.end) for r in shown.to_dict("records"))
    cite = _Citations()
    latest = run("overview_latest_changes", **params, limit=settings.LATEST_CHANGES)
    tables = [
        _table(
            "states",
            t("briefing.table_states"),
            {
                t("briefing.col_state"): [_cell(v) for v in shown["name_en"]],
                t("briefing.col_meetings"): [_cell(v) for v in shown["meetings_attended"]],
                t("briefing.col_pillars"): [_cell(v) for v in shown["pillars_covered"]],
                t("briefing.col_last_reached"): [_cell(v) for v in shown["last_reached"]],
                t("briefing.col_open"): [_cell(v) for v in shown["requests_open_at_end"]],
                t("briefing.col_matches"): [_cell(v) for v in shown["matches_proposed"]],
            },
            (2, 1.2, 1.2, 1.2, 1.2, 1.2),
        ),
        _table(
            "latest",
            t("briefing.table_latest"),
            {
                t("briefing.col_date"): [_cell(v) for v in latest["change_date"]],
                t("briefing.col_kind"): [t(f"overview.kind_{k}") for k in latest["kind"]],
                t("briefing.col_states"): [_cell(v) for v in latest["states"]],
                t("briefing.col_change"): [_cell(v) for v in latest["description"]],
                t("briefing.col_source"): [
                    cite.cite(u, s) for u, s in zip(latest["source_url"], latest["is_synthetic"], strict=True)
                ],
            },
            (1.1, 1.5, 1.5, 5, 0.9),
        ),
    ]
    events = int(figures.iloc[0]["events_held"])
    pillar_labels = look.labels("pillar")
    charts = []
    if events > settings.TIMELINE_MAX_EVENTS:
        monthly = run("overview_timeline_monthly", **params)
        chart = overview_charts.timeline_monthly(monthly, pillar_labels)
        charts.append(
            Chart(
                "timeline",
                t("briefing.chart_timeline"),
                chart,
                t("overview.timeline_monthly_caption", n=events, limit=settings.TIMELINE_MAX_EVENTS),
            )
        )
    elif events:
        timeline = run("overview_timeline", **params)
        chart = overview_charts.timeline(timeline, pillar_labels, look.labels("event_type"))
        charts.append(Chart("timeline", t("briefing.chart_timeline"), chart, t("overview.timeline_caption")))
    progress_chart, progress_table = _region_progress(run, spec, look)
    if progress_chart:
        charts.append(progress_chart)
        tables.insert(1, progress_table)
    charts.append(_map_chart(run, spec, params, look.names))
    tables.insert(1, _flows_table(run, spec, params))
    scored = 0
    if spec.shortlist:
        shortlist, scored = _shortlist_table(run, spec, filters, look)
        tables.append(shortlist)
    return Pack(
        spec=spec,
        title=t("briefing.deck_title_region", scope=scope),
        scope=scope,
        title_lines=title_lines,
        as_of=as_of,
        load_id=load_id,
        summary=summary,
        state_lines=lines,
        key_figures=keys,
        charts=tuple(charts),
        tables=tuple(tables),
        sources=cite.sources(run),
        synthetic_rows=synthetic,
        counted_rows=counted,
        synthetic_shown=cite.synthetic,
        synthetic_scored=scored,
        values=_values(row, figures),
    )


def gather(run: Runner, spec: Spec, progress: Progress = _no_progress) -> Pack:
    """The pack's content for the spec, from the warehouse the runner reads."""
    look = _Lookups(run)
    if spec.state:
        return _state_pack(run, spec, look, progress)
    return _region_pack(run, spec, look, progress)


def with_images(pack: Pack, render: Callable[[Chart], bytes]) -> Pack:
    """The pack with each chart rendered to PNG; when synthetic rows count in the pack, each image carries the
    "Illustrative data" mark drawn into it, so a chart copied out of the deck keeps it."""
    marked = tuple(
        replace(c, figure=mark_illustrative(go.Figure(c.figure), int(pack.illustrative))) for c in pack.charts
    )
    return replace(pack, charts=tuple(replace(c, png=render(c)) for c in marked))
