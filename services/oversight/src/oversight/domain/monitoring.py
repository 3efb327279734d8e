"""Monitoring from other services' events: what oversight watches and the findings it makes.

A ``PetitionWatch`` follows one petition forwarded to an agency (from the petitions
stream): when it was due, whether and when it was answered. A ``ResolutionWatch`` follows
one passed resolution (from the sessions stream) until UBND issues its first guidance.
Each turns "the due date passed, nothing came" into a finding once (per due date): the
finding is an event of the watch, published as oversight's own.

Watch ids are derived from the upstream id (``watch_id``), so a redelivered or replayed
upstream event finds the watch it made, never a second one.

The stored events' topics are ``oversight.domain.monitoring:<Name>``: never rename or move
them without ``register_topic``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Self
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from contracts.vocabulary import Agency

_WATCHES = UUID("6a3d1f0e-5b7c-4e21-9c43-0f6e2b8d7a15")  # namespace of the watches' ids


def watch_id(kind: str, upstream_id: UUID) -> UUID:
    """The id of the watch of ``kind`` ("petition", "resolution") over ``upstream_id``."""
    return uuid5(_WATCHES, f"{kind}:{upstream_id}")


# -- petitions forwarded to an agency ------------------------------------------------------

class PetitionWatchStarted(Aggregate.Created):
    petition_id: UUID
    agency: str
    unit: str | None
    forwarded_on: date
    due_date: date

    def apply(self, watch: PetitionWatch) -> None:
        watch.petition_id, watch.agency, watch.unit = (
            self.petition_id, Agency(self.agency), self.unit)
        watch.forwarded_on, watch.due_date = self.forwarded_on, self.due_date
        watch.answered_on, watch.on_time, watch.flagged_due = None, None, None


class PetitionReforwarded(Aggregate.Event):
    agency: str
    unit: str | None
    forwarded_on: date
    due_date: date

    def apply(self, watch: PetitionWatch) -> None:
        watch.agency, watch.unit = Agency(self.agency), self.unit
        watch.forwarded_on, watch.due_date = self.forwarded_on, self.due_date


class PetitionAnswerSeen(Aggregate.Event):
    answered_on: date
    on_time: bool

    def apply(self, watch: PetitionWatch) -> None:
        watch.answered_on, watch.on_time = self.answered_on, self.on_time


class PetitionAnswerOverdue(Aggregate.Event):
    """The finding: the petition's agency let its due date pass without an answer."""

    petition_id: UUID
    agency: str
    unit: str | None
    forwarded_on: date
    due_date: date
    found_on: date

    def apply(self, watch: PetitionWatch) -> None:
        watch.flagged_due = self.due_date


class PetitionWatch(Aggregate):
    """One petition forwarded to an agency, watched until it is answered."""

    if TYPE_CHECKING:
        petition_id: UUID
        agency: Agency
        unit: str | None
        forwarded_on: date
        due_date: date
        answered_on: date | None
        on_time: bool | None
        flagged_due: date | None  # the due date the last finding was made for

    @classmethod
    def start(cls, *, petition_id: UUID, agency: Agency, unit: str | None,
              forwarded_on: date, due_date: date, at: datetime) -> Self:
        return cls._create(
            PetitionWatchStarted, id=watch_id("petition", petition_id), timestamp=at,
            petition_id=petition_id, agency=agency.value, unit=unit,
            forwarded_on=forwarded_on, due_date=due_date)

    def reforward(self, *, agency: Agency, unit: str | None, forwarded_on: date,
                  due_date: date, at: datetime) -> None:
        """Sent on to another agency (a misrouting corrected): the new one owes the answer."""
        self.trigger_event(PetitionReforwarded, timestamp=at, agency=agency.value, unit=unit,
                           forwarded_on=forwarded_on, due_date=due_date)

    def see_answer(self, *, answered_on: date, on_time: bool, at: datetime) -> None:
        if self.answered_on is None:  # the first answer counts; a later one changes nothing
            self.trigger_event(PetitionAnswerSeen, timestamp=at, answered_on=answered_on,
                               on_time=on_time)

    @property
    def answered(self) -> bool:
        return self.answered_on is not None

    def is_overdue(self, today: date) -> bool:
        """Waiting for its answer past the due date."""
        return not self.answered and today > self.due_date

    def flag_if_overdue(self, today: date, at: datetime) -> bool:
        """Records the finding once per due date; True when it was recorded now."""
        if not self.is_overdue(today) or self.flagged_due == self.due_date:
            return False
        self.trigger_event(PetitionAnswerOverdue, timestamp=at, petition_id=self.petition_id,
                           agency=self.agency.value, unit=self.unit,
                           forwarded_on=self.forwarded_on, due_date=self.due_date,
                           found_on=today)
        return True


# -- resolutions waiting for UBND's guidance -------------------------------------------------

class ResolutionWatchStarted(Aggregate.Created):
    resolution_id: UUID
    number: str
    title: str
    passed_on: date
    guidance_due: date
    rule_id: str
    legal_source: str

    def apply(self, watch: ResolutionWatch) -> None:
        watch.resolution_id, watch.number, watch.title = (
            self.resolution_id, self.number, self.title)
        watch.passed_on, watch.guidance_due = self.passed_on, self.guidance_due
        watch.rule_id, watch.legal_source = self.rule_id, self.legal_source
        watch.guidance_on, watch.flagged = None, False


class GuidanceSeen(Aggregate.Event):
    issued_on: date

    def apply(self, watch: ResolutionWatch) -> None:
        watch.guidance_on = self.issued_on


class ResolutionGuidanceOverdue(Aggregate.Event):
    """The finding: a passed resolution had no UBND guidance within the rule's days."""

    resolution_id: UUID
    number: str
    title: str
    passed_on: date
    guidance_due: date
    rule_id: str
    legal_source: str
    found_on: date

    def apply(self, watch: ResolutionWatch) -> None:
        watch.flagged = True


class ResolutionWatch(Aggregate):
    """One passed resolution, watched until UBND issues guidance to implement it."""

    if TYPE_CHECKING:
        resolution_id: UUID
        number: str
        title: str
        passed_on: date
        guidance_due: date
        rule_id: str
        legal_source: str
        guidance_on: date | None
        flagged: bool

    @classmethod
    def start(cls, *, resolution_id: UUID, number: str, title: str, passed_on: date,
              guidance_due: date, rule_id: str, legal_source: str, at: datetime) -> Self:
        return cls._create(
            ResolutionWatchStarted, id=watch_id("resolution", resolution_id), timestamp=at,
            resolution_id=resolution_id, number=number, title=title, passed_on=passed_on,
            guidance_due=guidance_due, rule_id=rule_id, legal_source=legal_source)

    def see_guidance(self, *, issued_on: date, at: datetime) -> None:
        if self.guidance_on is None:  # the first guidance is the one the lag is counted to
            self.trigger_event(GuidanceSeen, timestamp=at, issued_on=issued_on)

    def is_overdue(self, today: date) -> bool:
        return self.guidance_on is None and today > self.guidance_due

    def flag_if_overdue(self, today: date, at: datetime) -> bool:
        """Records the finding once; True when it was recorded now."""
        if not self.is_overdue(today) or self.flagged:
            return False
        self.trigger_event(
            ResolutionGuidanceOverdue, timestamp=at, resolution_id=self.resolution_id,
            number=self.number, title=self.title, passed_on=self.passed_on,
            guidance_due=self.guidance_due, rule_id=self.rule_id,
            legal_source=self.legal_source, found_on=today)
        return True
