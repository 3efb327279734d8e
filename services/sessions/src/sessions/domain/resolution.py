"""A resolution (nghị quyết) after its session: UBND's implementation guidance and the
conference that deploys it. The lag from passing to the first guidance is tracked (seed 000:
resolutions wait too long for guidance)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Self
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.vocabulary import Agency, PolicyField
from kernel.actor import Actor, actor_ref
from sessions.domain import errors
from sessions.domain.policy import IMPLEMENTERS, check_agency
from sessions.domain.session_parts import Counts
from sessions.domain.values import check_occurred, check_positive_text, follows


@dataclass(frozen=True)
class Guidance:
    """A document of UBND guiding the resolution's implementation (văn bản hướng dẫn)."""

    guidance_id: UUID
    number: str
    title: str
    issued_on: date
    issued_by: Agency
    issuing_unit: str | None
    lag_days: int


@dataclass(frozen=True)
class DeploymentConference:
    held_on: date
    place: str
    lag_days: int


class Adopted(Aggregate.Created):
    session_id: UUID
    vote_id: UUID
    document_id: UUID
    number: str
    title: str
    field: str
    passed_on: date
    counts: dict[str, int]
    total_deputies: int
    occurred_field = "passed_on"

    def apply(self, resolution: Resolution) -> None:
        resolution.session_id, resolution.vote_id = self.session_id, self.vote_id
        resolution.document_id, resolution.number = self.document_id, self.number
        resolution.title, resolution.field = self.title, PolicyField(self.field)
        resolution.passed_on, resolution.counts = self.passed_on, Counts(**self.counts)
        resolution.total_deputies = self.total_deputies
        resolution.guidance, resolution.conference = [], None


class GuidanceIssued(Aggregate.Event):
    resolution_number: str
    passed_on: date
    first: bool
    guidance_id: UUID
    number: str
    title: str
    issued_on: date
    issued_by: str
    issuing_unit: str | None
    lag_days: int
    by: str
    occurred_field = "issued_on"

    def apply(self, resolution: Resolution) -> None:
        resolution.guidance.append(Guidance(
            self.guidance_id, self.number, self.title, self.issued_on, Agency(self.issued_by),
            self.issuing_unit, self.lag_days,
        ))


class DeploymentConferenceHeld(Aggregate.Event):
    resolution_number: str
    held_on: date
    place: str
    lag_days: int
    by: str
    occurred_field = "held_on"

    def apply(self, resolution: Resolution) -> None:
        resolution.conference = DeploymentConference(self.held_on, self.place, self.lag_days)


class Resolution(Aggregate):
    """A passed resolution, followed until UBND has guided and deployed it."""

    if TYPE_CHECKING:
        session_id: UUID
        vote_id: UUID
        document_id: UUID
        number: str
        title: str
        field: PolicyField
        passed_on: date
        counts: Counts
        total_deputies: int
        guidance: list[Guidance]
        conference: DeploymentConference | None

    @classmethod
    def adopt(
        cls, *, id: UUID, session_id: UUID, vote_id: UUID, document_id: UUID, number: str,
        title: str, field: PolicyField, passed_on: date, counts: Counts, total_deputies: int,
        at: datetime,
    ) -> Self:
        """Registered by the application from its session's ResolutionPassed (same save)."""
        return cls._create(
            Adopted, id=id, timestamp=at, session_id=session_id, vote_id=vote_id,
            document_id=document_id, number=number, title=title, field=field.value,
            passed_on=passed_on, counts=counts.as_record(), total_deputies=total_deputies,
        )

    @property
    def first_guidance_on(self) -> date | None:
        return min((g.issued_on for g in self.guidance), default=None)

    @property
    def guidance_lag_days(self) -> int | None:
        """Days from passing to the first guidance; None while none was issued."""
        first = self.first_guidance_on
        return None if first is None else (first - self.passed_on).days

    def days_waiting(self, today: date) -> int | None:
        """Days the resolution has waited for guidance so far; None once it has some."""
        return None if self.guidance else max(0, (today - self.passed_on).days)

    def issue_guidance(
        self, actor: Actor, *, guidance_id: UUID, number: str, title: str, issued_on: date,
        at: datetime,
    ) -> None:
        check_agency(actor, IMPLEMENTERS, "issue implementation guidance")
        if any(g.guidance_id == guidance_id for g in self.guidance):
            raise errors.IllegalTransitionError(f"guidance {guidance_id} was already recorded")
        self._check_after_passing(issued_on, at, "issued_on")
        self.trigger_event(
            GuidanceIssued, timestamp=at, resolution_number=self.number,
            passed_on=self.passed_on, first=not self.guidance, guidance_id=guidance_id,
            number=check_positive_text(number, "number"), title=check_positive_text(title, "title"),
            issued_on=issued_on, issued_by=actor.agency.value, issuing_unit=actor.unit,
            lag_days=(issued_on - self.passed_on).days, by=actor_ref(actor),
        )

    def hold_deployment_conference(
        self, actor: Actor, *, held_on: date, place: str, at: datetime
    ) -> None:
        check_agency(actor, IMPLEMENTERS, "record the deployment conference")
        if self.conference is not None:
            raise errors.IllegalTransitionError(
                f"resolution {self.number} was deployed on {self.conference.held_on}"
            )
        self._check_after_passing(held_on, at, "held_on")
        self.trigger_event(
            DeploymentConferenceHeld, timestamp=at, resolution_number=self.number, held_on=held_on,
            place=check_positive_text(place, "place"),
            lag_days=(held_on - self.passed_on).days, by=actor_ref(actor),
        )

    def _check_after_passing(self, day: date, at: datetime, what: str) -> None:
        check_occurred(day, at, what, follows(
            self.passed_on, "the day the resolution passed", "ngày thông qua nghị quyết"))
