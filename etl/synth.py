"""Seeded generator of SYNTHETIC demonstration data for the dashboard.

Everything written here is INVENTED and illustrative. No real assistance request from a Central
Asian State is public (domain brief, section 5), so requests, request items, offers, matches,
Joint Plan of Action items and their progress, and a set of "Demo:" events with their
participation are made up to exercise every view of the dashboard. Every row carries
`is_synthetic = true`, `confidence = synthetic` and `source_url = synthetic:etl.synth seed=S`,
and every invented title, summary, description and note starts with "Demo:".
Nothing here may be quoted as a fact.

The invented world stays within each body's mandate, so that no demo row misstates who does what:
1540 requests, offers and country visits only in the 1540 areas (legislation, accounting and
securing, physical protection, border control and law enforcement, export control); counter-terrorism
topics under the Joint Plan of Action, Uzbekistan's Joint Plan items only from when it signed on
(observer at the 2011 adoption, signatory in 2017); and no invented item on a politically sensitive
subject (human rights, extremism, oversight of security services, disputes) attached to a real State:
those topics appear in regional events only, and Joint Plan items are neutral capacity-building measures.

Run from the repository root:

    python -m etl.synth                                  # scale 1, seed 1540, into data/demo
    python -m etl.synth --scale 1000 --out /tmp/synth1000  # ~1.2 million rows, for load tests

The output is byte-identical for the same (scale, seed): one `random.Random` per block, seeded
from (seed, block), and no clock or set-iteration order is involved. `--scale N` writes N
independent blocks with the scale-1 volumes and distributions; block 0 is exactly the scale-1
output and the ids of block k > 0 carry the suffix `-Bk`, so ids stay globally unique.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import TextIO

from etl.contract import AREAS, CENTRAL_ASIA, MULTI_SEPARATOR, TABLES_BY_NAME, WEAPON_TYPES

OUTPUT_TABLES = (
    "events",
    "participation",
    "requests",
    "request_items",
    "offers",
    "matches",
    "action_items",
    "action_item_status",
)
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "demo"
DEFAULT_SEED = 1540
# The horizon of the demo world: the contract forbids future dates and the brief fixes this one.
AS_OF = date(2025, 12, 31)
AREA_CODES = tuple(AREAS)
WEAPON_CODES = tuple(WEAPON_TYPES)
# Resolution 1540's own areas: what a request to the 1540 Committee, an offer matched by it, or one of its country
# visits can be about. The contract's other areas (national action plan, other) stay for users' real data.
AREAS_1540 = ("legislation", "accounting_securing", "physical_protection", "border_law_enforcement", "export_control")
# Uzbekistan observed the Joint Plan's adoption in 2011 and first signed on with the Ashgabat Declaration of
# 13 June 2017 (press release PA/19): no Joint Plan item or Joint Plan event of Uzbekistan before that.
UZB_JOINED_JPOA = date(2017, 6, 13)
DEMO = "Demo: "

Row = dict[str, object]

# ---------------------------------------------------------------- reference values (not invented)

STATE_NAMES = {
    "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan",
    "TJK": "Tajikistan",
    "TKM": "Turkmenistan",
    "UZB": "Uzbekistan",
}
# (city, country, latitude, longitude): capitals first, so a country visit can go to index 0.
CITIES = (
    ("Astana", "KAZ", "51.17", "71.45"),
    ("Bishkek", "KGZ", "42.87", "74.57"),
    ("Dushanbe", "TJK", "38.54", "68.78"),
    ("Ashgabat", "TKM", "37.94", "58.38"),
    ("Tashkent", "UZB", "41.31", "69.28"),
    ("Almaty", "KAZ", "43.24", "76.89"),
    ("Osh", "KGZ", "40.53", "72.80"),
    ("Khujand", "TJK", "40.28", "69.62"),
    ("Turkmenbashi", "TKM", "40.02", "52.97"),
    ("Samarkand", "UZB", "39.65", "66.96"),
)
CAPITALS = {c[1]: c for c in CITIES[:5]}

# ---------------------------------------------------------------- tuning of the invented world

# Requests per State per block (sum 90): uneven on purpose so charts by State differ.
REQUESTS_PER_STATE = {"KAZ": 17, "KGZ": 21, "TJK": 20, "TKM": 13, "UZB": 19}
REQUEST_YEARS = tuple(range(2010, 2026))
# Gently rising volume over time, as awareness of the clearing house grew.
REQUEST_YEAR_WEIGHTS = tuple(12 + i for i in range(len(REQUEST_YEARS)))
RECENT_UNDISTRIBUTED = 4  # per block: received late 2025, not yet distributed
CHANNEL_WEIGHTS = {"note_verbale": 35, "template": 35, "national_report": 15, "referral": 15}
ON_TIME_SHARE = 0.8  # distributed within the 7-day service level
CONSENT_SHARE = 0.6
MIN_WITHDRAWN = 2
ITEMS_PER_REQUEST = ((1, 30), (2, 35), (3, 20), (4, 15))
AREA_WEIGHTS = {
    "legislation": 22,
    "accounting_securing": 17,
    "physical_protection": 15,
    "border_law_enforcement": 23,
    "export_control": 23,
}
WEAPON_WEIGHTS_SPECIFIC = {"nuclear": 28, "chemical": 24, "biological": 22, "means_of_delivery": 8, "general": 18}
# Laws and plans are usually cross-cutting, so they lean to "general".
WEAPON_WEIGHTS_GENERAL = {"nuclear": 12, "chemical": 10, "biological": 10, "means_of_delivery": 5, "general": 63}
CROSS_CUTTING_AREAS = ("legislation",)
MATCHES_PER_ITEM = ((0, 16), (1, 50), (2, 26), (3, 8))
MATCH_STATUS_WEIGHTS = {
    "closed": {"delivered": 70, "declined": 30},
    "withdrawn": {"declined": 60, "proposed": 40},
    "open": {"proposed": 30, "accepted": 25, "under_way": 25, "delivered": 10, "declined": 10},
}
OFFERS_PER_BLOCK = 60
EVENTS_PER_BLOCK = 40
ACTION_ITEMS_PER_PILLAR = 5

WMD_PHRASES = {
    "nuclear": "nuclear and radiological material",
    "chemical": "chemical weapons precursors",
    "biological": "biological agents and toxins",
    "means_of_delivery": "missiles and other means of delivery",
    "general": "WMD-related materials",
}
ITEM_TEMPLATES = {
    "legislation": (
        "Review of national legislation on {wmd} against resolution 1540 (2004).",
        "Drafting of criminal provisions on non-State actor offences involving {wmd}.",
    ),
    "accounting_securing": (
        "National accounting system for {wmd} held at facilities.",
        "Training of facility operators in securing {wmd}.",
    ),
    "physical_protection": (
        "Upgrade of physical protection at sites holding {wmd}.",
        "Vulnerability assessment of facilities holding {wmd}.",
    ),
    "border_law_enforcement": (
        "Detection equipment and training for border guards on {wmd}.",
        "Investigation and prosecution of trafficking in {wmd}.",
    ),
    "export_control": (
        "Licensing procedures and control lists for {wmd}.",
        "Training of customs officers to identify dual-use items related to {wmd}.",
    ),
}


@dataclass(frozen=True)
class Provider:
    weight: int  # relative number of offers
    areas: tuple[str, ...]
    weapons: tuple[str, ...]


# Profiles follow each provider's known field of work, so demo matches look plausible.
PROVIDERS = {
    "IAEA": Provider(
        5, ("accounting_securing", "physical_protection", "legislation", "border_law_enforcement"), ("nuclear",)
    ),
    "OPCW": Provider(4, ("legislation", "accounting_securing", "export_control"), ("chemical",)),
    "BWC_ISU": Provider(3, ("legislation", "accounting_securing"), ("biological",)),
    "INTERPOL": Provider(3, ("border_law_enforcement",), ("nuclear", "chemical", "biological", "general")),
    "OIE": Provider(2, ("accounting_securing",), ("biological",)),
    "WCO": Provider(3, ("export_control", "border_law_enforcement"), ("general",)),
    "WHO": Provider(2, ("accounting_securing", "legislation"), ("biological",)),
    "EU": Provider(
        6,
        ("export_control", "border_law_enforcement", "legislation", "physical_protection"),
        ("general", "nuclear", "chemical", "biological"),
    ),
    "UNODC": Provider(5, ("legislation", "border_law_enforcement"), ("general",)),
    "UNODA": Provider(5, ("legislation", "export_control", "border_law_enforcement"), ("general",)),
    "OSCE": Provider(4, ("legislation", "export_control", "border_law_enforcement"), ("general",)),
    "USA": Provider(
        6,
        ("export_control", "border_law_enforcement", "physical_protection", "accounting_securing"),
        ("nuclear", "chemical", "biological", "means_of_delivery", "general"),
    ),
    "NOR": Provider(3, ("physical_protection", "accounting_securing"), ("nuclear",)),
    "RUS": Provider(
        3, ("physical_protection", "export_control", "accounting_securing"), ("nuclear", "means_of_delivery")
    ),
    "CHN": Provider(2, ("export_control", "border_law_enforcement"), ("general", "means_of_delivery")),
    "TUR": Provider(2, ("border_law_enforcement", "legislation"), ("general", "chemical")),
}
PROVIDER_IDS = tuple(PROVIDERS)

FEEDBACK = (
    "Demo: Training rated useful by participating officers.",
    "Demo: Equipment delivered; follow-up maintenance training requested.",
    "Demo: Draft law reviewed; recommendations partly taken up.",
    "Demo: Useful, but translation into Russian was requested for future materials.",
    "Demo: Delivered later than planned; outcome satisfactory.",
)


@dataclass(frozen=True)
class Topic:
    text: str
    pillars: tuple[str, ...]
    areas: tuple[str, ...]
    mandate: str  # "1540": resolution 1540 (UNODA, the Committee's experts); "jpoa": the Joint Plan of Action
    national: bool = True  # neutral enough for an event that names a real State; False: regional events only


EVENT_TOPICS = (
    Topic("border controls against trafficking in WMD-related materials", ("II",), ("border_law_enforcement",), "1540"),
    Topic("export control of dual-use goods", ("II", "III"), ("export_control",), "1540"),
    Topic(
        "physical protection of nuclear and radiological material",
        ("II", "III"),
        ("physical_protection", "accounting_securing"),
        "1540",
    ),
    Topic("biosafety and biosecurity in laboratories", ("III",), ("accounting_securing",), "1540"),
    Topic("legislation against proliferation by non-State actors", ("II",), ("legislation",), "1540"),
    # a workshop subject, never a country visit: a national action plan is not one of the 1540 assistance areas
    Topic("drafting a national 1540 action plan", ("III",), ("national_action_plan",), "1540"),
    Topic("border security and management", ("II",), (), "jpoa"),
    Topic("countering the financing of terrorism", ("II",), (), "jpoa"),
    Topic("protecting critical infrastructure against terrorist attacks", ("II",), (), "jpoa"),
    Topic("international cooperation in criminal matters related to terrorism", ("II", "III"), (), "jpoa"),
    Topic("implementing the Joint Plan of Action", ("I", "II", "III", "IV"), (), "jpoa"),
    Topic("preventing violent extremism conducive to terrorism", ("I",), (), "jpoa", national=False),
    Topic("countering terrorist use of the Internet", ("I", "II"), (), "jpoa", national=False),
    Topic("human rights in counter-terrorism investigations", ("IV",), (), "jpoa", national=False),
    Topic("the rule of law in terrorism prosecutions", ("IV",), (), "jpoa", national=False),
)
# A 1540 Committee country visit discusses the State's implementation of the resolution: 1540 areas only.
VISIT_TOPICS = tuple(t for t in EVENT_TOPICS if t.mandate == "1540" and set(t.areas) <= set(AREAS_1540))
EVENT_TYPE_WEIGHTS = {"workshop": 30, "training": 25, "country_visit": 15, "consultation": 15, "expert_meeting": 15}
ORGANISERS = {
    "1540": ("UNODA", "UNODC", "OSCE", "EU"),
    "jpoa": ("CTITF", "UNOCT", "UNRCCA", "UNODC", "OSCE", "EU"),
}
ORGANISER_ORDER = ("CTITF", "UNOCT", "UNRCCA", "UNODA", "UNODC", "OSCE", "C1540", "EU")
# CTITF was folded into the UN Office of Counter-Terrorism (UNOCT), established in June 2017.
CTITF_LAST_YEAR = 2017
UNOCT_FIRST_YEAR = 2017
OBSERVERS = {
    "1540": ("IAEA", "OPCW", "INTERPOL", "WCO", "OSCE", "UNODC"),
    "jpoa": ("INTERPOL", "OSCE", "UNODC", "CTED", "UNDP"),
}

# Neutral capacity-building measures: each is attached to a real State in the demo, so none may suggest that the
# State lacks a right, a freedom or a safeguard, or name a dispute or a group at risk.
ACTION_MEASURES = {
    "I": (
        "Designate a national focal point for pillar I of the Joint Plan of Action",
        "Hold a national seminar on pillar I measures of the Strategy",
        "Take part in a regional exchange on education and skills programmes",
        "Translate pillar I guidance of the United Nations into national languages",
        "Share national experience on pillar I at a regional meeting",
        "Prepare a national overview of pillar I activities",
        "Include pillar I measures in the national counter-terrorism training plan",
        "Host a regional workshop on pillar I of the Strategy",
    ),
    "II": (
        "Set up an inter-agency coordination mechanism on counter-terrorism",
        "Introduce advance passenger information at international airports",
        "Strengthen controls on the cross-border movement of cash",
        "Train officials in protecting critical infrastructure",
        "Exchange information with regional partners through agreed channels",
        "Review national legislation against the universal counter-terrorism instruments",
        "Train financial investigators in countering the financing of terrorism",
        "Hold a national exercise on responding to a terrorist attack",
    ),
    "III": (
        "Train judges and prosecutors in terrorism cases",
        "Equip border crossing points with radiation detection",
        "Create a national training centre for counter-terrorism officers",
        "Develop a financial intelligence unit's analytical capacity",
        "Draft a national implementation action plan for resolution 1540",
        "Establish a national contact point for international assistance",
        "Build forensic laboratory capacity for terrorism investigations",
        "Train customs officers in strategic trade control",
    ),
    # Pillar IV in the Strategy's own terms only: an invented item on human rights attached to a real State would
    # read as a finding about that State.
    "IV": (
        "Hold a national seminar on pillar IV of the Strategy",
        "Designate a national focal point for pillar IV of the Joint Plan of Action",
        "Host a regional workshop on pillar IV of the Strategy",
        "Include pillar IV modules in the national counter-terrorism training plan",
        "Translate United Nations guidance on pillar IV into national languages",
        "Take part in a regional exchange on pillar IV measures",
        "Support victims of terrorism with legal and social assistance",
        "Share national experience on pillar IV at a regional meeting",
    ),
}
# Trajectories of an action item: (weight, statuses after the baseline "not_started").
TRAJECTORIES = (
    (8, ()),  # never started
    (15, ("in_progress",)),  # started, then stalled
    (20, ("in_progress", "in_progress")),  # still in progress, with an update
    (27, ("in_progress", "completed")),
    (22, ("in_progress", "in_progress", "completed")),
    (8, ("in_progress", "in_progress", "in_progress", "completed")),
)
STATUS_NOTES = {
    "not_started": (
        "Demo: Baseline recorded at the Joint Plan of Action review.",
        "Demo: Measure agreed; no work begun.",
    ),
    "in_progress": (
        "Demo: Working group formed.",
        "Demo: Draft submitted to the government.",
        "Demo: Work started with partner support.",
        "Demo: Progress reported at the annual review.",
        "Demo: First training delivered.",
    ),
    "completed": ("Demo: Measure reported completed.", "Demo: Measure in place.", "Demo: Programme launched."),
}

# ---------------------------------------------------------------- model of a block


@dataclass
class Item:
    item_id: str
    item_no: int
    area: str
    weapon_type: str
    description: str


@dataclass
class Request:
    state_id: str
    received: date
    request_id: str = ""
    channel: str = ""
    acknowledged: date | None = None
    distributed: date | None = None
    consent: bool = False
    status: str = "open"
    closed: date | None = None
    undistributed: bool = False  # held back on purpose: a recent request not yet distributed
    late: bool = False  # distributed after the 7-day service level
    items: list[Item] = field(default_factory=list)


@dataclass
class Offer:
    provider_id: str
    offered: date
    areas: list[str]
    weapon_types: list[str]
    offer_id: str = ""


@dataclass
class Match:
    item_id: str
    offer_id: str
    proposed: date
    status: str
    delivered: date | None
    feedback: str = ""
    match_id: str = ""


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(tuple(weights), weights=tuple(weights.values()))[0]


def pick_count(rng: random.Random, table: tuple[tuple[int, int], ...]) -> int:
    return rng.choices([n for n, _ in table], weights=[w for _, w in table])[0]


def days_after(start: date, rng: random.Random, low: int, high: int) -> date:
    return start + timedelta(days=rng.randint(low, high))


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def random_day_in(rng: random.Random, year: int) -> date:
    return random_day(rng, date(year, 1, 1), min(date(year, 12, 31), AS_OF))


def in_vocabulary_order(codes: list[str], vocabulary: tuple[str, ...]) -> list[str]:
    """Stable, readable list cells ("legislation|export_control"), whatever order codes were drawn in."""
    return sorted(set(codes), key=vocabulary.index)


# ---------------------------------------------------------------- requests and items


def make_requests(rng: random.Random, suffix: str) -> list[Request]:
    requests = [
        Request(state, random_day_in(rng, year))
        for state, count in REQUESTS_PER_STATE.items()
        for year in spread_years(rng, count)
    ]
    # A few late-2025 requests stay undistributed, so the "awaiting distribution" view is never empty.
    for index in rng.sample(range(len(requests)), RECENT_UNDISTRIBUTED):
        requests[index].received = random_day(rng, date(2025, 9, 1), AS_OF - timedelta(days=5))
        requests[index].undistributed = True
    requests.sort(key=lambda r: (r.state_id, r.received))
    assign_request_ids(requests, suffix)
    # An exact late share (not a coin per request) keeps the service-level chart stable across seeds.
    for request in rng.sample(requests, round((1 - ON_TIME_SHARE) * len(requests))):
        request.late = True
    for request in requests:
        fill_request(rng, request)
    ensure_channels(rng, requests)
    ensure_withdrawn(rng, requests)
    assign_consent(rng, requests)
    return requests


def spread_years(rng: random.Random, count: int) -> list[int]:
    """Stratified draw of `count` years: each State's requests span the period instead of clumping by chance."""
    cumulative = list(accumulate(REQUEST_YEAR_WEIGHTS))
    total = cumulative[-1]
    return [REQUEST_YEARS[bisect_right(cumulative, (k + rng.random()) * total / count)] for k in range(count)]


def assign_request_ids(requests: list[Request], suffix: str) -> None:
    counters: dict[tuple[str, int], int] = {}
    for request in requests:
        key = (request.state_id, request.received.year)
        counters[key] = counters.get(key, 0) + 1
        request.request_id = f"REQ-{key[0]}-{key[1]}-{counters[key]:02d}{suffix}"


def fill_request(rng: random.Random, request: Request) -> None:
    request.channel = pick(rng, CHANNEL_WEIGHTS)
    delay = rng.randint(8, 45) if request.late else rng.randint(1, 7)
    distributed = request.received + timedelta(days=delay)
    request.distributed = None if request.undistributed or distributed > AS_OF else distributed
    # The Chair acknowledges first; distribution follows, so acknowledgement is never after it.
    acknowledged = days_after(request.received, rng, 0, min(delay, 5))
    if request.distributed is None and rng.random() < 0.4:
        acknowledged = None  # very recent and not yet processed at all
    request.acknowledged = acknowledged if acknowledged and acknowledged <= AS_OF else None
    request.status = request_status(rng, request)


def request_status(rng: random.Random, request: Request) -> str:
    if request.distributed is None:
        return "open"
    if request.received.year >= 2024:
        return pick(rng, {"open": 75, "closed": 22, "withdrawn": 3})
    # Older requests are mostly closed; the open remainder feeds the ageing view.
    return pick(rng, {"closed": 76, "open": 20, "withdrawn": 4})


def ensure_withdrawn(rng: random.Random, requests: list[Request]) -> None:
    """Withdrawals are rare; a couple per block keeps the status filter's third value populated."""
    closed = [r for r in requests if r.status == "closed"]
    missing = MIN_WITHDRAWN - sum(r.status == "withdrawn" for r in requests)
    for request in rng.sample(closed, max(0, min(missing, len(closed)))):
        request.status = "withdrawn"


def ensure_channels(rng: random.Random, requests: list[Request]) -> None:
    present = [r.channel for r in requests]
    for channel in CHANNEL_WEIGHTS:
        if channel not in present:
            rng.choice(requests).channel = channel
            present = [r.channel for r in requests]


def assign_consent(rng: random.Random, requests: list[Request]) -> None:
    """A fixed share per State, at least one of each, so the masking view is testable for every State."""
    for state in CENTRAL_ASIA:
        own = [r for r in requests if r.state_id == state]
        consenting = min(max(round(CONSENT_SHARE * len(own)), 1), len(own) - 1)
        for position, request in enumerate(rng.sample(own, len(own))):
            request.consent = position < consenting


def make_items(rng: random.Random, requests: list[Request]) -> list[Item]:
    items: list[Item] = []
    for request in requests:
        for item_no in range(1, pick_count(rng, ITEMS_PER_REQUEST) + 1):
            area = pick(rng, AREA_WEIGHTS)
            item = Item(f"{request.request_id}-{item_no}", item_no, area, draw_weapon(rng, area), "")
            request.items.append(item)
            items.append(item)
    ensure_item_coverage(rng, items)
    for item in items:
        template = rng.choice(ITEM_TEMPLATES[item.area])
        item.description = DEMO + template.format(wmd=WMD_PHRASES[item.weapon_type])
    return items


def draw_weapon(rng: random.Random, area: str) -> str:
    return pick(rng, WEAPON_WEIGHTS_GENERAL if area in CROSS_CUTTING_AREAS else WEAPON_WEIGHTS_SPECIFIC)


def ensure_item_coverage(rng: random.Random, items: list[Item]) -> None:
    """Every 1540 area and every weapon type appears in every block, so no such filter option is ever empty."""
    for area in AREAS_1540:
        if all(i.area != area for i in items):
            rng.choice(items).area = area
    for weapon in WEAPON_CODES:
        if all(i.weapon_type != weapon for i in items):
            rng.choice(items).weapon_type = weapon


def request_summary(request: Request) -> str:
    parts = [f"{AREAS[i.area][0].lower()} ({WEAPON_TYPES[i.weapon_type][0].lower()})" for i in request.items]
    return f"{DEMO}request for assistance in " + "; ".join(parts) + "."


# ---------------------------------------------------------------- offers


def make_offers(rng: random.Random, suffix: str) -> list[Offer]:
    # One offer per provider first, so every provider appears; the rest follow the provider weights.
    weights = [p.weight for p in PROVIDERS.values()]
    extra = rng.choices(PROVIDER_IDS, weights=weights, k=OFFERS_PER_BLOCK - len(PROVIDER_IDS))
    offers = [make_offer(rng, provider_id) for provider_id in (*PROVIDER_IDS, *extra)]
    ensure_offer_coverage(rng, offers)
    offers.sort(key=lambda o: (PROVIDER_IDS.index(o.provider_id), o.offered))
    counters: dict[tuple[str, int], int] = {}
    for offer in offers:
        key = (offer.provider_id, offer.offered.year)
        counters[key] = counters.get(key, 0) + 1
        offer.offer_id = f"OFF-{key[0]}-{key[1]}-{counters[key]:02d}{suffix}"
    return offers


def make_offer(rng: random.Random, provider_id: str) -> Offer:
    profile = PROVIDERS[provider_id]
    areas = rng.sample(profile.areas, rng.randint(1, min(3, len(profile.areas))))
    weapons = rng.sample(profile.weapons, rng.randint(1, min(2, len(profile.weapons))))
    # Offers are mostly standing programmes announced early, before the requests they end up serving:
    # a triangular draw skewed towards the start of the period.
    first, last = date(2009, 1, 1), date(2025, 6, 30)
    offered = first + timedelta(days=int(rng.triangular(0, (last - first).days, 0)))
    return Offer(
        provider_id, offered, in_vocabulary_order(areas, AREA_CODES), in_vocabulary_order(weapons, WEAPON_CODES)
    )


def ensure_offer_coverage(rng: random.Random, offers: list[Offer]) -> None:
    for area in AREAS_1540:
        if all(area not in o.areas for o in offers):
            offer = rng.choice(offers)
            offer.areas = in_vocabulary_order([*offer.areas, area], AREA_CODES)
    for weapon in WEAPON_CODES:
        if all(weapon not in o.weapon_types for o in offers):
            offer = rng.choice(offers)
            offer.weapon_types = in_vocabulary_order([*offer.weapon_types, weapon], WEAPON_CODES)


def offer_description(offer: Offer) -> str:
    areas = ", ".join(AREAS[a][0].lower() for a in offer.areas)
    weapons = ", ".join(WEAPON_TYPES[w][0].lower() for w in offer.weapon_types)
    return f"{DEMO}offer of assistance in {areas} ({weapons})."


# ---------------------------------------------------------------- matches


def candidate_offers(
    item: Item, distributed: date, by_area: dict[str, list[Offer]], offers: list[Offer]
) -> list[Offer]:
    """Offers that fit the item: same area and weapon type, else same area, else any; and timely.

    Timely means on the table within a year of distribution; otherwise a 2010 request would be
    matched with a 2024 offer and stay open for 15 years. Failing that, the three earliest fitting offers.
    """
    same_area = by_area.get(item.area, [])
    fitting = [
        o
        for o in same_area
        if item.weapon_type == "general" or item.weapon_type in o.weapon_types or "general" in o.weapon_types
    ]
    pool = fitting or same_area or offers
    horizon = distributed + timedelta(days=365)
    return [o for o in pool if o.offered <= horizon] or sorted(pool, key=lambda o: o.offered)[:3]


def make_matches(rng: random.Random, requests: list[Request], offers: list[Offer], suffix: str) -> list[Match]:
    by_area: dict[str, list[Offer]] = {}
    for offer in offers:
        for area in offer.areas:
            by_area.setdefault(area, []).append(offer)
    matches: list[Match] = []
    for request in requests:
        if request.distributed is None:
            continue  # nothing is proposed before distribution
        own: list[Match] = []
        for item in request.items:
            pool = candidate_offers(item, request.distributed, by_area, offers)
            for offer in rng.sample(pool, min(len(pool), pick_count(rng, MATCHES_PER_ITEM))):
                match = make_match(rng, request, item, offer)
                if match is not None:
                    own.append(match)
        close_request(rng, request, own)
        matches += own
    for number, match in enumerate(matches, start=1):
        match.match_id = f"M-{number:04d}{suffix}"
    return matches


def make_match(rng: random.Random, request: Request, item: Item, offer: Offer) -> Match | None:
    assert request.distributed is not None
    proposed = days_after(max(request.distributed, offer.offered), rng, 3, 120)
    if proposed > AS_OF:
        return None
    status = pick(rng, MATCH_STATUS_WEIGHTS[request.status])
    delivered = None
    if status == "delivered":
        delivered = days_after(proposed, rng, 45, 540)
        if delivered > AS_OF and request.status == "closed":
            delivered = random_day(rng, proposed, AS_OF)  # a closed request's deliveries are all in the past
        elif delivered > AS_OF:
            status, delivered = "under_way", None
    feedback = ""
    # Res. 2663 (2022) OP20 encourages feedback, so recent deliveries carry it more often.
    if delivered is not None and rng.random() < (0.6 if delivered.year >= 2023 else 0.25):
        feedback = rng.choice(FEEDBACK)
    return Match(item.item_id, offer.offer_id, proposed, status, delivered, feedback)


def close_request(rng: random.Random, request: Request, matches: list[Match]) -> None:
    """Closed or withdrawn requests end after everything that happened to them, never after AS_OF."""
    if request.status == "open":
        return
    assert request.distributed is not None
    last = max([request.distributed] + [m.delivered or m.proposed for m in matches])
    low, high = (14, 180) if request.status == "closed" else (10, 240)
    request.closed = min(days_after(last, rng, low, high), AS_OF)


# ---------------------------------------------------------------- events and participation


@dataclass
class Event:
    event_id: str
    row: Row
    host: str
    regional: bool
    organisers: list[str]
    funders: list[str]
    mandate: str
    start: date


def make_events(rng: random.Random, suffix: str) -> list[Event]:
    drafts = sorted(
        (random_day(rng, date(2012, 1, 1), date(2025, 11, 30)), pick(rng, EVENT_TYPE_WEIGHTS))
        for _ in range(EVENTS_PER_BLOCK)
    )
    return [
        make_event(rng, number, start, event_type, suffix) for number, (start, event_type) in enumerate(drafts, start=1)
    ]


def takes_part(state: str, mandate: str, day: date) -> bool:
    """Whether a State may host or join a demo event of this mandate on that day (Uzbekistan and the Joint Plan)."""
    return not (mandate == "jpoa" and state == "UZB" and day < UZB_JOINED_JPOA)


def make_event(rng: random.Random, number: int, start: date, event_type: str, suffix: str) -> Event:
    if event_type == "country_visit":
        topic = rng.choice(VISIT_TOPICS)
        city = CAPITALS[rng.choice(CENTRAL_ASIA)]
    else:
        topic = rng.choice(EVENT_TOPICS)
        city = rng.choice([c for c in CITIES if takes_part(c[1], topic.mandate, start)])
    # A sensitive subject never names a single real State: such events are regional.
    regional = (
        event_type in ("workshop", "expert_meeting")
        or (event_type == "training" and rng.random() < 0.5)
        or (event_type != "country_visit" and not topic.national)
    )
    organisers = event_organisers(rng, event_type, topic.mandate, start.year)
    funders = [f for f, share in (("EU", 0.45), ("NOR", 0.3)) if rng.random() < share]
    one_day = event_type == "consultation" and rng.random() < 0.6
    end = None if one_day else days_after(start, rng, 1, 4 if event_type != "training" else 9)
    title, participants = event_title(rng, event_type, topic, city[1], regional)
    event_id = f"DEMO-{number:03d}-{city[0].upper()}-{start.year}{suffix}"
    row: Row = {
        "event_id": event_id,
        "title": title,
        "event_type": event_type,
        "start_date": start,
        "end_date": min(end, AS_OF) if end else None,
        "date_precision": "day",
        "city": city[0],
        "country_id": city[1],
        "latitude": city[2],
        "longitude": city[3],
        "pillars": list(topic.pillars),
        "areas": list(topic.areas),
        "organisers": organisers,
        "funders": funders,
        "participants": participants,
        "summary": f"{DEMO}illustrative event on {topic.text}; not a real meeting.",
    }
    return Event(event_id, row, city[1], regional, organisers, funders, topic.mandate, start)


def event_organisers(rng: random.Random, event_type: str, mandate: str, year: int) -> list[str]:
    if event_type == "country_visit":
        # Country visits are the 1540 Committee's, at the State's invitation.
        return ["C1540", "UNODA"] if rng.random() < 0.5 else ["C1540"]
    allowed = [
        o
        for o in ORGANISERS[mandate]
        if not (o == "CTITF" and year > CTITF_LAST_YEAR) and not (o == "UNOCT" and year < UNOCT_FIRST_YEAR)
    ]
    return in_vocabulary_order(rng.sample(allowed, rng.randint(1, 2)), ORGANISER_ORDER)


def event_title(rng: random.Random, event_type: str, topic: Topic, state: str, regional: bool) -> tuple[str, int]:
    name = STATE_NAMES[state]
    if event_type == "country_visit":
        return f"{DEMO}1540 Committee country visit to {name}", rng.randint(8, 25)
    if regional:
        kind = {
            "workshop": "Regional workshop",
            "expert_meeting": "Regional expert meeting",
            "consultation": "Regional consultation",
        }.get(event_type, "Regional training")
        return f"{DEMO}{kind} on {topic.text}", rng.randint(30, 90)
    kind = "National consultation" if event_type == "consultation" else "National training"
    return f"{DEMO}{kind} with {name} on {topic.text}", rng.randint(12, 45)


def participation_rows(rng: random.Random, event: Event) -> list[Row]:
    rows: list[Row] = [{"event_id": event.event_id, "actor_id": event.host, "role": "host"}]
    if event.regional:
        for state in CENTRAL_ASIA:
            # About one invited State in five is absent, so attendance views show gaps.
            if state != event.host and takes_part(state, event.mandate, event.start) and rng.random() < 0.8:
                rows.append({"event_id": event.event_id, "actor_id": state, "role": "participant"})
    rows += [{"event_id": event.event_id, "actor_id": o, "role": "organiser"} for o in event.organisers]
    rows += [{"event_id": event.event_id, "actor_id": f, "role": "funder"} for f in event.funders]
    if rng.random() < 0.3:
        observer = rng.choice([o for o in OBSERVERS[event.mandate] if o not in event.organisers])
        rows.append({"event_id": event.event_id, "actor_id": observer, "role": "observer"})
    return rows


# ---------------------------------------------------------------- Joint Plan of Action progress


def action_item_rows(rng: random.Random, suffix: str) -> tuple[list[Row], list[Row]]:
    items: list[Row] = []
    statuses: list[Row] = []
    for state in CENTRAL_ASIA:
        # Baselines follow the State's signature: the Joint Plan of Action (November 2011), Uzbekistan in 2017.
        first = UZB_JOINED_JPOA if state == "UZB" else date(2012, 1, 1)
        for pillar, measures in ACTION_MEASURES.items():
            for number, title in enumerate(rng.sample(measures, ACTION_ITEMS_PER_PILLAR), start=1):
                item_id = f"JPOA-{state}-{pillar}-{number:02d}{suffix}"
                items.append({"action_item_id": item_id, "state_id": state, "pillar_id": pillar, "title": DEMO + title})
                statuses += status_history(rng, item_id, first)
    return items, statuses


def status_history(rng: random.Random, item_id: str, first: date) -> list[Row]:
    later = rng.choices([t for _, t in TRAJECTORIES], weights=[w for w, _ in TRAJECTORIES])[0]
    # Baseline within two years of signing on; strictly increasing dates keep the key unique.
    when = random_day(rng, first, first + timedelta(days=729))
    rows: list[Row] = []
    for status in ("not_started", *later):
        rows.append(
            {"action_item_id": item_id, "status_date": when, "status": status, "note": rng.choice(STATUS_NOTES[status])}
        )
        when = days_after(when, rng, 120, 900)
        if when > AS_OF:
            break  # the rest of the trajectory lies beyond the demo horizon
    return rows


# ---------------------------------------------------------------- writing


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return MULTI_SEPARATOR.join(value)
    return str(value)


class TableWriter:
    """Streams rows of one contract table to CSV, in contract column order, with synthetic provenance."""

    def __init__(self, out_dir: Path, table: str, source_url: str) -> None:
        self.table = table
        self.columns = tuple(c.name for c in TABLES_BY_NAME[table].columns)
        self.provenance: Row = {"source_url": source_url, "confidence": "synthetic", "is_synthetic": True}
        self.rows = 0
        self._file: TextIO = (out_dir / f"{table}.csv").open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._file, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        self._writer.writerow(self.columns)

    def write(self, row: Row) -> None:
        if self.rows == 0:
            unknown = sorted(set(row) - set(self.columns))
            if unknown:  # a typo would otherwise silently become an empty column
                raise KeyError(f"{self.table}: columns not in the contract: {unknown}")
        full = row | self.provenance
        self._writer.writerow([cell(full.get(name)) for name in self.columns])
        self.rows += 1

    def close(self) -> None:
        self._file.close()


def write_block(rng: random.Random, block: int, writers: dict[str, TableWriter]) -> None:
    suffix = f"-B{block}" if block else ""
    for event in make_events(rng, suffix):
        writers["events"].write(event.row)
        for row in participation_rows(rng, event):
            writers["participation"].write(row)
    requests = make_requests(rng, suffix)
    make_items(rng, requests)
    offers = make_offers(rng, suffix)
    matches = make_matches(rng, requests, offers, suffix)
    write_requests(requests, writers)
    for offer in offers:
        writers["offers"].write(
            {
                "offer_id": offer.offer_id,
                "provider_id": offer.provider_id,
                "offered_date": offer.offered,
                "areas": offer.areas,
                "weapon_types": offer.weapon_types,
                "description": offer_description(offer),
            }
        )
    for m in matches:
        writers["matches"].write(
            {
                "match_id": m.match_id,
                "item_id": m.item_id,
                "offer_id": m.offer_id,
                "proposed_date": m.proposed,
                "status": m.status,
                "delivered_date": m.delivered,
                "feedback": m.feedback,
            }
        )
    action_items, statuses = action_item_rows(rng, suffix)
    for row in action_items:
        writers["action_items"].write(row)
    for row in statuses:
        writers["action_item_status"].write(row)


def write_requests(requests: list[Request], writers: dict[str, TableWriter]) -> None:
    for r in requests:
        writers["requests"].write(
            {
                "request_id": r.request_id,
                "state_id": r.state_id,
                "received_date": r.received,
                "channel": r.channel,
                "acknowledged_date": r.acknowledged,
                "distributed_date": r.distributed,
                "consent_to_publish": r.consent,
                "status": r.status,
                "closed_date": r.closed,
                "summary": request_summary(r),
            }
        )
    for request in requests:
        for item in request.items:
            writers["request_items"].write(
                {
                    "item_id": item.item_id,
                    "request_id": request.request_id,
                    "item_no": item.item_no,
                    "area": item.area,
                    "weapon_type": item.weapon_type,
                    "description": item.description,
                }
            )


def generate(out_dir: Path, scale: int, seed: int) -> dict[str, int]:
    """Write all demo tables into out_dir and return the number of data rows per table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    writers = {t: TableWriter(out_dir, t, f"synthetic:etl.synth seed={seed}") for t in OUTPUT_TABLES}
    try:
        for block in range(scale):
            # One generator per block: block 0 equals the scale-1 output, whatever the scale.
            write_block(random.Random(f"{seed}/{block}"), block, writers)
    finally:
        for writer in writers.values():
            writer.close()
    return {t: w.rows for t, w in writers.items()}


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be a positive integer")
    return value


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m etl.synth",
        description="Write SYNTHETIC, illustrative demo CSVs (is_synthetic=true) for the dashboard.",
    )
    parser.add_argument(
        "--scale",
        type=positive_int,
        default=1,
        help="multiply volumes by N (N independent blocks, ~1,200 rows each; default 1)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default: repo's data/demo)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.out, args.scale, args.seed)
    elapsed = time.perf_counter() - started
    per_file = " ".join(f"{t}={n}" for t, n in counts.items())
    print(
        f"etl.synth seed={args.seed} scale={args.scale} -> {args.out}: {per_file} "
        f"total={sum(counts.values())} ({elapsed:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
