"""Values of the petitions domain: statuses, channels, and what a petition carries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any
from uuid import UUID

from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from kernel.rulebook import Deadline


class PetitionStatus(StrEnum):
    """Where a petition stands; ``consolidated`` means merged into another petition."""

    RECORDED = "recorded"  # đã ghi nhận
    CONSOLIDATED = "consolidated"  # đã tổng hợp vào kiến nghị khác
    CLASSIFIED = "classified"  # đã phân loại
    FORWARDED = "forwarded"  # đã chuyển
    ANSWERED = "answered"  # đã trả lời
    PUBLISHED = "published"  # đã thông báo kết quả trả lời
    WITHDRAWN = "withdrawn"  # tổng hợp đã bị tách lại


class Channel(StrEnum):
    """How a petition arrived."""

    MEETING = "meeting"  # tại hội nghị tiếp xúc cử tri
    DEPUTY = "deputy"  # qua đại biểu
    MAIL = "mail"  # qua thư
    ONLINE = "online"  # trực tuyến
    RECEPTION = "reception"  # tiếp công dân


@dataclass(frozen=True)
class Source:
    """One original petition behind a (possibly consolidated) petition, and its origin."""

    petition_id: UUID
    meeting_id: UUID | None
    commune: str

    def as_record(self) -> dict[str, Any]:
        return {"petition_id": self.petition_id, "meeting_id": self.meeting_id,
                "commune": self.commune}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Source:
        return cls(record["petition_id"], record["meeting_id"], record["commune"])


@dataclass(frozen=True)
class Classification:
    field: PolicyField
    level: JurisdictionLevel
    agency: Agency
    unit: str | None
    committee: str | None


DeadlinePolicy = Callable[[str, date], Deadline]
"""Gives the deadline of a rule (by id) for something started on a date: the rulebook."""


@dataclass(frozen=True)
class Forwarding:
    to_agency: Agency
    to_unit: str | None
    level: JurisdictionLevel
    forwarded_on: date
    deadline: Deadline
    reforwarded: bool
    reason: str | None


@dataclass(frozen=True)
class Answer:
    agency: Agency
    unit: str | None
    text: str
    answered_on: date
    due_date: date

    @property
    def on_time(self) -> bool:
        return self.answered_on <= self.due_date


@dataclass(frozen=True)
class Resolution:
    status: ResolutionStatus
    roadmap_date: date | None
    note: str | None
    updated_on: date


ANSWER_RULES = {
    JurisdictionLevel.CENTRAL: "petition.answer.central",
    JurisdictionLevel.PROVINCE: "petition.answer.local",
    JurisdictionLevel.DISTRICT: "petition.answer.local",
    JurisdictionLevel.COMMUNE: "petition.answer.local",
}


def answer_rule_id(level: JurisdictionLevel) -> str:
    """The rulebook rule that sets the answer deadline for a petition of this level."""
    return ANSWER_RULES[level]
