"""The source contract: every table the ETL reads, every column, its type and its rules.

This module is the single source of truth. `docs/DATA_DICTIONARY.md` is generated from it
(`python -m etl.dictionary`) and a test fails when the two disagree; the validator builds its
checks from it, so a rule documented here is a rule enforced.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Multi-valued cells ("I|IV") use a pipe: commas and semicolons are CSV delimiters in the wild.
MULTI_SEPARATOR = "|"

CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")

# Vocabularies: code -> (English label, Russian label). Codes are what files carry.
# Short labels of the Strategy's four pillars; the titles themselves are in data/reference/pillars.csv (A/RES/60/288).
PILLARS = {
    "I": (
        "Pillar I: conditions conducive to the spread of terrorism",
        "Компонент I: условия, способствующие распространению терроризма",
    ),
    "II": ("Pillar II: preventing and combating terrorism", "Компонент II: предупреждение терроризма и борьба с ним"),
    "III": ("Pillar III: building States' capacity", "Компонент III: наращивание потенциала государств"),
    "IV": ("Pillar IV: human rights and the rule of law", "Компонент IV: права человека и верховенство права"),
}
ACTOR_TYPES = {
    "state": ("State", "Государство"),
    "un_entity": ("UN entity", "Структура ООН"),
    "regional_organisation": ("Regional organisation", "Региональная организация"),
    "international_organisation": ("International organisation", "Международная организация"),
    "donor": ("Donor", "Донор"),
}
EVENT_TYPES = {
    "expert_meeting": ("Expert meeting", "Совещание экспертов"),
    "workshop": ("Workshop", "Семинар"),
    "high_level_meeting": ("High-level meeting", "Совещание высокого уровня"),
    "training": ("Training", "Тренинг"),
    "country_visit": ("Country visit", "Страновой визит"),
    "consultation": ("Consultation", "Консультация"),
    "milestone": ("Milestone", "Веха"),
}
ROLES = {
    "host": ("Host", "Принимающая сторона"),
    "participant": ("Participant", "Участник"),
    "adopting_state": ("Adopting State", "Принявшее государство"),
    "observer": ("Observer", "Наблюдатель"),
    "signatory": ("Signatory", "Подписавшая сторона"),
    "organiser": ("Organiser", "Организатор"),
    "funder": ("Funder", "Донор"),
}
AREAS = {
    "legislation": ("Legislation", "Законодательство"),
    "accounting_securing": ("Accounting and securing", "Учёт и сохранность"),
    "physical_protection": ("Physical protection", "Физическая защита"),
    "border_law_enforcement": (
        "Border control and law enforcement",
        "Пограничный контроль и правоохранительная деятельность",
    ),
    "export_control": ("Export and trans-shipment control", "Экспортный контроль и контроль за перевалкой"),
    "national_action_plan": ("National action plan", "Национальный план действий"),
    "other": ("Other", "Другое"),
}
WEAPON_TYPES = {
    "nuclear": ("Nuclear", "Ядерное"),
    "chemical": ("Chemical", "Химическое"),
    "biological": ("Biological", "Биологическое"),
    "means_of_delivery": ("Means of delivery", "Средства доставки"),
    "general": ("General", "Общее"),
}
CHANNELS = {
    "note_verbale": ("Note verbale", "Вербальная нота"),
    "template": ("Assistance template", "Шаблон запроса"),
    "national_report": ("National report", "Национальный доклад"),
    "referral": ("Referral", "Передача от другой организации"),
}
REQUEST_STATUSES = {
    "open": ("Open", "Открыт"),
    "closed": ("Closed", "Закрыт"),
    "withdrawn": ("Withdrawn", "Отозван"),
}
MATCH_STATUSES = {
    "proposed": ("Proposed", "Предложено"),
    "accepted": ("Accepted", "Принято"),
    "under_way": ("Under way", "Выполняется"),
    "delivered": ("Delivered", "Оказано"),
    "declined": ("Declined", "Отклонено"),
}
ITEM_STATUSES = {
    "not_started": ("Not started", "Не начато"),
    "in_progress": ("In progress", "В процессе"),
    "completed": ("Completed", "Завершено"),
}
CONFIDENCE = {
    "confirmed": ("Confirmed in the cited source", "Подтверждено источником"),
    "unconfirmed": ("Believed, not checked", "Не проверено"),
    "disputed": ("Sources disagree (see note)", "Источники расходятся"),
    "synthetic": ("Invented for demonstration", "Демонстрационные данные"),
}

# What kind of publication a cited source is, so a reader can weigh it: a UN document or web page, a government's
# own statement, a press report, a copy kept by a secondary archive, or another organisation's website.
SOURCE_TYPES = {
    "un_document": ("UN document", "Документ ООН"),
    "un_web_page": ("UN web page", "Веб-страница ООН"),
    "government": ("Government", "Правительственный источник"),
    "press": ("Press", "Пресса"),
    "secondary_archive": ("Secondary archive", "Вторичный архив"),
    "other_organisation": ("Other organisation", "Другая организация"),
}
# How precisely a date is known. A date known only to the month is recorded on the 1st, one known only to the
# year on 1 January: the precision says how to read it ("Dec 2010", "2010"), never as that exact day.
DATE_PRECISIONS = {
    "day": ("Day", "День"),
    "month": ("Month", "Месяц"),
    "year": ("Year", "Год"),
}

VOCABULARIES: dict[str, dict[str, tuple[str, str]]] = {
    "pillar": PILLARS,
    "actor_type": ACTOR_TYPES,
    "event_type": EVENT_TYPES,
    "role": ROLES,
    "area": AREAS,
    "weapon_type": WEAPON_TYPES,
    "channel": CHANNELS,
    "request_status": REQUEST_STATUSES,
    "match_status": MATCH_STATUSES,
    "item_status": ITEM_STATUSES,
    "confidence": CONFIDENCE,
    "source_type": SOURCE_TYPES,
    "date_precision": DATE_PRECISIONS,
}

# Column types understood by the validator (and their DuckDB type after staging).
SQL_TYPES = {
    "text": "varchar",
    "int": "integer",
    "float": "double",
    "date": "date",
    "bool": "boolean",
    "list": "varchar[]",
}
TRUE_VALUES = ("true", "1", "yes", "y", "да")
FALSE_VALUES = ("false", "0", "no", "n", "нет")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a key of SQL_TYPES
    required: bool
    meaning: str
    example: str
    allowed: str | None = None  # name of a vocabulary in VOCABULARIES
    min: float | None = None
    max: float | None = None
    pattern: str | None = None  # regular expression the whole value must match
    references: str | None = None  # "table.column": every value (each, for lists) must exist there
    reference_filter: str | None = None  # SQL condition on the referenced table, e.g. "actor_type = 'state'"
    # SQL condition on the referencing row under which the reference is not checked, e.g. "is_synthetic".
    reference_unless: str | None = None
    # The reject reason when the reference fails, "{}" standing for the value (default: a generic one).
    reference_reason: str | None = None
    default: str | None = None  # the value a blank cell takes (text columns only)
    not_future: bool = False
    # For a true/false column that only the data's owner can grant (consent): it holds only when every row naming
    # the same key says true, in any file or folder, key compared without regard to case or surrounding spaces,
    # rejected rows included. Otherwise the row that loads carries false and each disagreeing row is reported.
    # The text says what false means, for the reason and the data dictionary.
    unanimous: str | None = None

    def __post_init__(self) -> None:
        assert self.type in SQL_TYPES, self.type
        assert self.allowed is None or self.allowed in VOCABULARIES, self.allowed
        assert self.unanimous is None or self.type == "bool", self.name
        assert self.default is None or self.type == "text", self.name
        assert self.reference_reason is None or self.reference_reason.count("{}") == 1, self.name


@dataclass(frozen=True)
class DateOrder:
    """`later` may not be before `earlier` (both optional: checked when both are present)."""

    earlier: str
    later: str


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    date_orders: tuple[DateOrder, ...] = field(default=())
    # SQL boolean expressions over typed columns, with the reason shown when one is false.
    row_rules: tuple[tuple[str, str, str], ...] = field(default=())  # (column, sql, reason)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


#: Generator tag on demo rows (etl/synth.py writes it with its seed).
SYNTHETIC_TAG_EXAMPLE = "synthetic:etl.synth seed=1540"
#: Why a row whose source is not in the sources table is rejected.
UNLISTED_SOURCE_REASON = "source '{}' is not listed in sources.csv: add it with its type"


def _provenance(demo_example: bool = False) -> tuple[Column, ...]:
    """source_url, confidence and is_synthetic, shared by every table of facts.

    Tables that hold only demonstration data so far (no real request from a Central Asian State is public) show
    a demo row in their examples, so that no example reads as a real, confirmed record.
    """
    return (
        Column(
            "source_url",
            "text",
            False,
            "Where the fact was read: an http(s) address or a document reference (A/RES/60/288), written exactly as "
            "listed in the sources table with its type. Required for non-synthetic rows; demo rows carry the "
            "generator's synthetic: tag and need no listing.",
            SYNTHETIC_TAG_EXAMPLE if demo_example else "https://unrcca.unmissions.org/high-level-meeting-adoption-jpoa",
            references="sources.source_url",
            reference_unless="is_synthetic",
            reference_reason=UNLISTED_SOURCE_REASON,
        ),
        Column(
            "confidence",
            "text",
            True,
            "How sure the source is.",
            "synthetic" if demo_example else "confirmed",
            allowed="confidence",
        ),
        Column(
            "is_synthetic",
            "bool",
            True,
            "true for invented demonstration rows; false for facts from sources.",
            "true" if demo_example else "false",
        ),
    )


_SOURCED = (
    "source_url",
    "is_synthetic or (source_url is not null and trim(source_url) <> '')",
    "a row that is not synthetic needs a source_url",
)
# The scheme a browser would read from source_url. Browsers drop tabs and newlines anywhere in an address and
# control characters and spaces before it ("java<tab>script:" runs as javascript:), so those go first, with
# invisible format characters (zero-width space, BOM) for good measure.
_SCHEME = (
    r"lower(regexp_extract(regexp_replace(regexp_replace(source_url, '[\p{Cc}\p{Cf}]', '', 'g'), "
    r"'^[\s\p{Z}]+', ''), '^([A-Za-z][A-Za-z0-9+.\-]*):', 1))"
)
_WEB_LINK = (
    "source_url",
    f"source_url is null or {_SCHEME} in ('', 'http', 'https') or (is_synthetic and {_SCHEME} = 'synthetic')",
    "source_url must be an http:// or https:// address, or a document symbol without a scheme such as "
    "A/RES/60/288: a link with javascript:, data:, file: or another scheme can run code or open files on the "
    "reader's computer (synthetic rows may keep the generator's synthetic: tag)",
)
_LISTED_WEB_LINK = (
    "source_url",
    f"{_SCHEME} in ('', 'http', 'https')",
    "a listed source_url must be an http:// or https:// address, or a document reference without a scheme such as "
    "A/RES/60/288: a link with javascript:, data:, file: or another scheme can run code or open files on the "
    "reader's computer",
)
_SYNTHETIC_CONFIDENCE = (
    "confidence",
    "(confidence = 'synthetic') = is_synthetic",
    "confidence 'synthetic' goes with is_synthetic = true, and only with it",
)


def _precise_dates(*columns: str) -> tuple[str, str, str]:
    """A row rule: dates known only to the month sit on the 1st, dates known only to the year on 1 January."""
    on_first = " and ".join(f"({c} is null or day({c}) = 1)" for c in columns)
    in_january = " and ".join(f"({c} is null or month({c}) = 1)" for c in columns)
    return (
        "date_precision",
        f"date_precision = 'day' or ({on_first} and (date_precision = 'month' or ({in_january})))",
        "a date known only to the month is written as its 1st (2010-09-01, date_precision month) and one known only "
        "to the year as 1 January (2010-01-01, date_precision year)",
    )


TABLES: tuple[Table, ...] = (
    Table(
        "sources",
        "one row per source the other tables cite (every non-synthetic row's source_url must be listed here)",
        ("source_url",),
        (
            Column(
                "source_url",
                "text",
                True,
                "The address or document reference, written exactly as the rows citing it write it.",
                "https://unrcca.unmissions.org/high-level-meeting-adoption-jpoa",
            ),
            Column(
                "title",
                "text",
                True,
                "Title of the page or document.",
                "The High-Level Meeting for the Adoption of the JPoA",
            ),
            Column(
                "source_type",
                "text",
                True,
                "What kind of source it is, so a reader can weigh it.",
                "un_web_page",
                allowed="source_type",
            ),
            Column("publisher", "text", False, "Who published it.", "UNRCCA"),
            Column(
                "note",
                "text",
                False,
                "Context, e.g. whose document an archive keeps a copy of.",
                "Copy of a report of the CTITF-EU-UNRCCA project.",
            ),
        ),
        row_rules=(_LISTED_WEB_LINK,),
    ),
    Table(
        "pillars",
        "one row per pillar of the UN Global Counter-Terrorism Strategy",
        ("pillar_id",),
        (
            Column("pillar_id", "text", True, "Pillar number in Roman numerals.", "II", allowed="pillar"),
            Column("title_en", "text", True, "Official English title.", "Measures to prevent and combat terrorism"),
            Column("title_ru", "text", True, "Russian title.", "Меры по предупреждению терроризма и борьбе с ним"),
            *_provenance(),
        ),
        row_rules=(_SOURCED, _WEB_LINK, _SYNTHETIC_CONFIDENCE),
    ),
    Table(
        "actors",
        "one row per State, UN entity, organisation or donor",
        ("actor_id",),
        (
            Column(
                "actor_id",
                "text",
                True,
                "Stable identifier: ISO 3166 alpha-3 for States, an acronym otherwise.",
                "KAZ",
                pattern=r"[A-Za-z0-9_\-]{2,40}",
            ),
            Column("actor_type", "text", True, "Kind of actor.", "state", allowed="actor_type"),
            Column("name_en", "text", True, "English name.", "Kazakhstan"),
            Column("name_ru", "text", False, "Russian name.", "Казахстан"),
            Column("iso3", "text", False, "ISO 3166-1 alpha-3 code; required for States.", "KAZ", pattern=r"[A-Z]{3}"),
            Column("seat_city", "text", False, "Capital (States) or seat (organisations).", "Astana"),
            Column("latitude", "float", False, "Latitude of the capital or seat, WGS84.", "51.17", min=-90, max=90),
            Column("longitude", "float", False, "Longitude of the capital or seat, WGS84.", "71.45", min=-180, max=180),
            *_provenance(),
        ),
        row_rules=(
            ("iso3", "actor_type <> 'state' or iso3 is not null", "a State needs its ISO 3166 alpha-3 code in iso3"),
            _SOURCED,
            _WEB_LINK,
            _SYNTHETIC_CONFIDENCE,
        ),
    ),
    Table(
        "events",
        "one row per meeting, workshop, training, visit or milestone",
        ("event_id",),
        (
            Column("event_id", "text", True, "Stable identifier.", "EM3-ALMATY-2011", pattern=r"[A-Za-z0-9_\-]{2,60}"),
            Column("title", "text", True, "Title as in the source.", "3rd Expert Meeting addressing Pillar III"),
            Column("event_type", "text", True, "Kind of event.", "expert_meeting", allowed="event_type"),
            Column("start_date", "date", True, "First day (YYYY-MM-DD).", "2011-07-21", not_future=True),
            Column("end_date", "date", False, "Last day; empty for one-day events.", "2011-07-22", not_future=True),
            Column(
                "date_precision",
                "text",
                False,
                "How precisely the dates are known: day, month (date recorded on the 1st) or year (on 1 January). "
                "Empty means day.",
                "month",
                allowed="date_precision",
                default="day",
            ),
            Column("city", "text", False, "Venue city.", "Almaty"),
            Column(
                "country_id",
                "text",
                False,
                "Venue country (an actor_id of a State).",
                "KAZ",
                references="actors.actor_id",
                reference_filter="actor_type = 'state'",
            ),
            Column("latitude", "float", False, "Venue latitude, WGS84.", "43.24", min=-90, max=90),
            Column("longitude", "float", False, "Venue longitude, WGS84.", "76.89", min=-180, max=180),
            Column("pillars", "list", False, "GCTS pillars addressed, separated by |.", "I|IV", allowed="pillar"),
            Column(
                "areas",
                "list",
                False,
                "1540 assistance areas addressed, separated by |.",
                "border_law_enforcement|export_control",
                allowed="area",
            ),
            Column(
                "organisers",
                "list",
                False,
                "Organising actors (actor_id), separated by |.",
                "CTITF|UNRCCA",
                references="actors.actor_id",
            ),
            Column(
                "funders",
                "list",
                False,
                "Funding actors (actor_id), separated by |.",
                "EU|NOR",
                references="actors.actor_id",
            ),
            Column(
                "participants",
                "int",
                False,
                "Number of participants where the source gives it.",
                "61",
                min=0,
                max=100000,
            ),
            Column(
                "summary",
                "text",
                False,
                "One or two sentences on the outcome.",
                "Recommendations for the regional Action Plan.",
            ),
            *_provenance(),
        ),
        date_orders=(DateOrder("start_date", "end_date"),),
        row_rules=(_precise_dates("start_date", "end_date"), _SOURCED, _WEB_LINK, _SYNTHETIC_CONFIDENCE),
    ),
    Table(
        "participation",
        "one row per event x actor x role",
        ("event_id", "actor_id", "role"),
        (
            Column("event_id", "text", True, "The event.", "EM3-ALMATY-2011", references="events.event_id"),
            Column("actor_id", "text", True, "The actor.", "TJK", references="actors.actor_id"),
            Column("role", "text", True, "The actor's role at this event.", "participant", allowed="role"),
            Column(
                "note",
                "text",
                False,
                "Context, e.g. where sources disagree.",
                "Meeting report lists four Central Asian States.",
            ),
            *_provenance(),
        ),
        row_rules=(_SOURCED, _WEB_LINK, _SYNTHETIC_CONFIDENCE),
    ),
    Table(
        "procedure_steps",
        "one row per step of the 1540 Committee assistance procedure (revised October 2010)",
        ("step_no",),
        (
            Column("step_no", "int", True, "Order of the step.", "3", min=1, max=20),
            Column("title_en", "text", True, "What happens.", "Distribute the request to potential providers"),
            Column("title_ru", "text", False, "Russian title.", "Направление запроса потенциальным донорам"),
            Column(
                "service_level_days",
                "int",
                False,
                "The Committee's own service target for the step, in calendar days after receipt, as this dashboard "
                "reads it (one week = 7): a target the Committee sets itself, not an obligation of the requesting "
                "State.",
                "7",
                min=0,
                max=365,
            ),
            Column(
                "note",
                "text",
                False,
                "How the step works and how the dashboard reads it.",
                "The dashboard reads one week as 7 calendar days.",
            ),
            *_provenance(),
        ),
        row_rules=(_SOURCED, _WEB_LINK, _SYNTHETIC_CONFIDENCE),
    ),
    Table(
        "national_action_plans",
        "one row per national 1540 implementation action plan",
        ("nap_id",),
        (
            Column("nap_id", "text", True, "Stable identifier.", "TKM-NAP-2018", pattern=r"[A-Za-z0-9_\-]{2,60}"),
            Column(
                "state_id",
                "text",
                True,
                "The State (actor_id).",
                "TKM",
                references="actors.actor_id",
                reference_filter="actor_type = 'state'",
            ),
            Column("title", "text", True, "Title or description of the plan.", "National action plan 2018-2022"),
            Column("period_start", "int", False, "First year covered.", "2018", min=1990, max=2100),
            Column("period_end", "int", False, "Last year covered.", "2022", min=1990, max=2100),
            Column(
                "submitted_date", "date", False, "Date submitted to the 1540 Committee.", "2018-06-11", not_future=True
            ),
            Column("note", "text", False, "Context.", "Updated 2017-2021."),
            *_provenance(),
        ),
        date_orders=(DateOrder("period_start", "period_end"),),
        row_rules=(_SOURCED, _WEB_LINK, _SYNTHETIC_CONFIDENCE),
    ),
    Table(
        "requests",
        "one row per request for assistance received by the 1540 Committee",
        ("request_id",),
        (
            Column(
                "request_id", "text", True, "Stable identifier.", "REQ-KGZ-2014-01", pattern=r"[A-Za-z0-9_\-]{2,60}"
            ),
            Column(
                "state_id",
                "text",
                True,
                "Requesting State (actor_id).",
                "KGZ",
                references="actors.actor_id",
                reference_filter="actor_type = 'state'",
            ),
            Column(
                "received_date", "date", True, "Date the Committee received the request.", "2014-03-04", not_future=True
            ),
            Column("channel", "text", True, "How it arrived.", "template", allowed="channel"),
            Column(
                "acknowledged_date",
                "date",
                False,
                "Date the Chair acknowledged receipt.",
                "2014-03-06",
                not_future=True,
            ),
            Column(
                "distributed_date",
                "date",
                False,
                "Date distributed to potential providers (the Committee aims at one week from receipt; the dashboard "
                "reads it as 7 calendar days).",
                "2014-03-10",
                not_future=True,
            ),
            Column(
                "consent_to_publish",
                "bool",
                True,
                "Whether the State consented to posting a summary.",
                "true",
                unanimous="the request loads as not consented and stays out of the public file",
            ),
            Column(
                "status",
                "text",
                True,
                "open, closed (all items dealt with) or withdrawn.",
                "open",
                allowed="request_status",
            ),
            Column("closed_date", "date", False, "Date closed or withdrawn.", "2016-11-30", not_future=True),
            Column(
                "summary",
                "text",
                False,
                "Summary of the request.",
                "Demo: request for assistance in export and trans-shipment control (chemical).",
            ),
            *_provenance(demo_example=True),
        ),
        date_orders=(
            DateOrder("received_date", "acknowledged_date"),
            DateOrder("received_date", "distributed_date"),
            DateOrder("received_date", "closed_date"),
        ),
        row_rules=(
            (
                "closed_date",
                "status = 'open' or closed_date is not null",
                "a closed or withdrawn request needs its closed_date",
            ),
            ("closed_date", "status <> 'open' or closed_date is null", "an open request cannot have a closed_date"),
            _SOURCED,
            _WEB_LINK,
            _SYNTHETIC_CONFIDENCE,
        ),
    ),
    Table(
        "request_items",
        "one row per numbered item of a request",
        ("item_id",),
        (
            Column("item_id", "text", True, "Stable identifier.", "REQ-KGZ-2014-01-1", pattern=r"[A-Za-z0-9_\-]{2,70}"),
            Column("request_id", "text", True, "The request.", "REQ-KGZ-2014-01", references="requests.request_id"),
            Column("item_no", "int", True, "Item number within the request.", "1", min=1, max=999),
            Column("area", "text", True, "Assistance area.", "export_control", allowed="area"),
            Column("weapon_type", "text", True, "Weapon type concerned.", "chemical", allowed="weapon_type"),
            Column(
                "description",
                "text",
                False,
                "What is asked.",
                "Demo: Licensing procedures and control lists for chemical weapons precursors.",
            ),
            *_provenance(demo_example=True),
        ),
        row_rules=(_SOURCED, _WEB_LINK, _SYNTHETIC_CONFIDENCE),
    ),
    Table(
        "offers",
        "one row per offer of assistance by a provider",
        ("offer_id",),
        (
            Column(
                "offer_id", "text", True, "Stable identifier.", "OFF-UNODC-2012-01", pattern=r"[A-Za-z0-9_\-]{2,60}"
            ),
            Column(
                "provider_id",
                "text",
                True,
                "Providing State or organisation (actor_id).",
                "UNODC",
                references="actors.actor_id",
            ),
            Column("offered_date", "date", True, "Date the offer was made.", "2012-05-14", not_future=True),
            Column(
                "areas", "list", True, "Areas offered, separated by |.", "legislation|export_control", allowed="area"
            ),
            Column(
                "weapon_types", "list", True, "Weapon types covered, separated by |.", "general", allowed="weapon_type"
            ),
            Column(
                "description", "text", False, "What is offered.", "Demo: offer of assistance in legislation (general)."
            ),
            *_provenance(demo_example=True),
        ),
        row_rules=(_SOURCED, _WEB_LINK, _SYNTHETIC_CONFIDENCE),
    ),
    Table(
        "matches",
        "one row per pairing of a request item with an offer",
        ("match_id",),
        (
            Column("match_id", "text", True, "Stable identifier.", "M-0001", pattern=r"[A-Za-z0-9_\-]{2,70}"),
            Column(
                "item_id", "text", True, "The request item.", "REQ-KGZ-2014-01-1", references="request_items.item_id"
            ),
            Column("offer_id", "text", True, "The offer.", "OFF-UNODC-2012-01", references="offers.offer_id"),
            Column("proposed_date", "date", True, "Date the match was proposed.", "2014-04-02", not_future=True),
            Column("status", "text", True, "Where the match stands.", "delivered", allowed="match_status"),
            Column("delivered_date", "date", False, "Date assistance was delivered.", "2015-02-20", not_future=True),
            Column(
                "feedback",
                "text",
                False,
                "Feedback from the requesting State (res. 2663 OP20).",
                "Demo: Training rated useful by participating officers.",
            ),
            *_provenance(demo_example=True),
        ),
        date_orders=(DateOrder("proposed_date", "delivered_date"),),
        row_rules=(
            (
                "delivered_date",
                "status <> 'delivered' or delivered_date is not null",
                "a delivered match needs its delivered_date",
            ),
            (
                "delivered_date",
                "status = 'delivered' or delivered_date is null",
                "only a delivered match can have a delivered_date",
            ),
            _SOURCED,
            _WEB_LINK,
            _SYNTHETIC_CONFIDENCE,
        ),
    ),
    Table(
        "action_items",
        "one row per Joint Plan of Action item for a State and pillar",
        ("action_item_id",),
        (
            Column(
                "action_item_id", "text", True, "Stable identifier.", "JPOA-KAZ-II-03", pattern=r"[A-Za-z0-9_\-]{2,60}"
            ),
            Column(
                "state_id",
                "text",
                True,
                "The State (actor_id).",
                "KAZ",
                references="actors.actor_id",
                reference_filter="actor_type = 'state'",
            ),
            Column("pillar_id", "text", True, "The pillar.", "II", allowed="pillar"),
            Column(
                "title",
                "text",
                True,
                "The measure.",
                "Demo: Set up an inter-agency coordination mechanism on counter-terrorism",
            ),
            *_provenance(demo_example=True),
        ),
        row_rules=(_SOURCED, _WEB_LINK, _SYNTHETIC_CONFIDENCE),
    ),
    Table(
        "action_item_status",
        "one row per dated status change of an action item",
        ("action_item_id", "status_date"),
        (
            Column(
                "action_item_id",
                "text",
                True,
                "The action item.",
                "JPOA-KAZ-II-03",
                references="action_items.action_item_id",
            ),
            Column("status_date", "date", True, "Date the status took effect.", "2013-06-30", not_future=True),
            Column("status", "text", True, "Status from that date on.", "in_progress", allowed="item_status"),
            Column("note", "text", False, "What changed.", "Demo: Draft submitted to the government."),
            *_provenance(demo_example=True),
        ),
        row_rules=(_SOURCED, _WEB_LINK, _SYNTHETIC_CONFIDENCE),
    ),
)

TABLES_BY_NAME = {t.name: t for t in TABLES}

#: How often each table is expected to receive new rows, in days: the data-quality page calls a table "due" past this
#: and "overdue" past half as long again. None: reference tables that change only when the world does (the
#: Strategy's pillars, the procedure, the sources list follows the rows citing it).
UPDATE_DAYS: dict[str, int | None] = {
    "sources": None,
    "pillars": None,
    "actors": 365,
    "events": 180,
    "participation": 180,
    "procedure_steps": None,
    "national_action_plans": 365,
    "requests": 90,
    "request_items": 90,
    "offers": 180,
    "matches": 90,
    "action_items": 365,
    "action_item_status": 180,
}
assert set(UPDATE_DAYS) == set(TABLES_BY_NAME), "every table declares its expected update interval"


def load_order() -> list[str]:
    """Tables ordered so that every referenced table comes before the tables referencing it."""
    order: list[str] = []

    def visit(name: str) -> None:
        if name in order:
            return
        for col in TABLES_BY_NAME[name].columns:
            if col.references:
                parent = col.references.split(".")[0]
                if parent != name:
                    visit(parent)
        order.append(name)

    for table in TABLES:
        visit(table.name)
    return order
