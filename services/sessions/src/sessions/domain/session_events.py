"""The stored events of a council Session, and how each changes it.

The aggregate triggers these classes directly, so their topics are
``sessions.domain.session_events:<Name>``: never rename or move them without
``register_topic``. Enum values are stored as plain strings and parts as plain records,
so a replayed event reads like a live one.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.vocabulary import Agency, PolicyField
from sessions.domain.session_parts import (
    AgendaItem,
    AgendaRequest,
    Attendance,
    Counts,
    Document,
    JointMeeting,
    Question,
    VettingReport,
    VoteResult,
)
from sessions.domain.values import DocumentKind, SessionKind, SessionStatus, ThematicCaller

if TYPE_CHECKING:
    from sessions.domain.session import Session


class Planned(Aggregate.Created):
    number: int
    term: str
    title: str
    kind: str
    planned_opening: date
    planned_closing: date | None
    place: str
    total_deputies: int
    requested_by: str | None
    requesting_deputies: int | None
    by: str

    def apply(self, session: Session) -> None:
        session.number, session.term, session.title = self.number, self.term, self.title
        session.kind, session.place = SessionKind(self.kind), self.place
        session.planned_opening = self.planned_opening
        session.planned_closing = self.planned_closing
        session.total_deputies = self.total_deputies
        session.requested_by = ThematicCaller(self.requested_by) if self.requested_by else None
        session.requesting_deputies = self.requesting_deputies
        session.status = SessionStatus.PLANNED
        session.agenda_requests, session.proposals, session.agenda = [], [], []
        session.joint_meeting, session.attendance, session.closed_on = None, None, None
        session.documents, session.questions, session.votes = {}, {}, {}


class AgendaItemsRequested(Aggregate.Event):
    requested_from: str
    due_on: date
    note: str | None
    by: str
    occurred_on: date | None = None  # None in stores from before the day was kept

    def apply(self, session: Session) -> None:
        request = AgendaRequest(Agency(self.requested_from), self.due_on, self.note)
        session.agenda_requests.append(request)


class AgendaItemProposed(Aggregate.Event):
    item: dict[str, Any]
    by: str
    occurred_on: date | None = None

    def apply(self, session: Session) -> None:
        session.proposals.append(AgendaItem.from_record(self.item))


class JointMeetingHeld(Aggregate.Event):
    held_on: date
    attending: list[str]
    agreed_opening: date
    agreed_closing: date | None
    agenda: list[dict[str, Any]]
    notes: str | None
    by: str
    occurred_field = "held_on"

    def apply(self, session: Session) -> None:
        session.joint_meeting = JointMeeting(
            self.held_on, tuple(Agency(a) for a in self.attending), self.agreed_opening,
            self.agreed_closing, self.notes,
        )
        session.agenda = [AgendaItem.from_record(item) for item in self.agenda]


class JointMeetingConfirmed(Aggregate.Event):
    agency: str
    by: str
    occurred_on: date | None = None

    def apply(self, session: Session) -> None:
        meeting = session.joint_meeting
        assert meeting is not None
        confirmed = meeting.confirmed_by | {Agency(self.agency)}
        session.joint_meeting = dataclasses.replace(meeting, confirmed_by=confirmed)


class DocumentSubmitted(Aggregate.Event):
    document_id: UUID
    kind: str
    title: str
    field: str | None
    submitted_by: str
    submitting_unit: str | None
    submitted_on: date
    due_on: date
    on_time: bool
    agenda_item_id: UUID | None
    rule_id: str
    legal_source: str
    by: str
    occurred_field = "submitted_on"

    def apply(self, session: Session) -> None:
        session.documents[self.document_id] = Document(
            self.document_id, DocumentKind(self.kind), self.title,
            PolicyField(self.field) if self.field else None, Agency(self.submitted_by),
            self.submitting_unit, self.submitted_on, self.due_on, self.agenda_item_id,
        )


class DocumentSubmittedLate(Aggregate.Event):
    """Follows DocumentSubmitted when the deadline was missed; the document already says so."""

    document_id: UUID
    title: str
    submitted_by: str
    submitted_on: date
    due_on: date
    days_late: int
    opening_on: date
    rule_id: str
    legal_source: str
    by: str
    occurred_field = "submitted_on"


class VettingReported(Aggregate.Event):
    document_id: UUID
    committee: str
    reported_on: date
    conclusion: str
    by: str
    occurred_field = "reported_on"

    def apply(self, session: Session) -> None:
        document = session.documents[self.document_id]
        report = VettingReport(self.committee, self.reported_on, self.conclusion)
        session.documents[self.document_id] = dataclasses.replace(
            document, vetting=(*document.vetting, report)
        )


class Convened(Aggregate.Event):
    opened_on: date
    total_deputies: int
    present: int
    absent_deputies: list[str]
    by: str
    occurred_field = "opened_on"

    def apply(self, session: Session) -> None:
        session.attendance = Attendance(
            self.opened_on, self.total_deputies, self.present, tuple(self.absent_deputies)
        )
        session.total_deputies = self.total_deputies
        session.status = SessionStatus.CONVENED


class QuestionAsked(Aggregate.Event):
    question_id: UUID
    deputy: str
    question: str
    official: str
    official_position: str
    asked_on: date
    by: str
    occurred_field = "asked_on"

    def apply(self, session: Session) -> None:
        session.questions[self.question_id] = Question(
            self.question_id, self.deputy, self.question, self.official,
            self.official_position, self.asked_on,
        )


class QuestionAnswered(Aggregate.Event):
    question_id: UUID
    official: str
    answer: str
    answered_on: date
    by: str
    occurred_field = "answered_on"

    def apply(self, session: Session) -> None:
        question = session.questions[self.question_id]
        session.questions[self.question_id] = dataclasses.replace(
            question, answer=self.answer, answered_by=self.official, answered_on=self.answered_on
        )


class QuestionFollowedUp(Aggregate.Event):
    question_id: UUID
    text: str
    by: str
    occurred_on: date | None = None

    def apply(self, session: Session) -> None:
        question = session.questions[self.question_id]
        session.questions[self.question_id] = dataclasses.replace(
            question, follow_ups=(*question.follow_ups, self.text)
        )


class _Voted(Aggregate.Event):
    vote_id: UUID
    document_id: UUID
    title: str
    field: str
    yes: int
    no: int
    abstain: int
    absent: int
    total_deputies: int
    rule_id: str
    legal_source: str
    by: str

    def _result(self, passed: bool, voted_on: date, number: str | None,
                resolution_id: UUID | None) -> VoteResult:
        return VoteResult(
            self.vote_id, self.document_id, passed, self.title, PolicyField(self.field),
            voted_on, Counts(self.yes, self.no, self.abstain, self.absent),
            self.total_deputies, self.rule_id, self.legal_source, number, resolution_id,
        )


class ResolutionPassed(_Voted):
    resolution_id: UUID
    number: str
    passed_on: date
    occurred_field = "passed_on"

    def apply(self, session: Session) -> None:
        result = self._result(True, self.passed_on, self.number, self.resolution_id)
        session.votes[self.vote_id] = result


class ResolutionRejected(_Voted):
    voted_on: date
    occurred_field = "voted_on"

    def apply(self, session: Session) -> None:
        session.votes[self.vote_id] = self._result(False, self.voted_on, None, None)


class Closed(Aggregate.Event):
    closed_on: date
    resolutions_passed: int
    drafts_rejected: int
    questions_asked: int
    by: str
    occurred_field = "closed_on"

    def apply(self, session: Session) -> None:
        session.closed_on = self.closed_on
        session.status = SessionStatus.CLOSED
