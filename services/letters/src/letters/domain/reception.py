"""Citizen reception (tiếp công dân): the reception days held, and the periods a holder
held fewer than the law asks.

Who must receive citizens, and how often, is rulebook data (``reception.<holder>``, a
least number of days per week, month or quarter), read in the version in force on the
first day of each period: the chair of the provincial UBND at least one day a month, a
commune's chair one a week, the HĐND Standing Committee and each deputy on their own
schedule. From 2026-07-01 (Law 136/2025, rule ``reception.online``) a reception may be held
online, and counts like one held in person; before that day one held online is refused.

The events' topics are ``letters.domain.reception:<Name>``: never rename or move them
without ``register_topic``.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Self
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from contracts.vocabulary import Agency
from kernel.actor import Actor, actor_ref
from kernel.occurred import check_occurred_on
from kernel.rulebook import Rule, Rulebook, RuleNotFoundError
from kernel.text import identifier_key
from letters.domain import errors

ONLINE_RULE = "reception.online"


class Receiver(StrEnum):
    """Whose reception day it is."""

    UBND_CHAIR_PROVINCE = "ubnd_chair_province"  # Chủ tịch UBND tỉnh
    UBND_CHAIR_COMMUNE = "ubnd_chair_commune"  # Chủ tịch UBND xã (the commune named)
    HDND_STANDING_COMMITTEE = "hdnd_standing_committee"  # Thường trực HĐND tỉnh
    HDND_DEPUTY = "hdnd_deputy"  # đại biểu HĐND (the deputy named)

    @property
    def rule_id(self) -> str:
        return RECEPTION_RULES[self]

    @property
    def agency(self) -> Agency:
        """The body that records its reception days and is told of a missed one."""
        return Agency.UBND if self.name.startswith("UBND") else Agency.HDND

    @property
    def names_holder(self) -> bool:
        """A commune's chair or a deputy is one of many: the reception names which."""
        return self in (Receiver.UBND_CHAIR_COMMUNE, Receiver.HDND_DEPUTY)


RECEPTION_RULES = {
    Receiver.UBND_CHAIR_PROVINCE: "reception.ubnd_chair.province",
    Receiver.UBND_CHAIR_COMMUNE: "reception.ubnd_chair.commune",
    Receiver.HDND_STANDING_COMMITTEE: "reception.hdnd_standing_committee",
    Receiver.HDND_DEPUTY: "reception.hdnd_deputy",
}


@dataclass(frozen=True)
class Holder:
    """One holder of the duty: a receiver, and for a commune or a deputy, which one.

    Two holders are the same when their names are (``kernel.text.identifier_key``: "Xã
    Vĩnh Kim" typed in another case, spacing or Unicode form is the same commune)."""

    receiver: Receiver
    name: str | None = field(default=None, compare=False)  # None: the province's own
    key: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", identifier_key(self.name) if self.name else "")


@dataclass(frozen=True)
class Session:
    """What is known of a reception day when it is recorded."""

    holder: Holder
    held_on: date
    received_by: str  # the official who received (họ tên, chức vụ)
    online: bool
    place: str | None
    citizens: int
    letter_ids: tuple[UUID, ...] = ()


class ReceptionHeld(Aggregate.Created):
    occurred_field = "held_on"  # the day of the act (decision 16); not a stored field
    receiver: str
    holder: str | None
    held_on: date
    received_by: str
    online: bool
    place: str | None
    citizens: int
    letter_ids: list[str]
    rule_id: str
    legal_source: str
    by: str

    def apply(self, reception: Reception) -> None:
        reception.holder = Holder(Receiver(self.receiver), self.holder)
        reception.held_on, reception.received_by = self.held_on, self.received_by
        reception.online, reception.place = self.online, self.place
        reception.citizens = self.citizens
        reception.letter_ids = [UUID(i) for i in self.letter_ids]
        reception.rule_id, reception.legal_source = self.rule_id, self.legal_source


class Reception(Aggregate):
    """A reception day held (buổi tiếp công dân)."""

    if TYPE_CHECKING:
        holder: Holder
        held_on: date
        received_by: str
        online: bool
        place: str | None
        citizens: int
        letter_ids: list[UUID]
        rule_id: str
        legal_source: str

    @classmethod
    def record(cls, actor: Actor, session: Session, rulebook: Rulebook, *, id: UUID,
               at: datetime, today: date) -> Self:
        holder = session.holder
        check_occurred_on(session.held_on, today=today, field="held_on")
        if actor.agency != holder.receiver.agency:
            raise errors.NotPermittedError(
                f"only {holder.receiver.agency.value} records the reception days of "
                f"{holder.receiver.value}; you act for {actor.agency.value}")
        if holder.receiver.names_holder != (holder.name is not None):
            raise errors.InvalidLetterError(
                "name the commune or the deputy, and only for them"
                if holder.receiver.names_holder else
                f"{holder.receiver.value} is the province's own: name no one")
        if session.online:
            try:
                rulebook.rule(ONLINE_RULE, session.held_on)
            except RuleNotFoundError:
                raise errors.RuleNotInForceError(
                    "online reception is not provided for by the law in force on "
                    f"{session.held_on.isoformat()} (Law 136/2025 applies from "
                    "2026-07-01)") from None
        elif session.place is None:
            raise errors.InvalidLetterError("say where the citizens were received, "
                                            "or that it was online")
        if session.citizens < 0:
            raise errors.InvalidLetterError("the number of citizens received is not negative")
        if len(set(session.letter_ids)) != len(session.letter_ids):
            raise errors.InvalidLetterError("a letter is linked to a reception once")
        rule = obligation_rule(rulebook, holder.receiver, session.held_on)
        return cls._create(
            ReceptionHeld, id=id, timestamp=at, receiver=holder.receiver.value,
            holder=holder.name, held_on=session.held_on, received_by=session.received_by,
            online=session.online, place=None if session.online else session.place,
            citizens=session.citizens, letter_ids=[str(i) for i in session.letter_ids],
            rule_id=rule.id, legal_source=rule.legal_source, by=actor_ref(actor))


def obligation_rule(rulebook: Rulebook, receiver: Receiver, on: date) -> Rule:
    try:
        return rulebook.rule(receiver.rule_id, on)
    except RuleNotFoundError:
        raise errors.RuleNotInForceError(
            f"no reception duty of {receiver.value} is in force on {on.isoformat()}") from None


# --- missed obligations ------------------------------------------------------------------

@dataclass(frozen=True)
class Missed:
    """A period in which a holder held fewer reception days than the rule asks."""

    holder: Holder
    period_start: date
    period_end: date
    required_days: int
    held_days: int
    rule_id: str
    legal_source: str

    @property
    def id(self) -> UUID:
        """The same finding always has the same id, so it is recorded once."""
        return uuid5(NAMESPACE_URL, f"phoihop:letters:reception-missed:"
                     f"{self.holder.receiver.value}:{self.holder.key}:"
                     f"{self.period_start.isoformat()}")


def period_of(unit: str, day: date) -> tuple[date, date]:
    """The calendar week (Monday to Sunday), month or quarter ``day`` falls in."""
    if unit == "days_per_week":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if unit == "days_per_month":
        return day.replace(day=1), day.replace(day=monthrange(day.year, day.month)[1])
    if unit == "days_per_quarter":
        first_month = 3 * ((day.month - 1) // 3) + 1
        last_month = first_month + 2
        return (date(day.year, first_month, 1),
                date(day.year, last_month, monthrange(day.year, last_month)[1]))
    raise ValueError(f"not a period unit: {unit}")


def missed_receptions(rulebook: Rulebook, holders: Iterable[tuple[Holder, date]],
                      held: Iterable[tuple[Holder, date]], *, until: date) -> list[Missed]:
    """Every period that ended by ``until``, from each holder's watch start, with fewer
    distinct reception days than the rule in force on the period's first day asks.

    ``holders`` pairs each holder with the day it is watched from; ``held`` is every
    reception day recorded (holder, day held)."""
    days: dict[Holder, set[date]] = {}
    for holder, day in held:
        days.setdefault(holder, set()).add(day)
    found: list[Missed] = []
    for holder, watched_from in holders:
        day = watched_from
        while True:
            try:
                rule = rulebook.rule(holder.receiver.rule_id, day)
            except RuleNotFoundError:  # no duty yet: look again a period later
                rule = None
            unit = rule.unit if rule else "days_per_week"
            start, end = period_of(unit, day)
            if end > until:
                break
            if rule is not None:
                count = sum(1 for d in days.get(holder, ()) if start <= d <= end)
                if count < rule.value:
                    found.append(Missed(holder, start, end, int(rule.value), count, rule.id,
                                        rule.legal_source))
            day = end + timedelta(days=1)
    return sorted(found, key=lambda m: (m.period_start, m.holder.receiver.value,
                                        m.holder.name or ""))


class ReceptionMissed(Aggregate.Created):
    """Monitoring found a period without the reception days the law asks."""

    occurred_field = "found_on"  # the day of the act (decision 16); not a stored field
    receiver: str
    holder: str | None
    period_start: date
    period_end: date
    required_days: int
    held_days: int
    rule_id: str
    legal_source: str
    found_on: date

    def apply(self, missed: MissedReception) -> None:
        missed.finding = Missed(
            Holder(Receiver(self.receiver), self.holder), self.period_start, self.period_end,
            self.required_days, self.held_days, self.rule_id, self.legal_source)
        missed.found_on = self.found_on


class MissedReception(Aggregate):
    """A missed reception obligation, recorded once (its id is the finding's)."""

    if TYPE_CHECKING:
        finding: Missed
        found_on: date

    @classmethod
    def record(cls, missed: Missed, *, at: datetime, found_on: date) -> Self:
        return cls._create(
            ReceptionMissed, id=missed.id, timestamp=at,
            receiver=missed.holder.receiver.value, holder=missed.holder.name,
            period_start=missed.period_start, period_end=missed.period_end,
            required_days=missed.required_days, held_days=missed.held_days,
            rule_id=missed.rule_id, legal_source=missed.legal_source, found_on=found_on)
