"""What the oversight API shows of its records."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from contracts.vocabulary import Agency, PolicyField
from oversight.application.reporting_cases import ReportRow, ReportStatus
from oversight.domain.criticism import CriticismStage, SocialCriticism, Uptake
from oversight.domain.draft_law import CommentSource, DraftLawConsultation
from oversight.domain.overlap import Overlap, OverlapResolution
from oversight.domain.programme import Programme, ProgrammeItem
from oversight.domain.recommendation import FollowUp, Outcome, Recommendation
from oversight.domain.reporting import Frequency, Obligation, report_id
from oversight.domain.sessions import PlannedSession
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


class SessionReviewPublic(BaseModel):
    session_id: UUID
    session_title: str
    reviewed_on: date
    conclusion: str


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
    session_reviews: list[SessionReviewPublic] = Field(
        description="Tái xem xét tại kỳ họp — re-reviews at the council's regular sessions.")

    @classmethod
    def of(cls, r: Recommendation, today: date) -> RecommendationPublic:
        return cls(id=r.id, supervision_id=r.supervision_id, body=r.body,
                   body_name=r.body_name, topic=r.topic, addressee_agency=r.addressee_agency,
                   addressee_unit=r.addressee_unit, action=r.action, issued_on=r.issued_on,
                   due_on=r.due_on, rule_id=r.rule_id, legal_source=r.legal_source,
                   status=r.status, overdue=r.is_overdue(today),
                   responses=[ResponsePublic(outcome=x.outcome, done=x.done,
                                             responded_on=x.responded_on)
                              for x in r.responses], reopenings=r.reopenings,
                   session_reviews=[SessionReviewPublic(
                       session_id=x.session_id, session_title=x.session_title,
                       reviewed_on=x.reviewed_on, conclusion=x.conclusion)
                       for x in r.session_reviews])


class ConferencePublic(BaseModel):
    held_on: date
    participants: int
    summary: str


class CriticismSentPublic(BaseModel):
    sent_on: date
    document_number: str | None
    content: str


class CriticismReplyPublic(BaseModel):
    replied_on: date
    uptake: Uptake
    reply: str


class SocialCriticismPublic(BaseModel):
    """Phản biện xã hội — MTTQ's criticism of one draft, from receipt to reply."""

    id: UUID
    draft_title: str
    drafting_agency: Agency
    drafting_unit: str | None
    received_on: date
    stage: CriticismStage = Field(description="received, conference_held, sent, replied.")
    conference: ConferencePublic | None
    sent: CriticismSentPublic | None
    reply: CriticismReplyPublic | None
    version: int

    @classmethod
    def of(cls, c: SocialCriticism) -> SocialCriticismPublic:
        conference = None if c.conference is None else ConferencePublic(
            held_on=c.conference.held_on, participants=c.conference.participants,
            summary=c.conference.summary)
        sent = None if c.sent is None else CriticismSentPublic(
            sent_on=c.sent.sent_on, document_number=c.sent.document_number,
            content=c.sent.content)
        reply = None if c.reply is None else CriticismReplyPublic(
            replied_on=c.reply.replied_on, uptake=c.reply.uptake, reply=c.reply.text)
        return cls(id=c.id, draft_title=c.draft_title, drafting_agency=c.drafting_agency,
                   drafting_unit=c.drafting_unit, received_on=c.received_on, stage=c.stage,
                   conference=conference, sent=sent, reply=reply, version=c.version)


class CommentPublic(BaseModel):
    """One comment; reads are public, so a voter's name is not shown (a group's is)."""

    comment_id: UUID
    source: CommentSource
    source_name: str | None = Field(description="The group's name; none for a voter.")
    content: str
    received_on: date


class SendingPublic(BaseModel):
    sent_on: date
    sent_to: str
    summary: str


class DraftLawConsultationPublic(BaseModel):
    """Góp ý dự thảo luật — the comments collected on one draft law."""

    id: UUID
    law_title: str
    collector: Agency
    opened_on: date
    comment_count: int
    comments: list[CommentPublic]
    sending: SendingPublic | None
    version: int

    @classmethod
    def of(cls, c: DraftLawConsultation) -> DraftLawConsultationPublic:
        comments = sorted(c.comments.values(), key=lambda x: (x.received_on, x.source_name))
        sending = None if c.sending is None else SendingPublic(
            sent_on=c.sending.sent_on, sent_to=c.sending.sent_to, summary=c.sending.summary)
        return cls(id=c.id, law_title=c.law_title, collector=c.collector,
                   opened_on=c.opened_on, comment_count=len(comments),
                   comments=[CommentPublic(comment_id=x.comment_id, source=x.source,
                                           source_name=(x.source_name if x.source
                                                        is CommentSource.GROUP else None),
                                           content=x.content,
                                           received_on=x.received_on) for x in comments],
                   sending=sending, version=c.version)


class ObligationPublic(BaseModel):
    """Nghĩa vụ báo cáo — who reports what to whom, how often, by when."""

    id: str
    title: str
    from_agency: Agency
    to_agencies: list[Agency]
    frequency: Frequency
    due_days: int = Field(description="Days after the period's end it is due (periodic).")
    due_on: date | None = Field(description="The day a thematic report is due.")
    legal_source: str
    confidence: str

    @classmethod
    def of(cls, o: Obligation) -> ObligationPublic:
        return cls(id=o.id, title=o.title, from_agency=o.from_agency,
                   to_agencies=list(o.to_agencies), frequency=o.frequency,
                   due_days=o.due_days, due_on=o.due_on, legal_source=o.legal_source,
                   confidence=o.confidence)


class ReportRowPublic(BaseModel):
    """Một kỳ báo cáo — one obligation's period: its report, or that it is late."""

    report_id: UUID
    obligation_id: str
    title: str
    from_agency: Agency
    to_agencies: list[Agency]
    period: str
    period_start: date
    period_end: date
    due_on: date
    status: ReportStatus = Field(description="on_time, late, overdue (nothing yet), due.")
    submitted_on: date | None
    summary: str | None
    document_number: str | None
    flagged_on: date | None = Field(description="Day monitoring found it overdue.")

    @classmethod
    def of(cls, row: ReportRow) -> ReportRowPublic:
        o, p, r = row.obligation, row.period, row.report
        return cls(report_id=report_id(o.id, p.label), obligation_id=o.id, title=o.title,
                   from_agency=o.from_agency, to_agencies=list(o.to_agencies), period=p.label,
                   period_start=p.start, period_end=p.end, due_on=p.due_on,
                   status=row.status, submitted_on=r.submitted_on if r else None,
                   summary=r.summary if r else None,
                   document_number=r.document_number if r else None,
                   flagged_on=r.flagged_on if r else None)


class SessionPublic(BaseModel):
    """Kỳ họp HĐND — a session planned, as the sessions service announced it."""

    session_id: UUID
    number: int
    term: str
    title: str
    kind: str = Field(description="regular (thường lệ) or thematic (chuyên đề).")
    planned_opening: date

    @classmethod
    def of(cls, s: PlannedSession) -> SessionPublic:
        return cls(session_id=s.session_id, number=s.number, term=s.term, title=s.title,
                   kind=s.kind, planned_opening=s.planned_opening)


class AgendaProposalPublic(BaseModel):
    """Kiến nghị sau giám sát đề nghị đưa vào kỳ họp — the recommendations still followed,
    proposed for re-review at a regular session."""

    session: SessionPublic
    recommendations: list[RecommendationPublic]
