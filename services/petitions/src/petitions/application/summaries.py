"""What the petitions list shows and how it is asked: one summary row per petition, the
list's filters, a page of results; and the row's stored form (JSON through pydantic)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar
from uuid import UUID

from pydantic import TypeAdapter

from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
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
    field: PolicyField | None = None
    level: JurisdictionLevel | None = None
    commune: str | None = None
    overdue: bool | None = None
    text: str | None = None
    limit: int = 50
    offset: int = 0


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
