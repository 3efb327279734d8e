"""The Standing Committee's work between sessions: explanation sessions (phiên giải trình)
and matters arising between sessions that it decides and reports to the next session."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Self
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.vocabulary import PolicyField
from kernel.actor import Actor, actor_ref
from sessions.domain import errors
from sessions.domain.policy import check_may_run_session
from sessions.domain.values import check_occurred, check_positive_text, follows


class ExplanationScheduled(Aggregate.Created):
    topic: str
    field: str
    scheduled_on: date
    explaining: list[str]
    by: str

    def apply(self, explanation: ExplanationSession) -> None:
        explanation.topic, explanation.field = self.topic, PolicyField(self.field)
        explanation.scheduled_on, explanation.explaining = self.scheduled_on, list(self.explaining)
        explanation.held_on, explanation.conclusions, explanation.commitments = None, None, []


class ExplanationHeld(Aggregate.Event):
    topic: str
    field: str
    explaining: list[str]
    held_on: date
    conclusions: str
    commitments: list[str]
    by: str
    occurred_field = "held_on"

    def apply(self, explanation: ExplanationSession) -> None:
        explanation.held_on, explanation.conclusions = self.held_on, self.conclusions
        explanation.commitments = list(self.commitments)


class ExplanationSession(Aggregate):
    """The Standing Committee hears agencies explain a matter, concludes, records commitments."""

    if TYPE_CHECKING:
        topic: str
        field: PolicyField
        scheduled_on: date
        explaining: list[str]
        held_on: date | None
        conclusions: str | None
        commitments: list[str]

    @classmethod
    def schedule(
        cls, actor: Actor, *, id: UUID, topic: str, field: PolicyField, scheduled_on: date,
        explaining: list[str], at: datetime,
    ) -> Self:
        check_may_run_session(actor, "schedule explanation sessions")
        explaining = [name.strip() for name in explaining if name.strip()]
        if not explaining:
            raise errors.InvalidCommandError("name the agencies or officials who will explain")
        return cls._create(
            ExplanationScheduled, id=id, timestamp=at, topic=check_positive_text(topic, "topic"),
            field=field.value, scheduled_on=scheduled_on, explaining=explaining,
            by=actor_ref(actor),
        )

    def hold(self, actor: Actor, *, held_on: date, conclusions: str, commitments: list[str],
             at: datetime) -> None:
        check_may_run_session(actor, "record explanation sessions")
        if self.held_on is not None:
            raise errors.IllegalTransitionError(f"it was already held on {self.held_on}")
        check_occurred(held_on, at, "held_on")
        self.trigger_event(
            ExplanationHeld, timestamp=at, topic=self.topic, field=self.field.value,
            explaining=list(self.explaining), held_on=held_on,
            conclusions=check_positive_text(conclusions, "conclusions"),
            commitments=[c.strip() for c in commitments if c.strip()], by=actor_ref(actor),
        )


class MatterDecided(Aggregate.Created):
    title: str
    field: str
    decided_on: date
    decision_number: str
    summary: str
    by: str
    occurred_field = "decided_on"

    def apply(self, matter: BetweenSessionMatter) -> None:
        matter.title, matter.field, matter.decided_on = (
            self.title, PolicyField(self.field), self.decided_on
        )
        matter.decision_number, matter.summary = self.decision_number, self.summary
        matter.reported_to, matter.reported_on = None, None


class MatterReported(Aggregate.Event):
    session_id: UUID
    reported_on: date
    by: str
    occurred_field = "reported_on"

    def apply(self, matter: BetweenSessionMatter) -> None:
        matter.reported_to, matter.reported_on = self.session_id, self.reported_on


class BetweenSessionMatter(Aggregate):
    """A matter arising between sessions, decided by the Standing Committee (seed 003: 14)."""

    if TYPE_CHECKING:
        title: str
        field: PolicyField
        decided_on: date
        decision_number: str
        summary: str
        reported_to: UUID | None
        reported_on: date | None

    @classmethod
    def decide(
        cls, actor: Actor, *, id: UUID, title: str, field: PolicyField, decided_on: date,
        decision_number: str, summary: str, at: datetime,
    ) -> Self:
        check_may_run_session(actor, "decide matters between sessions")
        check_occurred(decided_on, at, "decided_on")
        return cls._create(
            MatterDecided, id=id, timestamp=at, title=check_positive_text(title, "title"),
            field=field.value, decided_on=decided_on,
            decision_number=check_positive_text(decision_number, "decision_number"),
            summary=check_positive_text(summary, "summary"), by=actor_ref(actor),
        )

    def report_to(self, actor: Actor, *, session_id: UUID, session_opening: date,
                  reported_on: date, at: datetime) -> None:
        """Report the decision to the next session, which opens after it was decided."""
        check_may_run_session(actor, "report matters to a session")
        if self.reported_to is not None:
            raise errors.IllegalTransitionError(f"it was reported to session {self.reported_to}")
        if session_opening < self.decided_on:
            raise errors.InvalidCommandError("it is reported to a session after its decision")
        check_occurred(reported_on, at, "reported_on", follows(
            self.decided_on, "the decision", "ngày quyết định"))
        self.trigger_event(
            MatterReported, timestamp=at, session_id=session_id, reported_on=reported_on,
            by=actor_ref(actor),
        )
