"""What the letters API answers with. Never a denouncer's identity nor its vault id: a
view says only whether the letter names a denouncer in the vault."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from pydantic import BaseModel, Field

from contracts.vocabulary import Agency
from kernel.rulebook import Deadline
from letters.domain.letter import Letter
from letters.domain.values import Channel, LetterKind, Status
from letters.vault.vault import Identity


class DeadlinePublic(BaseModel):
    due_on: date
    rule_id: str
    legal_source: str
    overdue: bool

    @classmethod
    def of(cls, deadline: Deadline | None, today: date, done: bool) -> DeadlinePublic | None:
        if deadline is None:
            return None
        return cls(due_on=deadline.due_date, rule_id=deadline.rule_id,
                   legal_source=deadline.legal_source,
                   overdue=not done and today > deadline.due_date)


class RepeatPublic(BaseModel):
    letter_id: UUID
    score: float


class LetterPublic(BaseModel):
    """Đơn thư — one letter, as its handlers see it."""

    id: UUID
    kind: LetterKind
    treated_as: LetterKind
    channel: Channel
    status: Status
    received_on: date
    recipient: Agency
    handler: Agency
    summary: str
    sender_name: str | None = Field(description="Người khiếu nại, kiến nghị (never a denouncer).")
    denouncer_in_vault: bool = Field(description="A denouncer's identity is in the vault.")
    anonymous: bool
    instance: int
    appeal_of: UUID | None
    appealed_by: UUID | None
    within_limitation: bool | None
    handling_due: DeadlinePublic | None
    resolve_due: DeadlinePublic | None
    notify_due_on: date | None
    notified_on: date | None
    accepted_on: date | None
    decided_on: date | None
    extensions: int
    guidance: str | None
    decision: str | None
    withdrawal: str | None
    repeats: list[RepeatPublic]

    @classmethod
    def of(cls, letter: Letter, today: date) -> LetterPublic:
        handled = letter.status not in (Status.RECEIVED, Status.FORWARDED)
        return cls(
            id=letter.id, kind=letter.kind, treated_as=letter.treated_as,
            channel=letter.channel, status=letter.status, received_on=letter.received_on,
            recipient=letter.recipient, handler=letter.handler, summary=letter.summary,
            sender_name=letter.sender_name, denouncer_in_vault=letter.identity_ref is not None,
            anonymous=letter.treated_as is LetterKind.INFORMATION,
            instance=letter.instance, appeal_of=letter.appeal_of,
            appealed_by=letter.appealed_by, within_limitation=letter.within_limitation,
            handling_due=DeadlinePublic.of(letter.handling_due, today, handled),
            resolve_due=DeadlinePublic.of(letter.resolve_due, today,
                                          letter.status is not Status.ACCEPTED),
            notify_due_on=letter.notify_due, notified_on=letter.notified_on,
            accepted_on=letter.accepted_on, decided_on=letter.decided_on,
            extensions=letter.extensions, guidance=letter.guidance, decision=letter.decision,
            withdrawal=letter.withdrawal,
            repeats=[RepeatPublic(letter_id=i, score=s) for i, s in letter.repeats])


class LettersPublic(BaseModel):
    count: int
    items: list[LetterPublic]


class IdentityPublic(BaseModel):
    """Người tố cáo — revealed to the entitled leader; the reveal is recorded."""

    name: str
    identity_number: str | None
    address: str | None
    phone: str | None
    email: str | None
    signature_image: str | None = Field(default=None, description="Chữ ký (base64).")

    @classmethod
    def of(cls, identity: Identity) -> IdentityPublic:
        return cls(**identity.as_dict())  # type: ignore[arg-type]
