"""What a council session is made of: agenda, joint meeting, documents, questions, votes.

Each part is a frozen value rebuilt from the session's events; events store them as plain
records (``as_record``) so a replayed event reads the same as a live one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from contracts.vocabulary import Agency, PolicyField
from sessions.domain.values import DocumentKind


@dataclass(frozen=True)
class AgendaItem:
    """An item agreed at the joint meeting (or proposed by UBND), and who prepares it."""

    item_id: UUID
    title: str
    kind: DocumentKind
    prepared_by: Agency
    preparing_unit: str | None = None
    vetting_committee: str | None = None

    def as_record(self) -> dict[str, Any]:
        return {
            "item_id": self.item_id, "title": self.title, "kind": self.kind.value,
            "prepared_by": self.prepared_by.value, "preparing_unit": self.preparing_unit,
            "vetting_committee": self.vetting_committee,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> AgendaItem:
        return cls(
            record["item_id"], record["title"], DocumentKind(record["kind"]),
            Agency(record["prepared_by"]), record["preparing_unit"], record["vetting_committee"],
        )


@dataclass(frozen=True)
class AgendaRequest:
    """The Standing Committee asked an agency for the items it will submit."""

    requested_from: Agency
    due_on: date
    note: str | None


@dataclass(frozen=True)
class JointMeeting:
    """Họp liên tịch: HĐND, UBND and MTTQ agree time, agenda and who prepares what."""

    held_on: date
    attending: tuple[Agency, ...]
    agreed_opening: date
    agreed_closing: date | None
    notes: str | None
    confirmed_by: frozenset[Agency] = frozenset()


@dataclass(frozen=True)
class VettingReport:
    committee: str
    reported_on: date
    conclusion: str


@dataclass(frozen=True)
class Document:
    """A tờ trình, báo cáo, đề án or dự thảo nghị quyết submitted to the session."""

    document_id: UUID
    kind: DocumentKind
    title: str
    field: PolicyField | None
    submitted_by: Agency
    submitting_unit: str | None
    submitted_on: date
    due_on: date
    agenda_item_id: UUID | None
    vetting: tuple[VettingReport, ...] = ()

    @property
    def on_time(self) -> bool:
        return self.submitted_on <= self.due_on

    @property
    def days_late(self) -> int:
        return max(0, (self.submitted_on - self.due_on).days)


@dataclass(frozen=True)
class Attendance:
    opened_on: date
    total_deputies: int
    present: int
    absent_deputies: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """Chất vấn: a deputy's question to an official, the answer and any follow-up."""

    question_id: UUID
    deputy: str
    text: str
    official: str
    official_position: str
    asked_on: date
    answer: str | None = None
    answered_by: str | None = None
    answered_on: date | None = None
    follow_ups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Counts:
    """A vote's counts; they add up to the council's total number of deputies."""

    yes: int
    no: int
    abstain: int
    absent: int

    @property
    def total(self) -> int:
        return self.yes + self.no + self.abstain + self.absent

    def as_record(self) -> dict[str, int]:
        return {"yes": self.yes, "no": self.no, "abstain": self.abstain, "absent": self.absent}


@dataclass(frozen=True)
class VoteResult:
    """The outcome of one vote on a draft resolution, and the rule that decided it."""

    vote_id: UUID
    document_id: UUID
    passed: bool
    title: str
    field: PolicyField
    voted_on: date
    counts: Counts
    total_deputies: int
    rule_id: str
    legal_source: str
    number: str | None = None
    resolution_id: UUID | None = None
