"""A recommendation after supervision (kiến nghị sau giám sát), followed to the end
(theo dõi sau giám sát, Law 121/2025/QH15): the addressee answers (implemented, partly,
not yet, with what was done); the supervising body accepts the answer or reopens it.

The stored events' topics are ``oversight.domain.recommendation:<Name>``: never rename or
move them without ``register_topic``.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Self
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.vocabulary import Agency
from kernel.actor import Actor, actor_ref
from kernel.clock import day_in_vietnam
from oversight.domain import errors
from oversight.domain.policy import check_is_addressee, check_is_party, check_runs_body
from oversight.domain.sessions import PlannedSession
from oversight.domain.values import (
    SupervisingBody,
    check_occurred,
    check_positive_text,
    follows,
)


class Outcome(StrEnum):
    IMPLEMENTED = "implemented"  # đã thực hiện
    PARTLY = "partly"  # thực hiện một phần
    NOT_YET = "not_yet"  # chưa thực hiện


class FollowUp(StrEnum):
    OPEN = "open"  # chờ trả lời
    ANSWERED = "answered"  # đã trả lời, chờ xem xét
    ACCEPTED = "accepted"  # chấp nhận, kết thúc theo dõi


class Due:
    """A due date and the rule it came from (None when the report set it)."""

    def __init__(self, due_on: date, rule_id: str | None, legal_source: str | None) -> None:
        self.due_on, self.rule_id, self.legal_source = due_on, rule_id, legal_source


class RecommendationIssued(Aggregate.Created):
    occurred_field = "issued_on"  # the day of the report that issued it
    supervision_id: UUID
    body: str
    body_name: str
    topic: str
    addressee_agency: str
    addressee_unit: str | None
    action: str
    issued_on: date
    due_on: date
    rule_id: str | None
    legal_source: str | None
    by: str

    def apply(self, recommendation: Recommendation) -> None:
        r = recommendation
        r.supervision_id, r.body, r.body_name = (
            self.supervision_id, SupervisingBody(self.body), self.body_name)
        r.topic, r.action, r.issued_on = self.topic, self.action, self.issued_on
        r.addressee_agency, r.addressee_unit = Agency(self.addressee_agency), self.addressee_unit
        r.due_on, r.rule_id, r.legal_source = self.due_on, self.rule_id, self.legal_source
        r.status, r.responses, r.reopenings = FollowUp.OPEN, [], 0
        r.session_reviews, r.reopened_on = [], None


class Answered(Aggregate.Event):
    occurred_field = "responded_on"
    addressee_agency: str
    addressee_unit: str | None
    outcome: str
    done: str
    responded_on: date
    due_on: date
    on_time: bool
    by: str

    def apply(self, recommendation: Recommendation) -> None:
        recommendation.status = FollowUp.ANSWERED
        recommendation.responses.append(
            Response(Outcome(self.outcome), self.done, self.responded_on, self.by))


class AnswerAccepted(Aggregate.Event):
    occurred_field = "accepted_on"
    accepted_on: date
    note: str | None
    by: str

    def apply(self, recommendation: Recommendation) -> None:
        recommendation.status = FollowUp.ACCEPTED


class Reopened(Aggregate.Event):
    occurred_field = "reopened_on"
    reopened_on: date
    reason: str
    due_on: date
    by: str
    # Who must act again and on what (so the notifier reminds them again); None in events
    # stored before they were carried.
    addressee_agency: str | None = None
    addressee_unit: str | None = None
    body_name: str | None = None
    topic: str | None = None
    action: str | None = None

    def apply(self, recommendation: Recommendation) -> None:
        recommendation.status, recommendation.due_on = FollowUp.OPEN, self.due_on
        recommendation.reopenings += 1
        recommendation.reopened_on = self.reopened_on


class ReviewedAtSession(Aggregate.Event):
    """Re-reviewed at a regular session of the council (tái giám sát tại kỳ họp)."""

    occurred_field = "reviewed_on"
    session_id: UUID
    session_title: str
    reviewed_on: date
    conclusion: str
    by: str

    def apply(self, recommendation: Recommendation) -> None:
        recommendation.session_reviews.append(
            SessionReview(self.session_id, self.session_title, self.reviewed_on,
                          self.conclusion))


class SessionReview:
    def __init__(self, session_id: UUID, session_title: str, reviewed_on: date,
                 conclusion: str) -> None:
        self.session_id, self.session_title = session_id, session_title
        self.reviewed_on, self.conclusion = reviewed_on, conclusion


class Response:
    def __init__(self, outcome: Outcome, done: str, responded_on: date, by: str) -> None:
        self.outcome, self.done, self.responded_on, self.by = outcome, done, responded_on, by


class Recommendation(Aggregate):
    """One recommendation to one addressee (an agency, and its unit when named)."""

    if TYPE_CHECKING:
        supervision_id: UUID
        body: SupervisingBody
        body_name: str
        topic: str
        addressee_agency: Agency
        addressee_unit: str | None
        action: str
        issued_on: date
        due_on: date
        rule_id: str | None
        legal_source: str | None
        status: FollowUp
        responses: list[Response]
        reopenings: int
        reopened_on: date | None  # the last reopening's day
        session_reviews: list[SessionReview]

    @classmethod
    def issue(cls, *, id: UUID, supervision_id: UUID, body: SupervisingBody, body_name: str,
              topic: str, addressee_agency: Agency, addressee_unit: str | None, action: str,
              issued_on: date, due: Due, by: str, at: datetime) -> Self:
        """Issued by the supervision's report (whose body the report checked)."""
        if due.due_on < issued_on:
            raise errors.InvalidCommandError(
                f"the due date ({due.due_on}) comes before the report ({issued_on})")
        unit = " ".join((addressee_unit or "").split()) or None
        return cls._create(
            RecommendationIssued, id=id, timestamp=at, supervision_id=supervision_id,
            body=body.value, body_name=body_name, topic=topic,
            addressee_agency=addressee_agency.value, addressee_unit=unit,
            action=check_positive_text(action, "action"), issued_on=issued_on,
            due_on=due.due_on, rule_id=due.rule_id, legal_source=due.legal_source, by=by,
        )

    def is_overdue(self, today: date) -> bool:
        """Waiting for the addressee past its due date."""
        return self.status is FollowUp.OPEN and today > self.due_on

    def answer(self, actor: Actor, *, outcome: Outcome, done: str, responded_on: date,
               at: datetime) -> None:
        check_is_addressee(actor, self.addressee_agency, self.addressee_unit)
        if self.status is not FollowUp.OPEN:
            raise errors.IllegalTransitionError(
                f"the recommendation is {self.status.value}: it takes no answer now")
        check_occurred(responded_on, day_in_vietnam(at), "responded_on",
                       follows(self.issued_on, "the recommendation", "ngày ban hành kiến nghị"),
                       follows(self.reopened_on, "its reopening", "ngày yêu cầu tiếp tục"))
        self.trigger_event(Answered, timestamp=at, addressee_agency=self.addressee_agency.value,
                           addressee_unit=self.addressee_unit, outcome=outcome.value,
                           done=check_positive_text(done, "done"), responded_on=responded_on,
                           due_on=self.due_on, on_time=responded_on <= self.due_on,
                           by=actor_ref(actor))

    def accept(self, actor: Actor, *, accepted_on: date, note: str | None, at: datetime
               ) -> None:
        check_runs_body(actor, self.body, self.body_name, "accept answers to recommendations")
        self._check_answered("accepted", accepted_on, at)
        self.trigger_event(AnswerAccepted, timestamp=at, accepted_on=accepted_on,
                           note=(note or "").strip() or None, by=actor_ref(actor))

    def reopen(self, actor: Actor, *, reopened_on: date, reason: str, due_on: date,
               at: datetime) -> None:
        check_runs_body(actor, self.body, self.body_name, "reopen recommendations")
        self._check_answered("reopened", reopened_on, at)
        if due_on <= reopened_on:
            raise errors.InvalidCommandError(
                f"the new due date ({due_on}) comes after reopening ({reopened_on})")
        self.trigger_event(Reopened, timestamp=at, reopened_on=reopened_on,
                           reason=check_positive_text(reason, "reason"), due_on=due_on,
                           by=actor_ref(actor), addressee_agency=self.addressee_agency.value,
                           addressee_unit=self.addressee_unit, body_name=self.body_name,
                           topic=self.topic, action=self.action)

    @property
    def followed(self) -> bool:
        """Still followed: its follow-up has not ended in acceptance."""
        return self.status is not FollowUp.ACCEPTED

    def on_agenda_of(self, session: PlannedSession) -> bool:
        """Proposed for re-review at ``session``: a regular session, opening after it
        was issued, while it is still followed (or reviewed there already)."""
        reviewed_there = any(r.session_id == session.session_id for r in self.session_reviews)
        return session.regular and self.issued_on < session.planned_opening \
            and (self.followed or reviewed_there)

    def review_at_session(self, actor: Actor, session: PlannedSession, *, reviewed_on: date,
                          conclusion: str, at: datetime) -> None:
        """The council re-reviewed it at one of its regular sessions (HĐND records it)."""
        check_is_party(actor, frozenset({Agency.HDND}), "record a session's re-review")
        if not session.regular:
            raise errors.InvalidCommandError(
                f"{session.title} is a thematic session: recommendations are re-reviewed at "
                "regular sessions")
        if any(r.session_id == session.session_id for r in self.session_reviews):
            raise errors.IllegalTransitionError(f"it was re-reviewed at {session.title}")
        if not self.followed:
            raise errors.IllegalTransitionError("its follow-up ended: it was accepted")
        day = check_occurred(reviewed_on, day_in_vietnam(at), "reviewed_on", follows(
            self.issued_on, "the recommendation", "ngày ban hành kiến nghị"))
        self.trigger_event(ReviewedAtSession, timestamp=at, session_id=session.session_id,
                           session_title=session.title, reviewed_on=day,
                           conclusion=check_positive_text(conclusion, "conclusion"),
                           by=actor_ref(actor))

    def _check_answered(self, what: str, on: date, at: datetime) -> None:
        if self.status is not FollowUp.ANSWERED:
            raise errors.IllegalTransitionError(
                f"only an answered recommendation is {what}; this one is {self.status.value}")
        check_occurred(on, day_in_vietnam(at), f"{what}_on", follows(
            self.responses[-1].responded_on, "the answer", "ngày trả lời"))
