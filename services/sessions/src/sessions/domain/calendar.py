"""The shared meeting calendar of the Standing Committee, the committees and UBND.

A meeting clashes with another when their times overlap and either the same body holds
both or someone is booked for both (seed 003: HĐND's calendar must not clash with UBND's).
A clash is recorded on both entries: the new one says it caused it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Self
from uuid import UUID

from eventsourcing.domain import Aggregate

from kernel.actor import Actor, actor_ref
from sessions.domain import errors
from sessions.domain.policy import check_may_organise
from sessions.domain.values import OrganiserKind, check_positive_text


def person_key(name: str) -> str:
    """Names compare without case, spacing or Unicode-form differences."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@dataclass(frozen=True)
class Clash:
    other_entry_id: UUID
    other_organiser: str
    overlap_start: datetime
    overlap_end: datetime
    same_body: bool
    shared_participants: tuple[str, ...]
    caused_here: bool


class Scheduled(Aggregate.Created):
    organiser_kind: str
    organiser: str
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    participants: list[str]
    by: str

    def apply(self, entry: CalendarEntry) -> None:
        entry.organiser_kind, entry.organiser = OrganiserKind(self.organiser_kind), self.organiser
        entry.title, entry.place = self.title, self.place
        entry.starts_at, entry.ends_at = self.starts_at, self.ends_at
        entry.participants = list(self.participants)
        entry.clashes, entry.cancelled_reason = [], None


class ClashDetected(Aggregate.Event):
    organiser: str
    other_entry_id: UUID
    other_organiser: str
    overlap_start: datetime
    overlap_end: datetime
    same_body: bool
    shared_participants: list[str]
    caused_here: bool

    def apply(self, entry: CalendarEntry) -> None:
        entry.clashes.append(Clash(
            self.other_entry_id, self.other_organiser, self.overlap_start, self.overlap_end,
            self.same_body, tuple(self.shared_participants), self.caused_here,
        ))


class Cancelled(Aggregate.Event):
    reason: str
    by: str

    def apply(self, entry: CalendarEntry) -> None:
        entry.cancelled_reason = self.reason


class CalendarEntry(Aggregate):
    """One meeting in the shared calendar."""

    if TYPE_CHECKING:
        organiser_kind: OrganiserKind
        organiser: str
        title: str
        starts_at: datetime
        ends_at: datetime
        place: str
        participants: list[str]
        clashes: list[Clash]
        cancelled_reason: str | None

    @classmethod
    def schedule(
        cls, actor: Actor, *, id: UUID, organiser_kind: OrganiserKind, organiser: str,
        title: str, starts_at: datetime, ends_at: datetime, place: str,
        participants: list[str], at: datetime,
    ) -> Self:
        check_may_organise(actor, organiser_kind)
        if starts_at.tzinfo is None or ends_at.tzinfo is None:
            raise errors.InvalidCommandError("give times with their UTC offset")
        if ends_at <= starts_at:
            raise errors.InvalidCommandError("a meeting ends after it starts")
        unique = {person_key(p): " ".join(p.split()) for p in participants if p.strip()}
        return cls._create(
            Scheduled, id=id, timestamp=at, organiser_kind=organiser_kind.value,
            organiser=check_positive_text(organiser, "organiser"),
            title=check_positive_text(title, "title"), starts_at=starts_at, ends_at=ends_at,
            place=place.strip(), participants=sorted(unique.values()), by=actor_ref(actor),
        )

    @property
    def is_active(self) -> bool:
        return self.cancelled_reason is None

    def clash_with(self, other: CalendarEntry) -> Clash | None:
        """How this entry clashes with ``other``, if it does (both active, times overlap)."""
        if other.id == self.id or not (self.is_active and other.is_active):
            return None
        start, end = max(self.starts_at, other.starts_at), min(self.ends_at, other.ends_at)
        if start >= end:
            return None
        same_body = person_key(self.organiser) == person_key(other.organiser)
        theirs = {person_key(p) for p in other.participants}
        shared = tuple(p for p in self.participants if person_key(p) in theirs)
        if not same_body and not shared:
            return None
        return Clash(other.id, other.organiser, start, end, same_body, shared, caused_here=True)

    def record_clash(self, clash: Clash, at: datetime) -> None:
        self.trigger_event(
            ClashDetected, timestamp=at, organiser=self.organiser,
            other_entry_id=clash.other_entry_id,
            other_organiser=clash.other_organiser, overlap_start=clash.overlap_start,
            overlap_end=clash.overlap_end, same_body=clash.same_body,
            shared_participants=list(clash.shared_participants), caused_here=clash.caused_here,
        )

    def cancel(self, actor: Actor, *, reason: str, at: datetime) -> None:
        check_may_organise(actor, self.organiser_kind)
        if not self.is_active:
            raise errors.IllegalTransitionError(f"it was cancelled: {self.cancelled_reason}")
        self.trigger_event(
            Cancelled, timestamp=at, reason=check_positive_text(reason, "reason"),
            by=actor_ref(actor),
        )


def detect_clashes(new: CalendarEntry, existing: list[CalendarEntry], at: datetime) -> list[
    CalendarEntry
]:
    """Records each clash on the new entry and on the one it clashes with; returns the latter."""
    touched: list[CalendarEntry] = []
    for other in existing:
        clash = new.clash_with(other)
        if clash is None:
            continue
        new.record_clash(clash, at)
        other.record_clash(
            Clash(new.id, new.organiser, clash.overlap_start, clash.overlap_end,
                  clash.same_body, clash.shared_participants, caused_here=False),
            at,
        )
        touched.append(other)
    return touched
