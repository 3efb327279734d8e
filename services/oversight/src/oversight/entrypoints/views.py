"""What the oversight API shows of its records."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from contracts.vocabulary import PolicyField
from oversight.domain.overlap import Overlap, OverlapResolution
from oversight.domain.programme import Programme, ProgrammeItem
from oversight.domain.values import SupervisingBody


class TopicPublic(BaseModel):
    """Một chuyên đề — one topic of a programme."""

    item_id: UUID
    topic: str
    field: PolicyField
    units: list[str]
    window_start: date
    window_end: date

    @classmethod
    def of(cls, item: ProgrammeItem) -> TopicPublic:
        return cls(item_id=item.item_id, topic=item.topic, field=item.field,
                   units=list(item.units), window_start=item.window.start,
                   window_end=item.window.end)


class ProgrammePublic(BaseModel):
    """Chương trình giám sát — a body's programme for a year."""

    id: UUID
    year: int
    body: SupervisingBody
    body_name: str
    adopted_on: date
    topics: list[TopicPublic]
    version: int

    @classmethod
    def of(cls, programme: Programme) -> ProgrammePublic:
        topics = sorted(programme.items.values(), key=lambda i: (i.window.start, i.topic))
        return cls(id=programme.id, year=programme.year, body=programme.body,
                   body_name=programme.body_name, adopted_on=programme.adopted_on,
                   topics=[TopicPublic.of(i) for i in topics], version=programme.version)


class PlannedTopicPublic(TopicPublic):
    programme_id: UUID
    body: SupervisingBody
    body_name: str

    @classmethod
    def of_record(cls, record: dict[str, Any]) -> PlannedTopicPublic:
        return cls.model_validate(record)


class OverlapPublic(BaseModel):
    """Trùng lặp giám sát — an HĐND topic and an MTTQ topic that would supervise twice."""

    id: UUID
    first: PlannedTopicPublic
    second: PlannedTopicPublic
    shared_units: list[str] = Field(description="Đơn vị trùng — units both would visit.")
    topic_similarity: float | None = Field(description="Độ giống của chuyên đề, nếu giống.")
    period_start: date
    period_end: date
    open: bool = Field(description="Chưa xử lý — not resolved yet.")
    resolution: OverlapResolution | None
    reason: str | None

    @classmethod
    def of(cls, overlap: Overlap) -> OverlapPublic:
        return cls(id=overlap.id, first=PlannedTopicPublic.of_record(overlap.first),
                   second=PlannedTopicPublic.of_record(overlap.second),
                   shared_units=overlap.shared_units, topic_similarity=overlap.topic_similarity,
                   period_start=overlap.period.start, period_end=overlap.period.end,
                   open=overlap.is_open, resolution=overlap.resolution, reason=overlap.reason)
