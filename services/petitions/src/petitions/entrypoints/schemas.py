"""HTTP request bodies of the petitions API (``XCreate``, ``X…`` commands).

Descriptions carry the Vietnamese label first, then the English meaning, so the OpenAPI
page reads well to the people who use it. Every text has a maximum length; multi-line
texts (``Paragraphs``) keep newlines and tabs (chassis.web.request_body).

Every command that records an act takes the day it happened (``OccurredOn``: ``occurred_on``,
or the act's own name, ``forwarded_on``, ``answered_on``…); left out, today.
"""

from __future__ import annotations

from uuid import UUID

from pydantic import Field

from chassis.web.date_types import Day, OccurredOn
from chassis.web.request_body import Paragraphs, RequestBody
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from petitions.domain.values import Channel

PETITION_TEXT_MAX = 5_000
ANSWER_TEXT_MAX = 10_000
NAME_MAX = 200
REASON_MAX = 2_000


class MeetingCreate(RequestBody):
    """Kế hoạch hội nghị tiếp xúc cử tri — plan a voter-contact meeting."""

    title: str = Field(min_length=1, max_length=NAME_MAX,
                       description="Tên hội nghị — title.", examples=["TXCT trước kỳ họp thứ 5"])
    scheduled_on: Day = Field(description="Ngày dự kiến — planned date.")
    place: str = Field(min_length=1, max_length=NAME_MAX, description="Địa điểm — where.",
                       examples=["Hội trường UBND xã Tân Phú"])
    commune: str = Field(min_length=1, max_length=NAME_MAX,
                         description="Xã, phường nơi tổ chức — commune or ward.")
    deputies: list[str] = Field(min_length=1, max_length=50,
                                description="Đại biểu tiếp xúc cử tri — deputies meeting voters.")


class MeetingHeld(RequestBody):
    """Hội nghị đã diễn ra — the meeting took place."""

    held_on: Day = Field(description="Ngày tổ chức — date held (not in the future).")
    attendance: int = Field(ge=0, le=1_000_000, description="Số cử tri dự — voters attending.")
    deputies_present: list[str] | None = Field(
        default=None, max_length=50,
        description="Đại biểu có mặt — deputies present (default: those planned).",
    )


class PetitionCreate(RequestBody):
    """Ghi nhận kiến nghị cử tri — record a voter's petition."""

    text: Paragraphs = Field(max_length=PETITION_TEXT_MAX,
                             description="Nội dung kiến nghị — the petition as the voter put it.",
                      examples=["Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Tân Phú"])
    channel: Channel = Field(description="Kênh tiếp nhận — how it arrived.")
    commune: str | None = Field(
        default=None, min_length=1, max_length=NAME_MAX,
        description="Xã, phường của cử tri — commune (default: the meeting's).",
    )
    meeting_id: UUID | None = Field(
        default=None, description="Hội nghị TXCT (đã diễn ra) — the held meeting it was raised at."
    )
    deputy: str | None = Field(default=None, min_length=1, max_length=NAME_MAX,
                               description="Đại biểu tiếp nhận — deputy who received it.")
    occurred_on: OccurredOn = None


class PetitionsConsolidate(RequestBody):
    """Tổng hợp kiến nghị trùng — merge duplicate petitions into one."""

    petition_ids: list[UUID] = Field(min_length=2, max_length=200,
                                     description="Các kiến nghị được gộp — petitions to merge.")
    text: Paragraphs = Field(max_length=PETITION_TEXT_MAX,
                             description="Nội dung tổng hợp — the consolidated wording.")
    occurred_on: OccurredOn = None


class PetitionSplit(RequestBody):
    """Tách kiến nghị đã tổng hợp — undo a consolidation."""

    reason: Paragraphs = Field(max_length=REASON_MAX, description="Lý do tách — why.")
    occurred_on: OccurredOn = None


class PetitionClassify(RequestBody):
    """Phân loại kiến nghị — field, level and competent agency."""

    field: PolicyField = Field(description="Lĩnh vực — field.")
    level: JurisdictionLevel = Field(description="Cấp có thẩm quyền — level whose competence.")
    agency: Agency = Field(description="Cơ quan có thẩm quyền trả lời — agency to answer.")
    unit: str | None = Field(default=None, min_length=1, max_length=NAME_MAX,
                             description="Sở, ngành — department or unit.",
                             examples=["Sở Giao thông vận tải"])
    committee: str | None = Field(default=None, min_length=1, max_length=NAME_MAX,
                                  description="Ban HĐND theo dõi — HĐND committee following up.")
    occurred_on: OccurredOn = None


class PetitionForward(RequestBody):
    """Chuyển kiến nghị. Without ``reason``: forward to the classified agency. With a
    ``reason``: re-forward a misrouted petition to ``to_agency`` (chuyển lại)."""

    to_agency: Agency | None = Field(default=None,
                                     description="Chuyển lại đến cơ quan — re-forward to agency.")
    to_unit: str | None = Field(default=None, min_length=1, max_length=NAME_MAX,
                                description="Chuyển lại đến sở, ngành — re-forward to unit.")
    level: JurisdictionLevel | None = Field(
        default=None, description="Cấp có thẩm quyền mới — corrected level (default: same)."
    )
    reason: Paragraphs | None = Field(default=None, max_length=REASON_MAX,
                               description="Lý do chuyển lại — why it is re-forwarded.")
    forwarded_on: OccurredOn = None


class PetitionAnswer(RequestBody):
    """Trả lời kiến nghị — the answer of the agency it was forwarded to."""

    text: Paragraphs = Field(max_length=ANSWER_TEXT_MAX,
                             description="Nội dung trả lời — the answer.")
    answered_on: OccurredOn = None


class PetitionPublish(RequestBody):
    """Thông báo kết quả trả lời — MTTQ makes the answer known."""

    published_on: OccurredOn = None


class PetitionResolutionUpdate(RequestBody):
    """Kết quả giải quyết — how far the petition has been resolved."""

    status: ResolutionStatus = Field(description="Tình trạng giải quyết — resolution status.")
    roadmap_date: Day | None = Field(
        default=None, description="Lộ trình: hạn giải quyết — roadmap date (in_progress only)."
    )
    note: Paragraphs | None = Field(default=None, max_length=REASON_MAX,
                             description="Ghi chú, giải trình — note or explanation.")
    updated_on: OccurredOn = None
