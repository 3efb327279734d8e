"""What the petitions and meetings lists show and how they are asked: one summary row per
petition or meeting, the lists' filters, a page of results; and the rows' stored form
(JSON through pydantic)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar
from uuid import UUID

from pydantic import TypeAdapter

from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from petitions.domain.meeting import VoterContactMeeting
from petitions.domain.petition import Petition
from petitions.domain.values import PetitionStatus

T = TypeVar("T")
HIDDEN_BY_DEFAULT = frozenset({PetitionStatus.CONSOLIDATED, PetitionStatus.WITHDRAWN})


@dataclass(frozen=True)
class PetitionSummary:
    """One row of the petitions list, copied out of the read model."""

    id: UUID
    text: str
    status: PetitionStatus
    communes: list[str]
    meeting_count: int
    source_count: int
    merged_into: UUID | None
    field: PolicyField | None
    level: JurisdictionLevel | None
    agency: Agency | None
    unit: str | None
    forwarded_on: date | None
    due_date: date | None
    answered_on: date | None
    published_on: date | None
    resolution: ResolutionStatus | None
    recorded_at: datetime
    updated_at: datetime
    version: int

    def is_overdue(self, today: date) -> bool:
        return (self.status == PetitionStatus.FORWARDED and self.due_date is not None
                and self.due_date < today)

    @classmethod
    def of(cls, petition: Petition) -> PetitionSummary:
        c, f, a, r = (petition.classification, petition.forwarding, petition.answer,
                      petition.resolution)
        return cls(
            id=petition.id, text=petition.text, status=petition.status,
            communes=petition.communes, meeting_count=len(petition.meeting_ids),
            source_count=len(petition.sources), merged_into=petition.merged_into,
            field=c.field if c else None, level=c.level if c else None,
            agency=c.agency if c else None, unit=c.unit if c else None,
            forwarded_on=f.forwarded_on if f else None,
            due_date=f.deadline.due_date if f else None,
            answered_on=a.answered_on if a else None, published_on=petition.published_on,
            resolution=r.status if r else None, recorded_at=petition.created_on,
            updated_at=petition.modified_on, version=petition.version,
        )


@dataclass(frozen=True)
class PetitionQuery:
    """Filters of the petitions list; ``None`` means any. Without a status, petitions
    merged into another or withdrawn are left out (their carrier is listed instead)."""

    status: PetitionStatus | None = None
    agency: Agency | None = None
    unit: str | None = None  # compared by kernel.text.identifier_key
    field: PolicyField | None = None
    level: JurisdictionLevel | None = None
    commune: str | None = None
    overdue: bool | None = None
    text: str | None = None
    recorded_from: datetime | None = None  # recorded at or after
    recorded_before: datetime | None = None  # recorded strictly before
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class Timeliness:
    """How one agency, or one of its units (``unit`` None: the agency's own petitions, or
    the agency as a whole), answered the petitions forwarded to it: answered on or before
    the due date, after it; and, now, still unanswered past it or within it."""

    agency: Agency
    unit: str | None
    on_time: int
    late: int
    overdue: int
    waiting: int

    @property
    def answered(self) -> int:
        return self.on_time + self.late

    def __add__(self, other: Timeliness) -> Timeliness:
        return Timeliness(self.agency, None, self.on_time + other.on_time,
                          self.late + other.late, self.overdue + other.overdue,
                          self.waiting + other.waiting)


@dataclass(frozen=True)
class AgencyTimeliness:
    """An agency's figures in all, and each of its units' (the agency's own first)."""

    total: Timeliness
    units: list[Timeliness]


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


_SUMMARY_JSON = TypeAdapter(PetitionSummary)


def summary_to_json(summary: PetitionSummary) -> str:
    return _SUMMARY_JSON.dump_json(summary).decode()


def summary_from_json(text: str) -> PetitionSummary:
    return _SUMMARY_JSON.validate_json(text)


@dataclass(frozen=True)
class MeetingSummary:
    """One row of the voter-contact meetings list, copied out of the read model; it has
    the attributes of the meeting that its public view reads."""

    id: UUID
    title: str
    scheduled_on: date
    place: str
    commune: str
    deputies: list[str]
    organised_by: Agency
    held_on: date | None
    attendance: int | None
    deputies_present: list[str]
    version: int
    modified_on: datetime  # the last event's time: the calendar feed's LAST-MODIFIED

    @property
    def is_held(self) -> bool:
        return self.held_on is not None

    @classmethod
    def of(cls, meeting: VoterContactMeeting) -> MeetingSummary:
        return cls(id=meeting.id, title=meeting.title, scheduled_on=meeting.scheduled_on,
                   place=meeting.place, commune=meeting.commune,
                   deputies=list(meeting.deputies), organised_by=meeting.organised_by,
                   held_on=meeting.held_on, attendance=meeting.attendance,
                   deputies_present=list(meeting.deputies_present), version=meeting.version,
                   modified_on=meeting.modified_on)


@dataclass(frozen=True)
class MeetingQuery:
    """Filters of the meetings list; ``None`` means any. ``commune`` is compared by
    ``kernel.text.identifier_key``; the dates bound the planned date, both included."""

    held: bool | None = None
    commune: str | None = None
    scheduled_from: date | None = None
    scheduled_to: date | None = None
    limit: int = 50
    offset: int = 0


_MEETING_JSON = TypeAdapter(MeetingSummary)


def meeting_to_json(meeting: MeetingSummary) -> str:
    return _MEETING_JSON.dump_json(meeting).decode()


def meeting_from_json(text: str) -> MeetingSummary:
    return _MEETING_JSON.validate_json(text)
