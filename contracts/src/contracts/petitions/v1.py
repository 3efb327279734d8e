"""Petitions service, major version 1: a voter petition's path to a published answer."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from contracts.base import IntegrationEvent
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus

PETITION_ID = Field(description="Id of the petition (kiến nghị cử tri).")
MEETING_ID = Field(description="Id of the voter-contact meeting (hội nghị tiếp xúc cử tri).")


class _PetitionsEvent(IntegrationEvent):
    service: ClassVar[str] = "petitions"


class VoterContactMeetingPlanned(_PetitionsEvent):
    """A voter-contact meeting was planned by MTTQ (kế hoạch tiếp xúc cử tri)."""

    meeting_id: UUID = MEETING_ID
    title: str = Field(description="Title of the meeting.", examples=["TXCT trước kỳ họp thứ 5"])
    scheduled_on: date = Field(description="Planned date.")
    place: str = Field(description="Where it is held.", examples=["Hội trường UBND xã Tân Phú"])
    commune: str = Field(description="Commune or ward where it is held.", examples=["Tân Phú"])
    deputies: list[str] = Field(description="Deputies who meet the voters.")
    organised_by: Agency = Field(description="Agency organising it (normally mttq).")


class VoterContactMeetingHeld(_PetitionsEvent):
    """A voter-contact meeting took place; petitions can be recorded against it."""

    meeting_id: UUID = MEETING_ID
    held_on: date = Field(description="Date it was held.")
    place: str = Field(description="Where it was held.")
    commune: str = Field(description="Commune or ward where it was held.")
    attendance: int = Field(ge=0, description="Number of voters who attended.")
    deputies: list[str] = Field(description="Deputies present.")


class PetitionRecorded(_PetitionsEvent):
    """A voter's petition was recorded (ghi nhận ý kiến, kiến nghị)."""

    petition_id: UUID = PETITION_ID
    text: str = Field(description="The petition as the voter put it.")
    meeting_id: UUID | None = Field(default=None, description="Meeting it was raised at, if any.")
    commune: str = Field(description="Commune or ward the voters live in.")
    channel: str = Field(
        description="How it arrived: meeting, deputy, mail, online, reception.",
        examples=["meeting"],
    )
    deputy: str | None = Field(default=None, description="Deputy who received it, if any.")
    recorded_at: datetime = Field(description="When it was recorded.")


class PetitionSource(BaseModel):
    """Where one of the consolidated petitions came from."""

    model_config = ConfigDict(frozen=True)

    petition_id: UUID = Field(description="The petition as first recorded.")
    meeting_id: UUID | None = Field(default=None, description="Meeting it was raised at.")
    commune: str = Field(description="Commune or ward that raised it.")


class PetitionsConsolidated(_PetitionsEvent):
    """Duplicate petitions were merged into one (tổng hợp) that keeps every source."""

    petition_id: UUID = Field(description="The consolidated petition.")
    merged_petition_ids: list[UUID] = Field(description="Petitions merged into it.")
    text: str = Field(description="The consolidated wording.")
    sources: list[PetitionSource] = Field(description="Every original petition and its origin.")
    meeting_count: int = Field(ge=0, description="How many distinct meetings raised it.")
    commune_count: int = Field(ge=1, description="How many distinct communes raised it.")


class PetitionConsolidationSplit(_PetitionsEvent):
    """A consolidation was undone; the merged petitions stand on their own again."""

    petition_id: UUID = Field(description="The consolidated petition, now withdrawn.")
    restored_petition_ids: list[UUID] = Field(description="Petitions that stand again.")
    reason: str = Field(description="Why the consolidation was undone.")


class PetitionClassified(_PetitionsEvent):
    """A petition was classified (phân loại) by field, level and competent agency."""

    petition_id: UUID = PETITION_ID
    field: PolicyField = Field(description="Field (lĩnh vực).")
    level: JurisdictionLevel = Field(description="Level whose competence it is.")
    competent_agency: Agency = Field(description="Agency competent to answer it.")
    competent_unit: str | None = Field(
        default=None, description="Department or unit, e.g. Sở Giao thông vận tải."
    )
    committee: str | None = Field(
        default=None, description="HĐND committee (Ban) that follows it up, if any."
    )


class PetitionForwarded(_PetitionsEvent):
    """A petition was forwarded (chuyển) to the agency that must answer it by a due date."""

    petition_id: UUID = PETITION_ID
    text: str = Field(description="The petition's wording, for the recipient.")
    to_agency: Agency = Field(description="Agency that must answer.")
    to_unit: str | None = Field(default=None, description="Department or unit within it.")
    level: JurisdictionLevel = Field(description="Level whose competence it is.")
    forwarded_on: date = Field(description="Date of forwarding.")
    due_date: date = Field(description="Answer due by this date (from the rulebook).")
    rule_id: str = Field(description="Rulebook rule that set the due date.")
    legal_source: str = Field(description="Legal source of that rule.")
    reforwarded: bool = Field(default=False, description="True when correcting a misrouting.")
    reason: str | None = Field(default=None, description="Why it was re-forwarded.")


class PetitionAnswered(_PetitionsEvent):
    """The agency a petition was forwarded to answered it (trả lời)."""

    petition_id: UUID = PETITION_ID
    agency: Agency = Field(description="Answering agency.")
    unit: str | None = Field(default=None, description="Answering department or unit.")
    answer: str = Field(description="The answer's text.")
    answered_on: date = Field(description="Date of the answer.")
    due_date: date = Field(description="Date it was due.")
    on_time: bool = Field(description="Answered on or before the due date.")


class PetitionAnswerPublished(_PetitionsEvent):
    """MTTQ made the answer known to the people (thông báo kết quả trả lời)."""

    petition_id: UUID = PETITION_ID
    text: str = Field(description="The petition's wording.")
    answer: str = Field(description="The answer as published.")
    answered_by: Agency = Field(description="Agency that answered.")
    published_on: date = Field(description="Date of publication.")
    communes: list[str] = Field(description="Communes whose voters raised it.")


class PetitionResolutionUpdated(_PetitionsEvent):
    """How far the petition has been resolved changed (giám sát đến cùng)."""

    petition_id: UUID = PETITION_ID
    status: ResolutionStatus = Field(description="Resolution status.")
    roadmap_date: date | None = Field(
        default=None, description="Date by which it will be resolved, when in progress."
    )
    note: str | None = Field(default=None, description="Explanation or progress note.")
    updated_on: date = Field(description="Date of the update.")
