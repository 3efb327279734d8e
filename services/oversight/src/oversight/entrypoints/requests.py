"""Bodies of the commands the oversight API accepts: each a ``RequestBody`` (unknown fields
refused, strings bounded and in NFC, no control characters; ``LongText`` keeps newlines)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import Field

from chassis.web.date_types import Day, OccurredOn
from chassis.web.request_body import Paragraphs, RequestBody
from contracts.vocabulary import Agency, PolicyField
from oversight.application import ItemDraft, RecommendationDraft
from oversight.domain.criticism import Uptake
from oversight.domain.draft_law import CommentSource
from oversight.domain.overlap import OverlapResolution
from oversight.domain.recommendation import Outcome
from oversight.domain.values import SupervisingBody

Text = Annotated[str, Field(min_length=1, max_length=500)]
LongText = Annotated[Paragraphs, Field(max_length=20_000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
# Units are names for now, checked by oversight.domain.units.checked_units (the one place a
# directory of the province's units will be plugged in).
Units = Annotated[list[Name], Field(min_length=1, max_length=200, description=(
    "Nơi, đơn vị giám sát — places and units to visit (communes, departments, schools…)."))]


class Command(RequestBody):
    """A command's body."""


class TopicCreate(Command):
    """Một chuyên đề — one topic of a programme."""

    item_id: UUID | None = Field(default=None, description="Id chosen by the client (retries).")
    topic: Text = Field(description="Chuyên đề — the topic supervised.")
    field: PolicyField = Field(description="Lĩnh vực — the field it concerns.")
    units: Units
    window_start: Day = Field(description="Từ ngày — first day of the planned window.")
    window_end: Day = Field(description="Đến ngày — last day of the planned window.")

    def draft(self) -> ItemDraft:
        return ItemDraft(item_id=self.item_id, topic=self.topic, field=self.field,
                         units=list(self.units), window_start=self.window_start,
                         window_end=self.window_end)


class ProgrammeCreate(Command):
    """Chương trình giám sát — a body's supervision programme for a year."""

    id: UUID | None = Field(default=None, description="Id chosen by the client (retries).")
    year: int = Field(ge=2000, le=2100, description="Năm — the year it covers.")
    body: SupervisingBody = Field(description="Chủ thể giám sát — the supervising body.")
    body_name: Name | None = Field(
        default=None, description="Tên Ban / Tổ đại biểu — required for a committee or group.")
    adopted_on: OccurredOn = None
    topics: list[TopicCreate] = Field(min_length=1, max_length=100)


class RescheduleCreate(Command):
    """Dời thời gian — move a topic's window."""

    window_start: Day
    window_end: Day
    reason: Text = Field(description="Lý do — why.")
    rescheduled_on: OccurredOn = None


class OverlapResolutionCreate(Command):
    """Xử lý trùng lặp — resolve an overlap: joint supervision, or accept it with a reason
    (rescheduling is done by moving one of the topics)."""

    resolution: OverlapResolution = Field(description="joint (liên tịch) or accepted.")
    reason: LongText | None = Field(default=None, description="Lý do — required to accept.")
    resolved_on: OccurredOn = None


Members = Annotated[list[Name], Field(min_length=1, max_length=100,
                                      description="Thành viên đoàn giám sát — members.")]


class SupervisionCreate(Command):
    """Đợt giám sát — a supervision of one programme topic."""

    id: UUID | None = Field(default=None, description="Id chosen by the client (retries).")
    programme_id: UUID
    item_id: UUID = Field(description="Chuyên đề trong chương trình — the topic.")
    members: Members
    started_on: Day
    ended_on: Day
    units_visited: Units


class RecommendationCreate(Command):
    """Kiến nghị sau giám sát — one recommendation of a report."""

    id: UUID | None = Field(default=None, description="Id chosen by the client (retries).")
    addressee_agency: Agency = Field(description="Cơ quan nhận kiến nghị — agency addressed.")
    addressee_unit: Name | None = Field(
        default=None, description="Đơn vị nhận kiến nghị — its unit (a department, a commune).")
    action: LongText = Field(description="Nội dung kiến nghị — what is asked.")
    due_on: Day | None = Field(
        default=None, description="Hạn báo cáo kết quả — due; the rulebook's when left out.")


class ReportCreate(Command):
    """Báo cáo kết quả giám sát — findings, causes, responsibility, recommendations."""

    reported_on: OccurredOn = None
    findings: LongText = Field(description="Kết quả giám sát — findings.")
    causes: LongText = Field(description="Nguyên nhân — causes.")
    responsibility: LongText = Field(description="Trách nhiệm — who is responsible.")
    recommendations: list[RecommendationCreate] = Field(default_factory=list, max_length=100)

    def drafts(self) -> list[RecommendationDraft]:
        return [RecommendationDraft(
            addressee_agency=r.addressee_agency, action=r.action,
            addressee_unit=r.addressee_unit, due_on=r.due_on, id=r.id)
            for r in self.recommendations]


class AnswerCreate(Command):
    """Trả lời kiến nghị — the addressee says what it did."""

    outcome: Outcome = Field(description="implemented, partly or not_yet.")
    done: LongText = Field(description="Kết quả thực hiện — what was done.")
    responded_on: OccurredOn = None


class AcceptCreate(Command):
    """Chấp nhận kết quả — the supervising body accepts the answer."""

    note: LongText | None = None
    accepted_on: OccurredOn = None


class ReopenCreate(Command):
    """Yêu cầu tiếp tục thực hiện — the body reopens it with a new due date."""

    reason: LongText
    due_on: Day
    reopened_on: OccurredOn = None


# -- social criticism and comments on draft laws ---------------------------------------------

class DraftReceivedCreate(Command):
    """Nhận dự thảo để phản biện — MTTQ receives a draft from its drafting body."""

    id: UUID | None = Field(default=None, description="Id chosen by the client (retries).")
    draft_title: Text = Field(description="Tên dự thảo — the draft.")
    drafting_agency: Agency = Field(description="Cơ quan soạn thảo — the drafting agency.")
    drafting_unit: Name | None = Field(default=None, description="Đơn vị soạn thảo — its unit.")
    received_on: OccurredOn = None


class ConferenceCreate(Command):
    """Hội nghị phản biện — the conference MTTQ held on the draft."""

    participants: int = Field(ge=1, le=10_000, description="Số người tham dự.")
    summary: LongText = Field(description="Nội dung chính của hội nghị.")
    held_on: OccurredOn = None


class CriticismSentCreate(Command):
    """Văn bản phản biện — the written criticism sent to the drafting body."""

    content: LongText = Field(description="Nội dung phản biện.")
    document_number: Name | None = Field(default=None, description="Số văn bản.")
    sent_on: OccurredOn = None


class CriticismReplyCreate(Command):
    """Phản hồi của cơ quan soạn thảo — the drafting body's reply."""

    uptake: Uptake = Field(description="taken_in (tiếp thu), partly, explained (giải trình).")
    reply: LongText = Field(description="Nội dung phản hồi.")
    replied_on: OccurredOn = None


class ConsultationCreate(Command):
    """Lấy ý kiến góp ý dự thảo luật — dbqh or MTTQ begins collecting comments on a draft law."""

    id: UUID | None = Field(default=None, description="Id chosen by the client (retries).")
    law_title: Text = Field(description="Tên dự thảo luật — the draft law.")
    opened_on: OccurredOn = None


class CommentCreate(Command):
    """Một ý kiến góp ý — one comment of a voter or a group."""

    comment_id: UUID | None = Field(default=None, description="Id chosen by the client.")
    source: CommentSource = Field(description="voter (cử tri) or group (tổ chức, hội nghị).")
    source_name: Name = Field(description="Người hoặc tổ chức góp ý.")
    content: LongText = Field(description="Nội dung góp ý.")
    received_on: OccurredOn = None


class CommentsSentCreate(Command):
    """Gửi tổng hợp ý kiến — the comments sent on."""

    sent_to: Name = Field(description="Nơi nhận — e.g. Ủy ban Pháp luật của Quốc hội.")
    summary: LongText = Field(description="Tổng hợp ý kiến.")
    sent_on: OccurredOn = None


class ReportCreateBody(Command):
    """Nộp báo cáo — a report one body owes another, for one period."""

    obligation_id: Name = Field(description="Nghĩa vụ báo cáo — see GET /reporting/obligations.")
    period: Annotated[str, Field(min_length=4, max_length=10, pattern=r"^[0-9]{4}(-[0-9A-Z-]+)?$",
                                 description="Kỳ báo cáo: 2026-03, 2026-Q1, 2026-H1, 2026, "
                                 "or a thematic report's due day 2026-06-15.")]
    summary: LongText = Field(description="Tóm tắt nội dung báo cáo.")
    document_number: Name | None = Field(default=None, description="Số báo cáo.")
    submitted_on: OccurredOn = None


class SessionReviewCreate(Command):
    """Tái xem xét tại kỳ họp — the council re-reviewed a recommendation at a session."""

    session_id: UUID = Field(description="The regular session (sessions service's id).")
    conclusion: LongText = Field(description="Kết luận của kỳ họp.")
    reviewed_on: OccurredOn = None
