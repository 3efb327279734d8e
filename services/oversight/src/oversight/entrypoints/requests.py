"""Bodies of the commands the oversight API accepts: each a ``RequestBody`` (unknown fields
refused, strings bounded and in NFC, no control characters; ``LongText`` keeps newlines)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import Field

from chassis.web.date_types import Day
from chassis.web.request_body import Paragraphs, RequestBody
from contracts.vocabulary import PolicyField
from oversight.application import ItemDraft
from oversight.domain.overlap import OverlapResolution
from oversight.domain.values import SupervisingBody

Text = Annotated[str, Field(min_length=1, max_length=500)]
LongText = Annotated[Paragraphs, Field(max_length=20_000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
# Units are names for now, checked by oversight.domain.units.checked_units (the one place a
# directory of the province's units will be plugged in).
Units = Annotated[list[Name], Field(min_length=1, max_length=200, description=(
    "Nơi, đơn vị giám sát — places and units to visit (communes, departments, schools…)."))]
FactDate = Annotated[Day | None, Field(description="Ngày — date; today when left out.")]


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
    adopted_on: FactDate = None
    topics: list[TopicCreate] = Field(min_length=1, max_length=100)


class RescheduleCreate(Command):
    """Dời thời gian — move a topic's window."""

    window_start: Day
    window_end: Day
    reason: Text = Field(description="Lý do — why.")


class OverlapResolutionCreate(Command):
    """Xử lý trùng lặp — resolve an overlap: joint supervision, or accept it with a reason
    (rescheduling is done by moving one of the topics)."""

    resolution: OverlapResolution = Field(description="joint (liên tịch) or accepted.")
    reason: LongText | None = Field(default=None, description="Lý do — required to accept.")
