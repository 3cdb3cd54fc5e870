"""python -m dashboard.briefing --state TJK --to 2025-11-30 --view public --out DIR: briefing packs in bulk, by the
same code as the pages' "Briefing pack" action. Opens the view's own warehouse file read-only (the public view reads
only the public file)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from dashboard import filters as flt
from dashboard import settings
from dashboard.briefing import build
from dashboard.briefing.content import BASE_URL_ENV, DEFAULT_BASE_URL, Runner, Spec
from dashboard.charts import workshop_planner as planner_charts


def _codes(text: str | None) -> list[str]:
    return [c.strip().upper() for c in (text or "").split(",") if c.strip()]


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m dashboard.briefing", description=__doc__.split("\n")[0])
    scope = parser.add_mutually_exclusive_group(required=True)
    scope.add_argument("--state", help="one Central Asian State (KAZ, KGZ, TJK, TKM, UZB): a State pack")
    scope.add_argument("--region", action="store_true", help="the regional pack (the States of --states, or all)")
    parser.add_argument("--from", dest="start", help="period start, YYYY-MM-DD (default: the first date in the data)")
    parser.add_argument("--to", dest="end", help="period end, YYYY-MM-DD (default: the data's as-of date)")
    parser.add_argument("--since", help="count Joint Plan completions since this briefing date, YYYY-MM-DD")
    parser.add_argument("--states", help="regional pack: comma-separated States (default: all)")
    parser.add_argument("--pillars", help="comma-separated pillar codes (default: all)")
    parser.add_argument("--areas", help="comma-separated assistance area codes (default: all)")
    parser.add_argument("--funders", help="comma-separated funder actor ids (default: all)")
    parser.add_argument("--no-synthetic", action="store_true", help="leave the synthetic demonstration rows out")
    parser.add_argument(
        "--with-shortlist",
        action="store_true",
        help="add the workshop planner's shortlist (default weights): the State's pairs, or the region's top pairs",
    )
    parser.add_argument("--view", choices=("public", "internal"), default="public")
    parser.add_argument("--warehouse", type=Path, help="the view's warehouse file (default: as the dashboard reads)")
    parser.add_argument("--base-url", default=os.environ.get(BASE_URL_ENV, DEFAULT_BASE_URL))
    parser.add_argument("--out", type=Path, default=Path("."), help="folder to write the .pptx and .pdf into")
    return parser.parse_args(argv)


def spec_from(args: argparse.Namespace, path: Path) -> Spec:
    """The spec, with every code checked against what the warehouse holds (as the pages check the URL)."""
    run = Runner(path)
    try:
        row = run("shared_filter_choices").iloc[0]
    finally:
        run.close()
    choices = flt.Choices(
        first_date=row["first_date"].date() if hasattr(row["first_date"], "date") else row["first_date"],
        last_date=row["last_date"].date() if hasattr(row["last_date"], "date") else row["last_date"],
        states=tuple(row["states"]),
        pillars=tuple(row["pillars"]),
        areas=tuple(row["areas"]),
        funders=tuple(row["funders"]),
    )
    query = {k: v for k, v in (("from", args.start), ("to", args.end)) if v}
    for name, codes in (("states", args.states), ("pillars", args.pillars), ("areas", args.areas)):
        if codes:
            query[name] = ",".join(_codes(codes))
    if args.funders:
        query["funders"] = ",".join(c.strip() for c in args.funders.split(","))
    query["synthetic"] = "0" if args.no_synthetic else "1"
    filters = flt.from_query(query, choices)
    state = args.state.strip().upper() if args.state else None
    if state and state not in choices.states:
        raise SystemExit(f"unknown State {args.state!r}: one of {', '.join(choices.states)}")
    since = dt.date.fromisoformat(args.since) if args.since else None
    shortlist = planner_charts.DEFAULT_WEIGHTS if args.with_shortlist else None
    return Spec(args.view, filters, state, since, args.base_url, shortlist=shortlist)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    path = args.warehouse or settings.warehouse_path(args.view)
    if not path.exists():
        print(f"no warehouse at {path}: build it with {settings.BUILD_COMMAND}", file=sys.stderr)
        return 2
    files = build(spec_from(args, path), path)
    args.out.mkdir(parents=True, exist_ok=True)
    deck, pdf = files.names
    (args.out / deck).write_bytes(files.pptx)
    (args.out / pdf).write_bytes(files.pdf)
    print(args.out / deck)
    print(args.out / pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
