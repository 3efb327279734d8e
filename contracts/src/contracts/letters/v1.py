"""Letters service, major version 1: citizens' letters (đơn thư) and their limits.

No event names a person: not a denouncer (whose identity never leaves the service's vault),
nor a complainant, nor the letter's text, which may name either. An event says which
letter, what happened, when, which body has it and the limit that applies.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import Field

from contracts.base import IntegrationEvent
from contracts.vocabulary import Agency

LETTER_ID = Field(description="Id of the citizen's letter (đơn thư).")
HANDLER = Field(description="The body the letter is with after this event.")
RULE_ID = Field(description="Rulebook rule that sets the limit.")
LEGAL_SOURCE = Field(description="Legal source of that rule.")
ON_TIME = Field(description="Whether it was done within its limit.")

LetterKind = Literal["complaint", "denunciation", "petition", "reflection", "information"]
Channel = Literal["reception", "mail", "online"]


class _LettersEvent(IntegrationEvent):
    service: ClassVar[str] = "letters"


class LetterReceived(_LettersEvent):
    """A letter came in and was classified; its first limit set."""

    letter_id: UUID = LETTER_ID
    kind: LetterKind = Field(description="As the sender put it: khiếu nại, tố cáo, kiến nghị, "
                             "phản ánh.")
    treated_as: LetterKind = Field(description="How it is handled: an anonymous denunciation "
                                   "is handled as information.")
    channel: Channel = Field(description="reception (tiếp công dân), mail or online.")
    received_on: date = Field(description="Day the letter was received.")
    handler: Agency = HANDLER
    instance: int = Field(ge=1, le=2, description="1, or 2 for a second complaint.")
    appeal_of: UUID | None = Field(default=None, description="The first complaint appealed.")
    handling_due_on: date | None = Field(
        default=None, description="By when it must be accepted, forwarded or guided.")
    rule_id: str | None = Field(default=None, description="Rulebook rule of that limit.")
    legal_source: str | None = Field(default=None, description="Legal source of that rule.")


class LetterRepeatFlagged(_LettersEvent):
    """Earlier letters on the same matter were found (sent again, or to several bodies)."""

    letter_id: UUID = LETTER_ID
    similar_to: list[UUID] = Field(description="The earlier letters, most alike first.")


class LetterAccepted(_LettersEvent):
    """The competent body accepted the letter (thụ lý); its resolution limit starts."""

    letter_id: UUID = LETTER_ID
    handler: Agency = HANDLER
    accepted_on: date = Field(description="Day of acceptance.")
    on_time: bool = ON_TIME
    due_on: date | None = Field(default=None, description="By when it must be resolved.")
    rule_id: str | None = Field(default=None, description="Rulebook rule of that limit.")
    legal_source: str | None = Field(default=None, description="Legal source of that rule.")
    notify_due_on: date | None = Field(
        default=None, description="By when a denouncer must be told of the acceptance.")


class LetterForwarded(_LettersEvent):
    """Outside the body's competence: sent on to the competent body."""

    letter_id: UUID = LETTER_ID
    handler: Agency = Field(description="The competent body it was forwarded to.")
    forwarded_on: date = Field(description="Day it was forwarded.")
    due_on: date = Field(description="By when it had to be forwarded.")
    on_time: bool = ON_TIME
    handling_due_on: date | None = Field(
        default=None, description="By when the new body must accept it or say why not.")
    rule_id: str = RULE_ID
    legal_source: str = LEGAL_SOURCE


class LetterGuided(_LettersEvent):
    """The sender was guided to the competent body, with the reason."""

    letter_id: UUID = LETTER_ID
    handler: Agency = HANDLER
    guided_on: date = Field(description="Day the sender was guided.")


class LetterExtended(_LettersEvent):
    """A denunciation's resolution limit was extended."""

    letter_id: UUID = LETTER_ID
    handler: Agency = HANDLER
    number: int = Field(ge=1, description="Which extension this is.")
    due_on: date = Field(description="The new limit.")
    rule_id: str = RULE_ID
    legal_source: str = LEGAL_SOURCE


class LetterDecided(_LettersEvent):
    """The result: a complaint's decision, or a denunciation's conclusion."""

    letter_id: UUID = LETTER_ID
    handler: Agency = HANDLER
    decided_on: date = Field(description="Day of the decision or conclusion.")
    on_time: bool = ON_TIME


class LetterAppealed(_LettersEvent):
    """A second complaint came against the letter's first-instance result."""

    letter_id: UUID = LETTER_ID
    second_letter_id: UUID = Field(description="The second complaint.")
    appealed_on: date = Field(description="Day the second complaint came.")


class ComplaintWithdrawn(_LettersEvent):
    """The complainant withdrew the complaint (Law 136/2025)."""

    letter_id: UUID = LETTER_ID
    handler: Agency = HANDLER
    withdrawn_on: date = Field(description="Day of the withdrawal.")


class DenouncerNotified(_LettersEvent):
    """The denouncer was told of the acceptance, through the vault (never named here)."""

    letter_id: UUID = LETTER_ID
    handler: Agency = HANDLER
    notified_on: date = Field(description="Day the denouncer was told.")
    on_time: bool = ON_TIME


Receiver = Literal["ubnd_chair_province", "ubnd_chair_commune", "hdnd_standing_committee",
                   "hdnd_deputy"]
RECEIVER = Field(description="Whose reception day: the chair of the provincial or a commune's "
                 "UBND, the HĐND Standing Committee, a deputy.")
HOLDER = Field(default=None, description="The commune or the deputy (officials, never a "
               "citizen); none for the province's own.")


class CitizenReceptionHeld(_LettersEvent):
    """A citizen reception day was held (tiếp công dân), in person or online."""

    reception_id: UUID = Field(description="Id of the reception day.")
    receiver: Receiver = RECEIVER
    holder: str | None = HOLDER
    held_on: date = Field(description="Day it was held.")
    online: bool = Field(description="Held online (Law 136/2025, from 2026-07-01).")
    citizens: int = Field(ge=0, description="How many citizens were received.")
    letters: int = Field(ge=0, description="How many letters received there are linked.")
    rule_id: str = RULE_ID
    legal_source: str = LEGAL_SOURCE


class ReceptionObligationMissed(_LettersEvent):
    """Monitoring: a period ended with fewer reception days than the law asks of a holder.

    Found by the letters service's daily pass, once per holder and period.
    """

    finding_id: UUID = Field(description="Id of the finding (the same for the same period).")
    receiver: Receiver = RECEIVER
    holder: str | None = HOLDER
    agency: Agency = Field(description="The body whose duty it is (UBND or HĐND).")
    period_start: date = Field(description="First day of the period (week, month, quarter).")
    period_end: date = Field(description="Last day of the period.")
    required_days: int = Field(ge=1, description="Reception days the rule asks.")
    held_days: int = Field(ge=0, description="Reception days held.")
    found_on: date = Field(description="Day the service found it.")
    rule_id: str = RULE_ID
    legal_source: str = LEGAL_SOURCE
