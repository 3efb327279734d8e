"""HTTP response bodies of the petitions API (``XPublic``) and how they are made."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, Field

from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from kernel.actor import Actor
from kernel.rulebook import Rule
from petitions.application.summaries import (
    AgencyTimeliness,
    MeetingSummary,
    Page,
    PetitionSummary,
    Timeliness,
)
from petitions.domain.meeting import VoterContactMeeting
from petitions.domain.petition import Petition
from petitions.domain.values import PetitionStatus


class MeetingPublic(BaseModel):
    """Hội nghị tiếp xúc cử tri — a voter-contact meeting."""

    id: UUID
    title: str = Field(description="Tên hội nghị — title.")
    scheduled_on: date = Field(description="Ngày dự kiến — planned date.")
    place: str = Field(description="Địa điểm — place.")
    commune: str = Field(description="Xã, phường — commune.")
    deputies: list[str] = Field(description="Đại biểu — deputies planned.")
    organised_by: Agency = Field(description="Cơ quan tổ chức — organising agency.")
    held: bool = Field(description="Đã tổ chức — held.")
    held_on: date | None = Field(description="Ngày tổ chức — date held.")
    attendance: int | None = Field(description="Số cử tri dự — voters attending.")
    deputies_present: list[str] = Field(description="Đại biểu có mặt — deputies present.")
    version: int

    @classmethod
    def of(cls, m: VoterContactMeeting | MeetingSummary) -> MeetingPublic:
        return cls(id=m.id, title=m.title, scheduled_on=m.scheduled_on, place=m.place,
                   commune=m.commune, deputies=m.deputies, organised_by=m.organised_by,
                   held=m.is_held, held_on=m.held_on, attendance=m.attendance,
                   deputies_present=m.deputies_present, version=m.version)


class MeetingsPublic(BaseModel):
    """Danh sách hội nghị TXCT — a page of meetings, the latest planned date first."""

    items: list[MeetingPublic]
    total: int = Field(description="Tổng số kết quả — matches in all pages.")
    limit: int
    offset: int

    @classmethod
    def of(cls, page: Page[MeetingSummary]) -> MeetingsPublic:
        return cls(items=[MeetingPublic.of(row) for row in page.items], total=page.total,
                   limit=page.limit, offset=page.offset)


class SourcePublic(BaseModel):
    petition_id: UUID = Field(description="Kiến nghị gốc — original petition.")
    meeting_id: UUID | None = Field(description="Hội nghị TXCT — meeting it was raised at.")
    commune: str = Field(description="Xã, phường — commune that raised it.")


class ClassificationPublic(BaseModel):
    field: PolicyField = Field(description="Lĩnh vực — field.")
    level: JurisdictionLevel = Field(description="Cấp có thẩm quyền — level.")
    agency: Agency = Field(description="Cơ quan có thẩm quyền — competent agency.")
    unit: str | None = Field(description="Sở, ngành — unit.")
    committee: str | None = Field(description="Ban HĐND theo dõi — committee.")


class ForwardingPublic(BaseModel):
    to_agency: Agency = Field(description="Chuyển đến cơ quan — forwarded to.")
    to_unit: str | None = Field(description="Sở, ngành — unit.")
    forwarded_on: date = Field(description="Ngày chuyển — forwarded on.")
    due_date: date = Field(description="Hạn trả lời — answer due by.")
    rule_id: str = Field(description="Quy tắc tính hạn — rulebook rule.")
    legal_source: str = Field(description="Căn cứ pháp lý — legal source of the rule.")
    reforward_count: int = Field(description="Số lần chuyển lại — times re-forwarded.")
    reason: str | None = Field(description="Lý do chuyển lại gần nhất — last re-forward reason.")


class AnswerPublic(BaseModel):
    agency: Agency = Field(description="Cơ quan trả lời — answering agency.")
    unit: str | None = Field(description="Sở, ngành trả lời — answering unit.")
    text: str = Field(description="Nội dung trả lời — answer.")
    answered_on: date = Field(description="Ngày trả lời — answered on.")
    on_time: bool = Field(description="Đúng hạn — answered by the due date.")


class ResolutionPublic(BaseModel):
    status: ResolutionStatus = Field(description="Tình trạng giải quyết — resolution status.")
    roadmap_date: date | None = Field(description="Lộ trình — roadmap date.")
    note: str | None = Field(description="Ghi chú — note.")
    updated_on: date = Field(description="Ngày cập nhật — updated on.")


class PetitionPublic(BaseModel):
    """Kiến nghị cử tri — a petition and where it stands."""

    id: UUID
    status: PetitionStatus = Field(description="Trạng thái — where it stands.")
    text: str = Field(description="Nội dung — wording.")
    channel: str | None = Field(description="Kênh tiếp nhận — channel (none if consolidated).")
    deputy: str | None = Field(description="Đại biểu tiếp nhận — deputy.")
    communes: list[str] = Field(description="Các xã, phường đã nêu — communes that raised it.")
    sources: list[SourcePublic] = Field(description="Nguồn — every original petition.")
    meeting_count: int = Field(description="Số hội nghị đã nêu — meetings that raised it.")
    commune_count: int = Field(description="Số xã, phường đã nêu — communes that raised it.")
    merged_petition_ids: list[UUID] = Field(description="Kiến nghị đã gộp vào — merged ones.")
    merged_into: UUID | None = Field(description="Đã gộp vào — merged into this petition.")
    current_id: UUID = Field(description="Kiến nghị đang mang nội dung này — carrier now "
                             "(itself, or the end of the merged_into chain).")
    withdrawn_reason: str | None = Field(description="Lý do tách — why it was split.")
    classification: ClassificationPublic | None
    forwarding: ForwardingPublic | None
    answer: AnswerPublic | None = Field(
        description="Trả lời — the answer: public once MTTQ publishes it; before, shown only "
        "to the agencies concerned (null to others, while the status says answered).")
    published_on: date | None = Field(description="Ngày thông báo — answer published on.")
    resolution: ResolutionPublic | None
    overdue: bool = Field(description="Quá hạn — past its due date without an answer.")
    received_on: date = Field(description="Ngày tiếp nhận — the day it was received (or "
                              "consolidated), which may be before it was recorded.")
    recorded_at: datetime = Field(description="Thời điểm ghi nhận — recorded at.")
    updated_at: datetime = Field(description="Cập nhật lần cuối — last change.")
    version: int

    @classmethod
    def of(cls, p: Petition, *, today: date, current_id: UUID | None = None,
           reader: Actor | None = None) -> PetitionPublic:
        """``reader``: who asks (None: the public), for what the petition shows them."""
        c, f, r = p.classification, p.forwarding, p.resolution
        a = p.answer if p.answer_readable_by(reader) else None
        return cls(
            id=p.id, status=p.status, text=p.text, channel=p.channel, deputy=p.deputy,
            communes=p.communes, sources=[SourcePublic(**vars(s)) for s in p.sources],
            meeting_count=len(p.meeting_ids), commune_count=len(p.communes),
            merged_petition_ids=p.merged_petition_ids, merged_into=p.merged_into,
            current_id=current_id or p.id, withdrawn_reason=p.withdrawn_reason,
            classification=ClassificationPublic(field=c.field, level=c.level, agency=c.agency,
                                                unit=c.unit, committee=c.committee) if c else None,
            forwarding=ForwardingPublic(
                to_agency=f.to_agency, to_unit=f.to_unit, forwarded_on=f.forwarded_on,
                due_date=f.deadline.due_date, rule_id=f.deadline.rule_id,
                legal_source=f.deadline.legal_source, reforward_count=p.reforward_count,
                reason=f.reason) if f else None,
            answer=AnswerPublic(agency=a.agency, unit=a.unit, text=a.text,
                                answered_on=a.answered_on, on_time=a.on_time) if a else None,
            published_on=p.published_on,
            resolution=ResolutionPublic(status=r.status, roadmap_date=r.roadmap_date,
                                        note=r.note, updated_on=r.updated_on) if r else None,
            overdue=p.is_overdue(today), received_on=p.received_on, recorded_at=p.created_on,
            updated_at=p.modified_on,
            version=p.version,
        )


class PetitionSummaryPublic(BaseModel):
    """Một dòng danh sách kiến nghị — one row of the petitions list."""

    id: UUID
    text: str
    status: PetitionStatus
    communes: list[str]
    meeting_count: int
    source_count: int = Field(description="Số kiến nghị gốc — original petitions behind it.")
    merged_into: UUID | None
    field: PolicyField | None
    level: JurisdictionLevel | None
    agency: Agency | None = Field(description="Cơ quan có thẩm quyền — competent agency.")
    unit: str | None
    forwarded_on: date | None
    due_date: date | None = Field(description="Hạn trả lời — answer due by.")
    overdue: bool = Field(description="Quá hạn — past its due date without an answer.")
    answered_on: date | None
    published_on: date | None
    resolution: ResolutionStatus | None
    recorded_at: datetime
    version: int

    @classmethod
    def of(cls, row: PetitionSummary, today: date) -> PetitionSummaryPublic:
        fields = {name: getattr(row, name) for name in cls.model_fields if hasattr(row, name)}
        return cls(**fields, overdue=row.is_overdue(today))


class PetitionsPublic(BaseModel):
    """Danh sách kiến nghị — a page of petitions, newest first."""

    items: list[PetitionSummaryPublic]
    total: int = Field(description="Tổng số kết quả — matches in all pages.")
    limit: int
    offset: int

    @classmethod
    def of(cls, page: Page[PetitionSummary], today: date) -> PetitionsPublic:
        items = [PetitionSummaryPublic.of(row, today) for row in page.items]
        return cls(items=items, total=page.total, limit=page.limit, offset=page.offset)


class SimilarPetitionPublic(BaseModel):
    """Kiến nghị tương tự — a petition worded like this one (a candidate to consolidate)."""

    petition_id: UUID
    text: str
    status: PetitionStatus
    communes: list[str]
    score: float = Field(ge=0, le=1, description="Độ tương đồng — similarity, 1 = same.")

    @classmethod
    def of(cls, row: PetitionSummary, score: float) -> SimilarPetitionPublic:
        return cls(petition_id=row.id, text=row.text, status=row.status, communes=row.communes,
                   score=round(score, 4))


class PetitionRecordedPublic(BaseModel):
    """Kiến nghị vừa ghi nhận, kèm kiến nghị tương tự — the new petition and similar ones."""

    petition: PetitionPublic
    similar: list[SimilarPetitionPublic] = Field(
        description="Kiến nghị tương tự đã có — existing petitions worded alike, best first."
    )




class UnitTimelinessPublic(BaseModel):
    """Trả lời đúng hạn của một cơ quan hoặc đơn vị — how one agency or unit answered."""

    unit: str | None = Field(description="Sở, ngành, đơn vị — unit; none: the agency's "
                             "petitions without a unit, or (in ``total``) all of them.")
    answered: int = Field(description="Đã trả lời — answered.")
    on_time: int = Field(description="Trả lời đúng hạn — answered by the due date.")
    late: int = Field(description="Trả lời trễ hạn — answered after the due date.")
    on_time_share: float | None = Field(
        ge=0, le=1, description="Tỷ lệ đúng hạn — on time of answered; none below the "
        "minimum number of answers (``minimum_answers``).")
    overdue: int = Field(description="Quá hạn chưa trả lời — past due now, unanswered.")
    waiting: int = Field(description="Đang trong hạn — unanswered, not yet due.")

    @classmethod
    def of(cls, row: Timeliness, minimum: int) -> UnitTimelinessPublic:
        share = round(row.on_time / row.answered, 4) if row.answered >= minimum else None
        return cls(unit=row.unit, answered=row.answered, on_time=row.on_time, late=row.late,
                   on_time_share=share, overdue=row.overdue, waiting=row.waiting)


class AgencyTimelinessPublic(BaseModel):
    agency: Agency = Field(description="Cơ quan — agency forwarded to.")
    total: UnitTimelinessPublic = Field(description="Cả cơ quan — the agency in all.")
    units: list[UnitTimelinessPublic] = Field(description="Từng đơn vị — each unit.")


class TimelinessPublic(BaseModel):
    """Tình hình trả lời kiến nghị theo cơ quan — answers on time per agency and unit."""

    today: date = Field(description="Ngày tính quá hạn — the day overdue is counted on.")
    minimum_answers: int = Field(description="Số câu trả lời tối thiểu để nêu tỷ lệ — the "
                                 "fewest answers an on-time share is given for.")
    rule_id: str = Field(description="Quy tắc — the rulebook rule of that minimum.")
    agencies: list[AgencyTimelinessPublic]

    @classmethod
    def of(cls, found: list[AgencyTimeliness], minimum: Rule, today: date) -> TimelinessPublic:
        least = int(minimum.value)
        return cls(today=today, minimum_answers=least, rule_id=minimum.id, agencies=[
            AgencyTimelinessPublic(
                agency=agency.total.agency, total=UnitTimelinessPublic.of(agency.total, least),
                units=[UnitTimelinessPublic.of(unit, least) for unit in agency.units])
            for agency in found])
