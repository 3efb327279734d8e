"""The table of reporting obligations (obligations.toml): who reports what to whom, how
often, by when. Loaded and checked once; a malformed table fails at start, not mid-year."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from contracts.vocabulary import Agency
from oversight.domain.errors import RecordNotFoundError
from oversight.domain.reporting import Frequency, Obligation

KEYS = {"id", "title", "from", "to", "period", "due_days", "due_on", "effective_from",
        "legal_source", "confidence"}


class ObligationsError(ValueError):
    """The obligations table is not well formed."""


@dataclass(frozen=True)
class ObligationTable:
    obligations: tuple[Obligation, ...]

    def get(self, obligation_id: str) -> Obligation:
        for obligation in self.obligations:
            if obligation.id == obligation_id:
                return obligation
        raise RecordNotFoundError(f"no reporting obligation {obligation_id!r}")


def load_obligations(text: str) -> ObligationTable:
    data = tomllib.loads(text)
    obligations = tuple(_obligation(entry) for entry in data.get("obligation", []))
    ids = [o.id for o in obligations]
    if len(set(ids)) != len(ids):
        raise ObligationsError("two obligations share one id")
    return ObligationTable(obligations)


@cache
def default_obligations() -> ObligationTable:
    text = resources.files("oversight.rules").joinpath("obligations.toml").read_text("utf-8")
    return load_obligations(text)


def _obligation(entry: dict[str, Any]) -> Obligation:
    unknown = set(entry) - KEYS
    if unknown:
        raise ObligationsError(f"unknown keys {sorted(unknown)} in {entry.get('id')!r}")
    try:
        frequency = Frequency(entry["period"])
        due_on = entry.get("due_on")
        if (frequency is Frequency.THEMATIC) != isinstance(due_on, date):
            raise ObligationsError(f"{entry['id']}: a thematic report has due_on, no other")
        recipients = tuple(Agency(a) for a in entry["to"])
        if not recipients:
            raise ObligationsError(f"{entry['id']}: report to at least one agency")
        return Obligation(
            id=entry["id"], title=entry["title"], from_agency=Agency(entry["from"]),
            to_agencies=recipients, frequency=frequency, due_days=int(entry.get("due_days", 0)),
            due_on=due_on, effective_from=entry["effective_from"],
            legal_source=entry["legal_source"], confidence=entry["confidence"])
    except (KeyError, ValueError) as error:
        raise ObligationsError(f"obligation {entry.get('id')!r}: {error}") from error
