"""Oversight service, major version 1: supervision programmes of HĐND and MTTQ, their
coordination (overlaps found and resolved), supervisions and their recommendations."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from contracts.base import IntegrationEvent
from contracts.vocabulary import PolicyField

PROGRAMME_ID = Field(description="Id of the supervision programme (chương trình giám sát).")
ITEM_ID = Field(description="Id of the programme's topic (chuyên đề).")
OVERLAP_ID = Field(description="Id of the overlap between an HĐND and an MTTQ topic.")

SupervisingBody = Literal["standing_committee", "committee", "deputy_group", "mttq"]
OverlapResolution = Literal["joint", "rescheduled", "accepted"]


class _OversightEvent(IntegrationEvent):
    service: ClassVar[str] = "oversight"


class ProgrammeTopic(BaseModel):
    """One topic of a supervision programme: its field, the units to visit, its window."""

    model_config = ConfigDict(frozen=True)

    item_id: UUID = ITEM_ID
    topic: str = Field(description="The topic (chuyên đề) supervised.")
    field: PolicyField = Field(description="The field (lĩnh vực) it concerns.")
    units: list[str] = Field(
        description="Places and units to visit (communes, departments, schools…).")
    window_start: date = Field(description="First day of the planned window.")
    window_end: date = Field(description="Last day of the planned window.")


class PlannedTopic(ProgrammeTopic):
    """A topic with the programme and the body it belongs to."""

    programme_id: UUID = PROGRAMME_ID
    body: SupervisingBody = Field(
        description="standing_committee (Thường trực HĐND), committee (Ban HĐND), "
        "deputy_group (Tổ đại biểu) or mttq.")
    body_name: str = Field(description="The body's name (which Ban, which Tổ).")


class SupervisionProgrammeAdopted(_OversightEvent):
    """A supervising body adopted its programme for a year."""

    programme_id: UUID = PROGRAMME_ID
    year: int = Field(description="The year the programme covers.")
    body: SupervisingBody = Field(description="The kind of supervising body.")
    body_name: str = Field(description="The body's name.")
    adopted_on: date = Field(description="Day the programme was adopted.")
    topics: list[ProgrammeTopic] = Field(description="Its topics.")


class SupervisionTopicAdded(_OversightEvent):
    """A topic was added to a programme."""

    programme_id: UUID = PROGRAMME_ID
    topic: ProgrammeTopic = Field(description="The topic added.")


class SupervisionTopicRescheduled(_OversightEvent):
    """A topic's window was moved (to avoid an overlap, or for another reason)."""

    programme_id: UUID = PROGRAMME_ID
    item_id: UUID = ITEM_ID
    topic: str = Field(description="The topic.")
    window_start: date = Field(description="First day of the new window.")
    window_end: date = Field(description="Last day of the new window.")
    previous_start: date = Field(description="First day of the window planned before.")
    previous_end: date = Field(description="Last day of the window planned before.")
    reason: str = Field(description="Why it moved.")


class OverlapDetected(_OversightEvent):
    """An HĐND topic and an MTTQ topic would supervise the same unit in overlapping
    windows, or the same topic in the same period: the two bodies should coordinate."""

    overlap_id: UUID = OVERLAP_ID
    first: PlannedTopic = Field(description="The topic planned first.")
    second: PlannedTopic = Field(description="The topic that met it.")
    shared_units: list[str] = Field(description="Units both would visit (may be empty).")
    topic_similarity: float | None = Field(
        default=None, ge=0, le=1,
        description="How alike the topics' wording is, when alike enough to count.")
    period_start: date = Field(description="First day both windows share.")
    period_end: date = Field(description="Last day both windows share.")


class OverlapResolved(_OversightEvent):
    """An overlap was resolved: joint supervision, a rescheduling, or accepted."""

    overlap_id: UUID = OVERLAP_ID
    resolution: OverlapResolution = Field(
        description="joint (liên tịch: each invites the other), rescheduled, or accepted.")
    reason: str | None = Field(default=None, description="Why (required when accepted).")
