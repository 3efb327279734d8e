"""How resolutions, explanation sessions, between-session matters, confidence ratings,
calendar entries and event histories look over HTTP."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, Field

from contracts.vocabulary import Agency, PolicyField
from sessions.application import ClashView, GuidanceLag
from sessions.domain.calendar import CalendarEntry, Clash
from sessions.domain.confidence import ConfidenceRating
from sessions.domain.council import BetweenSessionMatter, ExplanationSession
from sessions.domain.resolution import Resolution
from sessions.domain.values import ConfidenceOutcome, OrganiserKind


class GuidancePublic(BaseModel):
    guidance_id: UUID
    number: str
    title: str
    issued_on: date
    issued_by: Agency
    issuing_unit: str | None
    lag_days: int


class ResolutionPublic(BaseModel):
    """Nghị quyết — with UBND's guidance and the lag from passing to it (seed 000)."""

    id: UUID
    session_id: UUID
    vote_id: UUID
    document_id: UUID
    number: str
    title: str
    field: PolicyField
    passed_on: date
    yes: int
    no: int
    abstain: int
    absent: int
    total_deputies: int
    guidance: list[GuidancePublic]
    first_guidance_on: date | None
    guidance_lag_days: int | None = Field(description="Passing to first guidance, in days.")
    days_waiting: int | None = Field(description="Days without guidance so far, if none yet.")
    conference_held_on: date | None
    conference_place: str | None
    version: int

    @classmethod
    def of(cls, r: Resolution, today: date) -> ResolutionPublic:
        conference = r.conference
        return cls(
            id=r.id, session_id=r.session_id, vote_id=r.vote_id, document_id=r.document_id,
            number=r.number, title=r.title, field=r.field, passed_on=r.passed_on,
            total_deputies=r.total_deputies, **r.counts.as_record(),
            guidance=[GuidancePublic(**vars(g)) for g in r.guidance],
            first_guidance_on=r.first_guidance_on, guidance_lag_days=r.guidance_lag_days,
            days_waiting=r.days_waiting(today),
            conference_held_on=conference.held_on if conference else None,
            conference_place=conference.place if conference else None, version=r.version,
        )


class ResolutionsPublic(BaseModel):
    count: int
    items: list[ResolutionPublic]


class GuidanceLagPublic(BaseModel):
    """Độ trễ ban hành văn bản hướng dẫn — how long resolutions waited for guidance."""

    as_of: date
    resolutions: int
    guided: int
    awaiting: int
    average_lag_days: float | None
    median_lag_days: float | None
    max_lag_days: int | None
    longest_waiting_days: int | None

    @classmethod
    def of(cls, lag: GuidanceLag) -> GuidanceLagPublic:
        return cls(**vars(lag))


class ExplanationPublic(BaseModel):
    """Phiên giải trình của Thường trực HĐND."""

    id: UUID
    topic: str
    field: PolicyField
    scheduled_on: date
    explaining: list[str]
    held_on: date | None
    conclusions: str | None
    commitments: list[str]
    version: int

    @classmethod
    def of(cls, e: ExplanationSession) -> ExplanationPublic:
        return cls(id=e.id, topic=e.topic, field=e.field, scheduled_on=e.scheduled_on,
                   explaining=e.explaining, held_on=e.held_on, conclusions=e.conclusions,
                   commitments=e.commitments, version=e.version)


class MatterPublic(BaseModel):
    """Vấn đề phát sinh giữa hai kỳ họp."""

    id: UUID
    title: str
    field: PolicyField
    decided_on: date
    decision_number: str
    summary: str
    reported_to: UUID | None
    reported_on: date | None
    version: int

    @classmethod
    def of(cls, m: BetweenSessionMatter) -> MatterPublic:
        return cls(id=m.id, title=m.title, field=m.field, decided_on=m.decided_on,
                   decision_number=m.decision_number, summary=m.summary,
                   reported_to=m.reported_to, reported_on=m.reported_on, version=m.version)


class RatingPublic(BaseModel):
    """Lấy phiếu tín nhiệm (NQ 96/2023/QH15)."""

    id: UUID
    session_id: UUID
    official: str
    position: str
    rated_on: date
    high: int
    confidence: int
    low: int
    total_deputies: int
    outcome: ConfidenceOutcome
    rule_id: str | None
    vote_failed: bool | None
    resigned_on: date | None
    version: int

    @classmethod
    def of(cls, r: ConfidenceRating) -> RatingPublic:
        return cls(id=r.id, session_id=r.session_id, official=r.official, position=r.position,
                   rated_on=r.rated_on, high=r.high, confidence=r.confidence, low=r.low,
                   total_deputies=r.total_deputies, outcome=r.outcome, rule_id=r.rule_id,
                   vote_failed=r.vote_failed, resigned_on=r.resigned_on, version=r.version)


class ClashPublic(BaseModel):
    """Trùng lịch — two meetings overlap and share their body or participants."""

    entry_id: UUID
    other_entry_id: UUID
    organiser: str
    other_organiser: str
    overlap_start: datetime
    overlap_end: datetime
    same_body: bool
    shared_participants: list[str]
    active: bool

    @classmethod
    def of(cls, entry: CalendarEntry, clash: Clash, active: bool) -> ClashPublic:
        return cls(entry_id=entry.id, other_entry_id=clash.other_entry_id,
                   organiser=entry.organiser, other_organiser=clash.other_organiser,
                   overlap_start=clash.overlap_start, overlap_end=clash.overlap_end,
                   same_body=clash.same_body, shared_participants=list(clash.shared_participants),
                   active=active)

    @classmethod
    def of_view(cls, view: ClashView) -> ClashPublic:
        return cls.of(view.entry, view.clash, view.active)


class CalendarEntryPublic(BaseModel):
    """Lịch họp — one meeting and the clashes it is part of."""

    id: UUID
    organiser_kind: OrganiserKind
    organiser: str
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    participants: list[str]
    cancelled_reason: str | None
    clashes: list[ClashPublic]
    version: int

    @classmethod
    def of(cls, e: CalendarEntry, is_active: Callable[[UUID], bool]) -> CalendarEntryPublic:
        """``is_active`` tells whether another entry still stands (a clash is then active)."""
        clashes = [ClashPublic.of(e, c, e.is_active and is_active(c.other_entry_id))
                   for c in e.clashes]
        return cls(id=e.id, organiser_kind=e.organiser_kind, organiser=e.organiser,
                   title=e.title, starts_at=e.starts_at, ends_at=e.ends_at, place=e.place,
                   participants=e.participants, cancelled_reason=e.cancelled_reason,
                   clashes=clashes, version=e.version)


