"""Values of the oversight domain: the supervising bodies, texts, dates and windows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from contracts.vocabulary import Agency
from kernel.errors import Wording
from kernel.occurred import Follows, check_occurred_on
from oversight.domain.errors import InvalidCommandError


class SupervisingBody(StrEnum):
    """Who runs a supervision programme (chương trình giám sát)."""

    STANDING_COMMITTEE = "standing_committee"  # Thường trực HĐND
    COMMITTEE = "committee"  # một Ban của HĐND
    DEPUTY_GROUP = "deputy_group"  # Tổ đại biểu HĐND
    MTTQ = "mttq"  # Ủy ban MTTQ Việt Nam

    @property
    def agency(self) -> Agency:
        return Agency.MTTQ if self is SupervisingBody.MTTQ else Agency.HDND


# Bodies with several members of one kind: the programme names which one.
NAMED_BODIES = frozenset({SupervisingBody.COMMITTEE, SupervisingBody.DEPUTY_GROUP})
DEFAULT_BODY_NAMES = {
    SupervisingBody.STANDING_COMMITTEE: "Thường trực HĐND",
    SupervisingBody.MTTQ: "Ủy ban MTTQ Việt Nam",
}


def body_name(body: SupervisingBody, name: str | None) -> str:
    """The name a programme's body is known by: a committee or deputy group must be
    named (which Ban, which Tổ); the Standing Committee and MTTQ have their own."""
    cleaned = (name or "").strip()
    if cleaned:
        return cleaned
    if body in NAMED_BODIES:
        raise InvalidCommandError(f"name the {body.value.replace('_', ' ')} (body_name)")
    return DEFAULT_BODY_NAMES[body]


def check_positive_text(value: str, what: str) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise InvalidCommandError(f"{what} must not be empty")
    return cleaned


@dataclass(frozen=True)
class Window:
    """Days from ``start`` to ``end``, both included."""

    start: date
    end: date

    @classmethod
    def of(cls, start: date, end: date, what: str = "window") -> Window:
        if end < start:
            raise InvalidCommandError(f"the {what} ends ({end}) before it starts ({start})")
        return cls(start, end)

    def overlap(self, other: Window) -> Window | None:
        """The days both windows share, if any."""
        start, end = max(self.start, other.start), min(self.end, other.end)
        return Window(start, end) if start <= end else None


def check_occurred(day: date, today: date, field: str, *follows: Follows) -> date:
    """The kernel's one check of the day an act happened (decision 16): not after
    ``today``, within the plausible days, not before any act it ``follows``."""
    return check_occurred_on(day, today=today, field=field, follows=follows)


def follows(day: date | None, en: str, vi: str) -> Follows:
    """An earlier act of the record the new one comes after (kernel.occurred.Follows)."""
    return Follows(day, Wording(en, vi))
