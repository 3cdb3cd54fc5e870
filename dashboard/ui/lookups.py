"""What the view's warehouse holds, for widgets and labels: filter choices, vocabulary labels, actor names."""

from __future__ import annotations

from dashboard import filters as flt
from dashboard.ui.chrome import view
from dashboard.warehouse import query


def choices() -> flt.Choices:
    """The period the data covers and the codes each filter may take (the URL's allow-lists)."""
    row = query("shared_filter_choices", view()).iloc[0]
    return flt.Choices(
        first_date=row["first_date"].date() if hasattr(row["first_date"], "date") else row["first_date"],
        last_date=row["last_date"].date() if hasattr(row["last_date"], "date") else row["last_date"],
        states=tuple(row["states"]),
        pillars=tuple(row["pillars"]),
        areas=tuple(row["areas"]),
        funders=tuple(row["funders"]),
    )


def labels(vocabulary: str) -> dict[str, str]:
    """code -> English label of one of the contract's vocabularies (pillar, area, role ...)."""
    frame = query("shared_vocab_labels", view(), vocabulary=vocabulary)
    return dict(zip(frame["code"], frame["label"], strict=True))


def actor_names() -> dict[str, str]:
    """actor_id -> English name."""
    frame = query("shared_actor_names", view())
    return dict(zip(frame["actor_id"], frame["name_en"], strict=True))


def distribution_rule_days() -> int:
    """The one-week rule's number of days (mart.distribution_rule, from the procedure data)."""
    return int(query("shared_distribution_rule", view()).iloc[0]["distribution_rule_days"])


def sources() -> dict[str, tuple[str, str]]:
    """source as cited (address or document reference) -> (title, type in words)."""
    frame = query("shared_sources", view())
    return {
        url: (title, kind)
        for url, title, kind in zip(frame["source_url"], frame["title"], frame["source_type"], strict=True)
    }
