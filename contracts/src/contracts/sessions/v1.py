"""Sessions service, major version 1: council sessions (kỳ họp HĐND), their resolutions,
and the Standing Committee's work between sessions."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from contracts.base import IntegrationEvent
from contracts.vocabulary import Agency, PolicyField

SESSION_ID = Field(description="Id of the council session (kỳ họp HĐND).")
RESOLUTION_ID = Field(description="Id of the resolution (nghị quyết) the vote adopted.")
DOCUMENT_ID = Field(description="Id of the session document (tờ trình, báo cáo, dự thảo).")
RULE_ID = Field(description="Rulebook rule that decided it.")
LEGAL_SOURCE = Field(description="Legal source of that rule.")
YES = Field(ge=0, description="Deputies voting yes (tán thành).")
NO = Field(ge=0, description="Deputies voting no (không tán thành).")
ABSTAIN = Field(ge=0, description="Deputies present who did not vote either way.")
ABSENT = Field(ge=0, description="Deputies absent from the vote (vắng mặt).")
TOTAL = Field(ge=1, description="Total number of deputies of the council (tổng số đại biểu).")

SessionKind = Literal["regular", "thematic"]
DocumentKind = Literal["submission", "report", "scheme", "draft_resolution"]
ConfidenceOutcome = Literal["none", "may_resign", "dismissal_required"]


class _SessionsEvent(IntegrationEvent):
    service: ClassVar[str] = "sessions"


class SessionPlanned(_SessionsEvent):
    """A council session was planned: regular (thường lệ) or thematic (chuyên đề)."""

    session_id: UUID = SESSION_ID
    number: int = Field(ge=1, description="Its number in the term (kỳ họp thứ …).")
    term: str = Field(description="The council's term (khóa).", examples=["X, 2021–2026"])
    title: str = Field(description="Title of the session.", examples=["Kỳ họp thứ 12"])
    kind: SessionKind = Field(description="regular (thường lệ) or thematic (chuyên đề).")
    planned_opening: date = Field(description="Planned opening date (khai mạc).")
    planned_closing: date | None = Field(default=None, description="Planned closing date.")
    place: str = Field(description="Where it is held.")
    total_deputies: int = TOTAL
    requested_by: str | None = Field(
        default=None,
        description="Who called a thematic session: standing_committee, ubnd_chair or deputies.",
    )
    requesting_deputies: int | None = Field(
        default=None, description="How many deputies requested a thematic session, if they did."
    )


class AgendaItemsRequested(_SessionsEvent):
    """The Standing Committee asked UBND for the items it will submit to the session."""

    session_id: UUID = SESSION_ID
    requested_from: Agency = Field(description="Agency asked for items (normally ubnd).")
    due_on: date = Field(description="Date by which the items are expected.")
    note: str | None = Field(default=None, description="What is asked for.")


class AgendaItem(BaseModel):
    """One item of the agenda agreed at the joint meeting, and who prepares it."""

    model_config = ConfigDict(frozen=True)

    item_id: UUID = Field(description="Id of the agenda item.")
    title: str = Field(description="What the item is.")
    kind: DocumentKind = Field(description="The document that carries it.")
    prepared_by: Agency = Field(description="Agency that prepares it.")
    preparing_unit: str | None = Field(default=None, description="Department or unit.")
    vetting_committee: str | None = Field(
        default=None, description="HĐND committee (Ban) that vets it (thẩm tra)."
    )


class JointMeetingHeld(_SessionsEvent):
    """HĐND, UBND and MTTQ met (họp liên tịch) and agreed time, agenda and preparation."""

    session_id: UUID = SESSION_ID
    held_on: date = Field(description="Date of the joint meeting.")
    attending: list[Agency] = Field(description="Agencies that attended.")
    agreed_opening: date = Field(description="Opening date agreed.")
    agreed_closing: date | None = Field(default=None, description="Closing date agreed.")
    agenda: list[AgendaItem] = Field(description="The agreed agenda.")


class DocumentSubmitted(_SessionsEvent):
    """A document for the session was submitted (trình): tờ trình, báo cáo, đề án, dự thảo."""

    session_id: UUID = SESSION_ID
    document_id: UUID = DOCUMENT_ID
    kind: DocumentKind = Field(description="What kind of document it is.")
    title: str = Field(description="Its title.")
    field: PolicyField | None = Field(default=None, description="Field (lĩnh vực), if any.")
    submitted_by: Agency = Field(description="Submitting agency.")
    submitting_unit: str | None = Field(default=None, description="Submitting unit.")
    submitted_on: date = Field(description="Date it was submitted.")
    due_on: date = Field(description="Last day to reach deputies before the opening.")
    on_time: bool = Field(description="Submitted on or before the due date.")
    rule_id: str = RULE_ID
    legal_source: str = LEGAL_SOURCE


class DocumentSubmittedLate(_SessionsEvent):
    """A document missed the rulebook's deadline before the opening (nộp muộn)."""

    session_id: UUID = SESSION_ID
    document_id: UUID = DOCUMENT_ID
    title: str = Field(description="Its title.")
    submitted_by: Agency = Field(description="Submitting agency.")
    submitted_on: date = Field(description="Date it was submitted.")
    due_on: date = Field(description="Date it was due.")
    days_late: int = Field(ge=1, description="Days after the due date.")
    opening_on: date = Field(description="Opening date of the session.")
    rule_id: str = RULE_ID
    legal_source: str = LEGAL_SOURCE


class VettingReported(_SessionsEvent):
    """An HĐND committee reported on a document it vetted (báo cáo thẩm tra)."""

    session_id: UUID = SESSION_ID
    document_id: UUID = DOCUMENT_ID
    committee: str = Field(description="The committee (Ban).", examples=["Ban Pháp chế"])
    reported_on: date = Field(description="Date of the report.")
    conclusion: str = Field(description="What the committee concluded.")


class SessionConvened(_SessionsEvent):
    """The session opened (khai mạc) with its attendance."""

    session_id: UUID = SESSION_ID
    opened_on: date = Field(description="Opening date.")
    total_deputies: int = TOTAL
    present: int = Field(ge=0, description="Deputies present at the opening.")
    absent_deputies: list[str] = Field(description="Names of absent deputies, if recorded.")


class QuestionAsked(_SessionsEvent):
    """A deputy questioned an official (chất vấn)."""

    session_id: UUID = SESSION_ID
    question_id: UUID = Field(description="Id of the question.")
    deputy: str = Field(description="Deputy who asked.")
    question: str = Field(description="The question.")
    official: str = Field(description="Official questioned.")
    official_position: str = Field(description="Position of that official.")
    asked_on: date = Field(description="Date asked.")


class QuestionAnswered(_SessionsEvent):
    """The official questioned answered (trả lời chất vấn)."""

    session_id: UUID = SESSION_ID
    question_id: UUID = Field(description="Id of the question.")
    official: str = Field(description="Official who answered.")
    answer: str = Field(description="The answer.")
    answered_on: date = Field(description="Date answered.")


class ResolutionPassed(_SessionsEvent):
    """A draft resolution was adopted: more than half of ALL deputies voted yes."""

    session_id: UUID = SESSION_ID
    resolution_id: UUID = RESOLUTION_ID
    document_id: UUID = DOCUMENT_ID
    number: str = Field(description="Resolution number.", examples=["15/2025/NQ-HĐND"])
    title: str = Field(description="Title of the resolution.")
    field: PolicyField = Field(description="Field (lĩnh vực).")
    passed_on: date = Field(description="Date of the vote.")
    yes: int = YES
    no: int = NO
    abstain: int = ABSTAIN
    absent: int = ABSENT
    total_deputies: int = TOTAL
    rule_id: str = RULE_ID
    legal_source: str = LEGAL_SOURCE


class ResolutionRejected(_SessionsEvent):
    """A draft resolution failed: half or fewer of all deputies voted yes."""

    session_id: UUID = SESSION_ID
    document_id: UUID = DOCUMENT_ID
    title: str = Field(description="Title of the draft.")
    field: PolicyField = Field(description="Field (lĩnh vực).")
    voted_on: date = Field(description="Date of the vote.")
    yes: int = YES
    no: int = NO
    abstain: int = ABSTAIN
    absent: int = ABSENT
    total_deputies: int = TOTAL
    rule_id: str = RULE_ID
    legal_source: str = LEGAL_SOURCE


class SessionClosed(_SessionsEvent):
    """The session closed (bế mạc)."""

    session_id: UUID = SESSION_ID
    closed_on: date = Field(description="Closing date.")
    resolutions_passed: int = Field(ge=0, description="Resolutions adopted at it.")
    drafts_rejected: int = Field(ge=0, description="Drafts voted down at it.")
    questions_asked: int = Field(ge=0, description="Questions put to officials at it.")


class ResolutionGuidanceIssued(_SessionsEvent):
    """UBND issued guidance to implement a resolution; the lag from passing is tracked."""

    resolution_id: UUID = RESOLUTION_ID
    resolution_number: str = Field(description="Number of the resolution.")
    guidance_number: str = Field(description="Number of the guidance document.")
    guidance_title: str = Field(description="Title of the guidance document.")
    issued_on: date = Field(description="Date the guidance was issued.")
    issued_by: Agency = Field(description="Issuing agency (normally ubnd).")
    issuing_unit: str | None = Field(default=None, description="Issuing department or unit.")
    passed_on: date = Field(description="Date the resolution was passed.")
    lag_days: int = Field(ge=0, description="Days from passing to this guidance.")
    first: bool = Field(description="True for the resolution's first guidance.")


class ResolutionDeploymentConferenceHeld(_SessionsEvent):
    """UBND held a conference to deploy a resolution (hội nghị triển khai)."""

    resolution_id: UUID = RESOLUTION_ID
    resolution_number: str = Field(description="Number of the resolution.")
    held_on: date = Field(description="Date of the conference.")
    place: str = Field(description="Where it was held.")
    lag_days: int = Field(ge=0, description="Days from passing to the conference.")


class ExplanationSessionHeld(_SessionsEvent):
    """The Standing Committee held an explanation session (phiên giải trình)."""

    explanation_id: UUID = Field(description="Id of the explanation session.")
    topic: str = Field(description="The matter explained.")
    field: PolicyField = Field(description="Field (lĩnh vực).")
    held_on: date = Field(description="Date held.")
    explaining: list[str] = Field(description="Agencies or officials who explained.")
    conclusions: str = Field(description="The Standing Committee's conclusions.")
    commitments: list[str] = Field(description="What those explaining committed to.")


class BetweenSessionMatterDecided(_SessionsEvent):
    """The Standing Committee decided a matter arising between sessions."""

    matter_id: UUID = Field(description="Id of the matter.")
    title: str = Field(description="The matter.")
    field: PolicyField = Field(description="Field (lĩnh vực).")
    decided_on: date = Field(description="Date decided.")
    decision_number: str = Field(description="Number of the decision document.")
    summary: str = Field(description="What was decided.")


class BetweenSessionMatterReported(_SessionsEvent):
    """A matter decided between sessions was reported to the next session."""

    matter_id: UUID = Field(description="Id of the matter.")
    session_id: UUID = SESSION_ID
    reported_on: date = Field(description="Date reported.")


class ConfidenceRated(_SessionsEvent):
    """The council rated confidence in an official it elected (lấy phiếu tín nhiệm)."""

    rating_id: UUID = Field(description="Id of the rating.")
    session_id: UUID = SESSION_ID
    official: str = Field(description="Official rated.")
    position: str = Field(description="That official's position.")
    rated_on: date = Field(description="Date of the rating.")
    high: int = Field(ge=0, description="Ballots of high confidence (tín nhiệm cao).")
    confidence: int = Field(ge=0, description="Ballots of confidence (tín nhiệm).")
    low: int = Field(ge=0, description="Ballots of low confidence (tín nhiệm thấp).")
    total_deputies: int = TOTAL
    outcome: ConfidenceOutcome = Field(
        description="none; may_resign (> 1/2 low: may resign or faces a confidence vote); "
        "dismissal_required (≥ 2/3 low: dismissal must be proposed)."
    )
    rule_id: str | None = Field(default=None, description="Rule that set the outcome, if any.")
    legal_source: str | None = Field(default=None, description="Legal source of that rule.")


class ConfidenceVoteHeld(_SessionsEvent):
    """A confidence vote (bỏ phiếu tín nhiệm) followed a low rating."""

    rating_id: UUID = Field(description="Id of the rating that led to it.")
    official: str = Field(description="Official voted on.")
    voted_on: date = Field(description="Date of the vote.")
    no_confidence: int = Field(ge=0, description="Ballots of no confidence.")
    total_deputies: int = TOTAL
    failed: bool = Field(description="True when more than half of all deputies said no.")
    rule_id: str = RULE_ID
    legal_source: str = LEGAL_SOURCE


class OfficialResigned(_SessionsEvent):
    """An official resigned (xin từ chức) after a low confidence rating."""

    rating_id: UUID = Field(description="Id of the rating.")
    official: str = Field(description="Official who resigned.")
    resigned_on: date = Field(description="Date of the resignation.")


class MeetingScheduled(_SessionsEvent):
    """A meeting of the Standing Committee, a committee or UBND entered the calendar."""

    entry_id: UUID = Field(description="Id of the calendar entry.")
    organiser_kind: Literal["standing_committee", "committee", "ubnd"] = Field(
        description="Kind of body that holds it."
    )
    organiser: str = Field(description="The body.", examples=["Ban Kinh tế - Ngân sách"])
    title: str = Field(description="What the meeting is.")
    starts_at: datetime = Field(description="Start.")
    ends_at: datetime = Field(description="End.")
    place: str = Field(description="Where.")
    participants: list[str] = Field(description="People expected to attend.")


class MeetingCancelled(_SessionsEvent):
    """A meeting was taken off the calendar; clashes it was part of are resolved."""

    entry_id: UUID = Field(description="Id of the calendar entry.")
    reason: str = Field(description="Why it was cancelled.")


class CalendarClashDetected(_SessionsEvent):
    """A new meeting overlaps another of the same body or sharing participants."""

    entry_id: UUID = Field(description="The entry that caused the clash.")
    other_entry_id: UUID = Field(description="The entry it clashes with.")
    organiser: str = Field(description="Body holding the new entry.")
    other_organiser: str = Field(description="Body holding the other entry.")
    overlap_start: datetime = Field(description="Start of the overlap.")
    overlap_end: datetime = Field(description="End of the overlap.")
    same_body: bool = Field(description="Both meetings are held by the same body.")
    shared_participants: list[str] = Field(description="People booked for both.")
