"""The voter-contact meeting (hội nghị tiếp xúc cử tri): planned, then held."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import uuid4

from eventsourcing.domain import Aggregate, event

from contracts.vocabulary import Agency
from kernel.actor import Actor, actor_ref
from kernel.occurred import check_occurred_on
from petitions.domain.errors import (
    InvalidPetitionError,
    MeetingAlreadyHeldError,
    MeetingNotHeldError,
)
from petitions.domain.policy import check_may_organise_voter_contact


class VoterContactMeeting(Aggregate):
    """A meeting where deputies hear voters; petitions are recorded against held meetings."""

    if TYPE_CHECKING:  # declared for type checkers only: runtime annotations become fields
        title: str
        scheduled_on: date
        place: str
        commune: str
        deputies: list[str]
        organised_by: Agency
        held_on: date | None
        attendance: int | None
        deputies_present: list[str]

    class Planned(Aggregate.Created):
        title: str
        scheduled_on: date
        place: str
        commune: str
        deputies: list[str]
        organised_by: str
        by: str

        def apply(self, meeting: VoterContactMeeting) -> None:
            meeting.title = self.title
            meeting.scheduled_on = self.scheduled_on
            meeting.place = self.place
            meeting.commune = self.commune
            meeting.deputies = list(self.deputies)
            meeting.organised_by = Agency(self.organised_by)
            meeting.held_on = None
            meeting.attendance = None
            meeting.deputies_present = []

    class Held(Aggregate.Event):
        held_on: date
        attendance: int
        place: str
        commune: str
        deputies: list[str]
        by: str
        occurred_field = "held_on"

    @classmethod
    def plan(
        cls, actor: Actor, *, title: str, scheduled_on: date, place: str, commune: str,
        deputies: list[str],
    ) -> VoterContactMeeting:
        check_may_organise_voter_contact(actor)
        return cls._create(
            cls.Planned, id=uuid4(), title=title, scheduled_on=scheduled_on, place=place,
            commune=commune, deputies=list(deputies), organised_by=actor.agency.value,
            by=actor_ref(actor),
        )

    @property
    def is_held(self) -> bool:
        return self.held_on is not None

    def mark_held(
        self, actor: Actor, *, held_on: date, attendance: int, today: date,
        deputies_present: list[str] | None = None,
    ) -> None:
        check_may_organise_voter_contact(actor)
        self.check_not_held()
        check_occurred_on(held_on, today=today, field="held_on")
        if attendance < 0:
            raise InvalidPetitionError("attendance cannot be negative")
        present = self.deputies if deputies_present is None else deputies_present
        self._held(
            held_on=held_on, attendance=attendance, place=self.place, commune=self.commune,
            deputies=list(present), by=actor_ref(actor),
        )

    @event(Held)
    def _held(
        self, held_on: date, attendance: int, place: str, commune: str, deputies: list[str],
        by: str,
    ) -> None:
        self.held_on = held_on
        self.attendance = attendance
        self.deputies_present = list(deputies)

    def check_not_held(self) -> None:
        if self.is_held:
            raise MeetingAlreadyHeldError(f"meeting {self.id} was already held on {self.held_on}")

    def check_is_held(self) -> None:
        if not self.is_held:
            raise MeetingNotHeldError(
                f"meeting {self.id} has not been held yet: record petitions after it is held"
            )
