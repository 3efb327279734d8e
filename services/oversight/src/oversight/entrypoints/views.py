"""What the oversight API shows of its records."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from contracts.vocabulary import Agency, PolicyField
from oversight.domain.overlap import Overlap, OverlapResolution
from oversight.domain.programme import Programme, ProgrammeItem
from oversight.domain.recommendation import FollowUp, Outcome, Recommendation
from oversight.domain.supervision import Supervision
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


class ReportPublic(BaseModel):
    reported_on: date
    findings: str
    causes: str
    responsibility: str
    recommendation_ids: list[UUID]


class SupervisionPublic(BaseModel):
    """Đợt giám sát — a supervision and its report."""

    id: UUID
    programme_id: UUID
    item_id: UUID
    body: SupervisingBody
    body_name: str
    topic: str
    field: PolicyField
    members: list[str]
    started_on: date
    ended_on: date
    units_visited: list[str]
    report: ReportPublic | None
    version: int

    @classmethod
    def of(cls, s: Supervision) -> SupervisionPublic:
        report = None if s.report is None else ReportPublic(
            reported_on=s.report.reported_on, findings=s.report.findings,
            causes=s.report.causes, responsibility=s.report.responsibility,
            recommendation_ids=s.report.recommendation_ids)
        return cls(id=s.id, programme_id=s.programme_id, item_id=s.item_id, body=s.body,
                   body_name=s.body_name, topic=s.topic, field=s.field, members=s.members,
                   started_on=s.dates.start, ended_on=s.dates.end,
                   units_visited=s.units_visited, report=report, version=s.version)


class ResponsePublic(BaseModel):
    outcome: Outcome
    done: str
    responded_on: date


class RecommendationPublic(BaseModel):
    """Kiến nghị sau giám sát — and how far it has been followed."""

    id: UUID
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
    status: FollowUp = Field(description="open (chờ trả lời), answered, accepted.")
    overdue: bool = Field(description="Quá hạn — waiting past its due date, today.")
    responses: list[ResponsePublic]
    reopenings: int

    @classmethod
    def of(cls, r: Recommendation, today: date) -> RecommendationPublic:
        return cls(id=r.id, supervision_id=r.supervision_id, body=r.body,
                   body_name=r.body_name, topic=r.topic, addressee_agency=r.addressee_agency,
                   addressee_unit=r.addressee_unit, action=r.action, issued_on=r.issued_on,
                   due_on=r.due_on, rule_id=r.rule_id, legal_source=r.legal_source,
                   status=r.status, overdue=r.is_overdue(today),
                   responses=[ResponsePublic(outcome=x.outcome, done=x.done,
                                             responded_on=x.responded_on)
                              for x in r.responses], reopenings=r.reopenings)
