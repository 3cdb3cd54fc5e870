"""Request register builders: the register as listed. Pure; text from messages/en/request_register.toml."""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import t


def register_table(requests: pd.DataFrame, status_labels: dict[str, str]) -> pd.DataFrame:
    """The register (request_register_requests) with its stage, status and one-week judgement in words."""
    return requests.assign(
        distribution_at_end=requests["distribution_at_end"].map(lambda d: t(f"request_register.rule_{d}")),
        stage_at_end=requests["stage_at_end"].map(lambda s: t(f"request_register.stage_{s}")),
        status_at_end=requests["status_at_end"].map(lambda s: status_labels.get(s, s)),
    )
