"""How sessions look over HTTP: a list row, the full record, and its parts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from contracts.vocabulary import Agency, PolicyField
from sessions.domain.session import Session
from sessions.domain.session_parts import (
    AgendaItem,
    Document,
    JointMeeting,
    Question,
    VoteResult,
)
from sessions.domain.values import DocumentKind, SessionKind, SessionStatus, ThematicCaller


class AgendaItemPublic(BaseModel):
    item_id: UUID
    title: str
    kind: DocumentKind
    prepared_by: Agency
    preparing_unit: str | None
    vetting_committee: str | None

    @classmethod
    def of(cls, item: AgendaItem) -> AgendaItemPublic:
        return cls(**item.as_record())


class JointMeetingPublic(BaseModel):
    """Họp liên tịch."""

    held_on: date
    attending: list[Agency]
    agreed_opening: date
    agreed_closing: date | None
    notes: str | None
    confirmed_by: list[Agency] = Field(description="Cơ quan đã xác nhận — who confirmed it.")

    @classmethod
    def of(cls, meeting: JointMeeting) -> JointMeetingPublic:
        return cls(held_on=meeting.held_on, attending=list(meeting.attending),
                   agreed_opening=meeting.agreed_opening, agreed_closing=meeting.agreed_closing,
                   notes=meeting.notes, confirmed_by=sorted(meeting.confirmed_by))


class VettingPublic(BaseModel):
    committee: str
    reported_on: date
    conclusion: str


class DocumentPublic(BaseModel):
    """Tài liệu kỳ họp, with its deadline (rulebook) and whether it was late."""

    document_id: UUID
    kind: DocumentKind
    title: str
    field: PolicyField | None
    submitted_by: Agency
    submitting_unit: str | None
    submitted_on: date
    due_on: date
    on_time: bool
    days_late: int
    agenda_item_id: UUID | None
    vetting: list[VettingPublic]

    @classmethod
    def of(cls, d: Document) -> DocumentPublic:
        return cls(
            document_id=d.document_id, kind=d.kind, title=d.title, field=d.field,
            submitted_by=d.submitted_by, submitting_unit=d.submitting_unit,
            submitted_on=d.submitted_on, due_on=d.due_on, on_time=d.on_time,
            days_late=d.days_late, agenda_item_id=d.agenda_item_id,
            vetting=[VettingPublic(committee=v.committee, reported_on=v.reported_on,
                                   conclusion=v.conclusion) for v in d.vetting],
        )


class QuestionPublic(BaseModel):
    """Chất vấn."""

    question_id: UUID
    deputy: str
    question: str
    official: str
    official_position: str
    asked_on: date
    answer: str | None
    answered_by: str | None
    answered_on: date | None
    follow_ups: list[str]

    @classmethod
    def of(cls, q: Question) -> QuestionPublic:
        return cls(question_id=q.question_id, deputy=q.deputy, question=q.text,
                   official=q.official, official_position=q.official_position,
                   asked_on=q.asked_on, answer=q.answer, answered_by=q.answered_by,
                   answered_on=q.answered_on, follow_ups=list(q.follow_ups))


class VotePublic(BaseModel):
    """Kết quả biểu quyết: passed only with yes > 1/2 of ALL deputies."""

    vote_id: UUID
    document_id: UUID
    passed: bool
    title: str
    field: PolicyField
    voted_on: date
    yes: int
    no: int
    abstain: int
    absent: int
    total_deputies: int
    number: str | None = Field(description="Số nghị quyết, when it passed.")
    resolution_id: UUID | None = Field(description="The resolution it adopted, if it passed.")
    rule_id: str
    legal_source: str

    @classmethod
    def of(cls, v: VoteResult) -> VotePublic:
        return cls(vote_id=v.vote_id, document_id=v.document_id, passed=v.passed,
                   title=v.title, field=v.field, voted_on=v.voted_on,
                   total_deputies=v.total_deputies, number=v.number,
                   resolution_id=v.resolution_id, rule_id=v.rule_id,
                   legal_source=v.legal_source, **v.counts.as_record())


class SessionSummaryPublic(BaseModel):
    """Một dòng danh sách kỳ họp — one row of the sessions list."""

    id: UUID
    number: int
    term: str
    title: str
    kind: SessionKind
    status: SessionStatus
    opening_on: date
    closing_on: date | None
    place: str
    total_deputies: int
    document_count: int
    late_document_count: int = Field(description="Nộp muộn — submitted after the deadline.")
    resolutions_passed: int
    drafts_rejected: int
    question_count: int
    version: int
    updated_at: datetime

    @classmethod
    def fields_of(cls, s: Session) -> dict[str, Any]:
        return {
            "id": s.id, "number": s.number, "term": s.term, "title": s.title, "kind": s.kind,
            "status": s.status, "opening_on": s.opening_on, "closing_on": s.closing_on,
            "place": s.place, "total_deputies": s.total_deputies,
            "document_count": len(s.documents),
            "late_document_count": sum(not d.on_time for d in s.documents.values()),
            "resolutions_passed": len(s.passed), "drafts_rejected": len(s.rejected),
            "question_count": len(s.questions), "version": s.version, "updated_at": s.modified_on,
        }

    @classmethod
    def of(cls, session: Session) -> SessionSummaryPublic:
        return cls(**cls.fields_of(session))


class SessionsPublic(BaseModel):
    count: int
    items: list[SessionSummaryPublic]


class SessionPublic(SessionSummaryPublic):
    """Kỳ họp — the whole record: preparation, documents, questioning, votes."""

    requested_by: ThematicCaller | None
    requesting_deputies: int | None
    agenda_requests: list[dict[str, Any]]
    proposals: list[AgendaItemPublic]
    joint_meeting: JointMeetingPublic | None
    agenda: list[AgendaItemPublic]
    documents: list[DocumentPublic]
    present: int | None
    absent_deputies: list[str]
    questions: list[QuestionPublic]
    votes: list[VotePublic]
    created_at: datetime

    @classmethod
    def of(cls, s: Session) -> SessionPublic:
        attendance = s.attendance
        return cls(
            **cls.fields_of(s), requested_by=s.requested_by,
            requesting_deputies=s.requesting_deputies,
            agenda_requests=[{"requested_from": r.requested_from.value, "due_on": r.due_on,
                              "note": r.note} for r in s.agenda_requests],
            proposals=[AgendaItemPublic.of(p) for p in s.proposals],
            joint_meeting=JointMeetingPublic.of(s.joint_meeting) if s.joint_meeting else None,
            agenda=[AgendaItemPublic.of(i) for i in s.agenda],
            documents=[DocumentPublic.of(d) for d in s.documents.values()],
            present=attendance.present if attendance else None,
            absent_deputies=list(attendance.absent_deputies) if attendance else [],
            questions=[QuestionPublic.of(q) for q in s.questions.values()],
            votes=[VotePublic.of(v) for v in s.votes.values()], created_at=s.created_on,
        )
