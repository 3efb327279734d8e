"""Bodies of the commands the sessions API accepts: each a ``RequestBody`` (unknown fields
refused, strings bounded and in NFC, no control characters; ``LongText`` keeps newlines)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import Field

from chassis.web.date_types import Day, Instant, OccurredOn
from chassis.web.request_body import Paragraphs, RequestBody
from contracts.vocabulary import Agency, PolicyField
from sessions.domain.values import DocumentKind, OrganiserKind, SessionKind, ThematicCaller

Text = Annotated[str, Field(min_length=1, max_length=500)]
LongText = Annotated[Paragraphs, Field(max_length=20_000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Count = Annotated[int, Field(ge=0, le=10_000)]
Names = Annotated[list[Name], Field(max_length=500)]


class Command(RequestBody):
    """A command's body."""


class SessionCreate(Command):
    """Lập kế hoạch kỳ họp — plan a session (a thematic one needs who called it)."""

    number: int = Field(ge=1, le=1000, description="Kỳ họp thứ — number in the term.")
    term: Name = Field(description="Khóa — the council's term.", examples=["X, 2021–2026"])
    title: Text = Field(description="Tên kỳ họp — title.")
    kind: SessionKind = Field(description="Thường lệ / chuyên đề — regular or thematic.")
    planned_opening: Day = Field(description="Ngày khai mạc dự kiến — planned opening.")
    planned_closing: Day | None = Field(default=None, description="Ngày bế mạc dự kiến.")
    place: Text = Field(description="Địa điểm — place.")
    total_deputies: int = Field(ge=1, le=1000, description="Tổng số đại biểu — all deputies.")
    requested_by: ThematicCaller | None = Field(
        default=None, description="Ai đề nghị kỳ họp chuyên đề — who called a thematic one.")
    requesting_deputies: Count | None = Field(
        default=None, description="Số đại biểu đề nghị — deputies who asked for it.")


class AgendaRequestCreate(Command):
    due_on: Day = Field(description="Hạn gửi nội dung — items expected by.")
    note: LongText | None = Field(default=None, description="Nội dung đề nghị — what is asked.")
    occurred_on: OccurredOn = None


class AgendaProposalCreate(Command):
    title: Text
    kind: DocumentKind
    vetting_committee: Name | None = Field(default=None, description="Ban thẩm tra.")
    occurred_on: OccurredOn = None


class AgendaItemCreate(Command):
    title: Text
    kind: DocumentKind
    prepared_by: Agency = Field(description="Cơ quan chuẩn bị — agency preparing it.")
    preparing_unit: Name | None = None
    vetting_committee: Name | None = None


class JointMeetingCreate(Command):
    """Họp liên tịch — the joint meeting of HĐND, UBND and MTTQ."""

    held_on: Day
    attending: list[Agency] = Field(min_length=1, max_length=4)
    agreed_opening: Day
    agreed_closing: Day | None = None
    agenda: list[AgendaItemCreate] = Field(min_length=1, max_length=200)
    notes: LongText | None = None


class DocumentCreate(Command):
    """Trình tài liệu — submit a tờ trình, báo cáo, đề án or dự thảo nghị quyết."""

    kind: DocumentKind
    title: Text
    field: PolicyField | None = Field(default=None, description="Lĩnh vực (required for drafts).")
    agenda_item_id: UUID | None = None
    submitted_on: OccurredOn = None


class VettingReportCreate(Command):
    document_id: UUID
    committee: Name = Field(examples=["Ban Pháp chế"])
    conclusion: LongText
    reported_on: OccurredOn = None


class ConveneCommand(Command):
    present: Count = Field(description="Số đại biểu có mặt — deputies present.")
    absent_deputies: Names = Field(default_factory=list, description="Đại biểu vắng mặt.")
    total_deputies: int | None = Field(default=None, ge=1, le=1000)
    opened_on: OccurredOn = None


class QuestionCreate(Command):
    deputy: Name
    question: LongText
    official: Name
    official_position: Name
    asked_on: OccurredOn = None


class AnswerCreate(Command):
    answer: LongText
    official: Name | None = Field(default=None, description="Defaults to the one questioned.")
    answered_on: OccurredOn = None


class FollowUpCreate(Command):
    text: LongText
    occurred_on: OccurredOn = None


class JointMeetingConfirm(Command):
    """Xác nhận biên bản họp liên tịch — UBND or MTTQ confirms the agreed record."""

    occurred_on: OccurredOn = None


class VoteCreate(Command):
    """Biểu quyết — yes, no, abstain and absent add up to all deputies."""

    document_id: UUID = Field(description="The draft resolution voted on.")
    yes: Count
    no: Count
    abstain: Count
    absent: Count
    number: Name | None = Field(default=None, description="Số nghị quyết, needed if it passes.")
    title: Text | None = Field(default=None, description="Title if other than the draft's.")
    voted_on: OccurredOn = None


class CloseCommand(Command):
    closed_on: OccurredOn = None


class GuidanceCreate(Command):
    number: Name = Field(examples=["2345/UBND-KT"])
    title: Text
    issued_on: OccurredOn = None


class ConferenceCreate(Command):
    place: Text
    held_on: OccurredOn = None


class ExplanationCreate(Command):
    topic: Text
    field: PolicyField
    scheduled_on: Day
    explaining: Names = Field(min_length=1)


class ExplanationHeldCreate(Command):
    conclusions: LongText
    commitments: list[Text] = Field(default_factory=list, max_length=200)
    held_on: OccurredOn = None


class MatterCreate(Command):
    title: Text
    field: PolicyField
    decision_number: Name
    summary: LongText
    decided_on: OccurredOn = None


class MatterReportCreate(Command):
    session_id: UUID
    reported_on: OccurredOn = None


class RatingCreate(Command):
    """Lấy phiếu tín nhiệm — ballots of high, confidence and low."""

    session_id: UUID
    official: Name
    position: Name
    high: Count
    confidence: Count
    low: Count
    total_deputies: int | None = Field(default=None, ge=1, le=1000)
    rated_on: OccurredOn = None


class ConfidenceVoteCreate(Command):
    no_confidence: Count
    total_deputies: int | None = Field(default=None, ge=1, le=1000)
    voted_on: OccurredOn = None


class ResignationCreate(Command):
    resigned_on: OccurredOn = None


class MeetingCreate(Command):
    """Đăng ký lịch họp — a meeting of the Standing Committee, a committee or UBND."""

    organiser_kind: OrganiserKind
    organiser: Name = Field(examples=["Ban Kinh tế - Ngân sách"])
    title: Text
    starts_at: Instant
    ends_at: Instant
    place: Text
    participants: Names = Field(default_factory=list)


class MeetingCancel(Command):
    reason: Text
