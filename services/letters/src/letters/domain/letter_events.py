"""The stored events of a citizen's Letter, and how each changes it.

The aggregate triggers these classes directly, so their topics are
``letters.domain.letter_events:<Name>``: never rename or move them without
``register_topic``. They were first stored as ``letters.domain.letter:<Name>``; those
topics are registered below so letters stored before the split still load. Enum values are
stored as plain strings, so a replayed event reads like a live one. Each act's event names
its day by ``occurred_field`` (decision 16), which ``kernel.occurred.stamp`` publishes as
``occurred_on`` beside ``recorded_at``.

A denouncer is never named here: ``Received`` holds only ``identity_ref``, the vault's
opaque id.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.utils import register_topic

from contracts.vocabulary import Agency
from kernel.rulebook import Deadline
from letters.domain.values import Channel, LetterKind, Status

if TYPE_CHECKING:
    from letters.domain.letter import Letter


class Received(Aggregate.Created):
    occurred_field = "received_on"  # the day of the act (decision 16); not a stored field
    kind: str
    treated_as: str
    channel: str
    received_on: date
    recipient: str
    summary: str
    sender_name: str | None
    identity_ref: str | None
    remote: bool
    complex_case: bool
    several_places: bool
    instance: int
    appeal_of: UUID | None
    decision_known_on: date | None
    within_limitation: bool | None
    handling_due: date | None
    handling_rule_id: str | None
    handling_legal_source: str | None
    by: str

    def apply(self, letter: Letter) -> None:
        letter.kind, letter.treated_as = LetterKind(self.kind), LetterKind(self.treated_as)
        letter.channel, letter.received_on = Channel(self.channel), self.received_on
        letter.recipient = letter.handler = Agency(self.recipient)
        letter.summary, letter.sender_name = self.summary, self.sender_name
        letter.identity_ref = self.identity_ref
        letter.remote, letter.complex_case = self.remote, self.complex_case
        letter.several_places = self.several_places
        letter.instance, letter.appeal_of = self.instance, self.appeal_of
        letter.decision_known_on = self.decision_known_on
        letter.within_limitation = self.within_limitation
        letter.status = (Status.FILED if letter.treated_as is LetterKind.INFORMATION
                         else Status.RECEIVED)
        letter.handling_due = _deadline(self.handling_due, self.handling_rule_id,
                                        self.handling_legal_source)
        letter.repeats, letter.forwards, letter.extensions = [], [], 0
        letter.accepted_on = letter.decided_on = letter.notified_on = None
        letter.resolve_due = letter.notify_due = None
        letter.guidance = letter.decision = letter.withdrawal = None
        letter.appealed_by = None


class RepeatFlagged(Aggregate.Event):
    """Earlier letters on the same matter were found: the letter is flagged, not merged."""

    similar_to: list[str]
    scores: list[float]

    def apply(self, letter: Letter) -> None:
        letter.repeats = [(UUID(i), s) for i, s in zip(self.similar_to, self.scores, strict=True)]


class Accepted(Aggregate.Event):
    occurred_field = "accepted_on"  # the day of the act (decision 16); not a stored field
    accepted_on: date
    on_time: bool
    due_on: date | None
    rule_id: str | None
    legal_source: str | None
    notify_due: date | None
    by: str

    def apply(self, letter: Letter) -> None:
        letter.status, letter.accepted_on = Status.ACCEPTED, self.accepted_on
        letter.resolve_due = _deadline(self.due_on, self.rule_id, self.legal_source)
        letter.notify_due = self.notify_due


class DenouncerNotified(Aggregate.Event):
    """The denouncer was told of the acceptance, through the vault's address (never the bus)."""

    occurred_field = "notified_on"  # the day of the act (decision 16); not a stored field
    notified_on: date
    on_time: bool
    by: str

    def apply(self, letter: Letter) -> None:
        letter.notified_on = self.notified_on


class Forwarded(Aggregate.Event):
    occurred_field = "forwarded_on"  # the day of the act (decision 16); not a stored field
    to: str
    forwarded_on: date
    reason: str
    on_time: bool
    due_on: date
    rule_id: str
    legal_source: str
    handling_due: date | None
    by: str

    def apply(self, letter: Letter) -> None:
        letter.forwards.append((Agency(self.to), self.forwarded_on, self.on_time))
        letter.handler, letter.status = Agency(self.to), Status.FORWARDED
        if self.handling_due is not None and letter.handling_due is not None:
            letter.handling_due = Deadline(self.handling_due, letter.handling_due.rule_id,
                                           letter.handling_due.legal_source)


class Guided(Aggregate.Event):
    occurred_field = "guided_on"  # the day of the act (decision 16); not a stored field
    guided_on: date
    reason: str
    by: str

    def apply(self, letter: Letter) -> None:
        letter.status, letter.guidance = Status.GUIDED, self.reason


class Extended(Aggregate.Event):
    occurred_field = "extended_on"  # the day of the act (decision 16); not a stored field
    extended_on: date
    reason: str
    number: int
    due_on: date
    rule_id: str
    legal_source: str
    by: str

    def apply(self, letter: Letter) -> None:
        letter.extensions = self.number
        letter.resolve_due = Deadline(self.due_on, self.rule_id, self.legal_source)


class Decided(Aggregate.Event):
    """The result: the complaint's decision, or the denunciation's conclusion."""

    occurred_field = "decided_on"  # the day of the act (decision 16); not a stored field
    decided_on: date
    outcome: str
    on_time: bool
    by: str

    def apply(self, letter: Letter) -> None:
        letter.status, letter.decided_on = Status.DECIDED, self.decided_on
        letter.decision = self.outcome


class Appealed(Aggregate.Event):
    """A second complaint against this letter's first-instance result."""

    occurred_field = "appealed_on"  # the day of the act (decision 16); not a stored field
    second_letter_id: UUID
    appealed_on: date
    due_on: date
    rule_id: str
    legal_source: str
    by: str

    def apply(self, letter: Letter) -> None:
        letter.appealed_by = self.second_letter_id


class Withdrawn(Aggregate.Event):
    occurred_field = "withdrawn_on"  # the day of the act (decision 16); not a stored field
    withdrawn_on: date
    reason: str
    rule_id: str
    legal_source: str
    by: str

    def apply(self, letter: Letter) -> None:
        letter.status, letter.withdrawal = Status.WITHDRAWN, self.reason


def _deadline(due: date | None, rule_id: str | None, source: str | None) -> Deadline | None:
    if due is None or rule_id is None or source is None:
        return None
    return Deadline(due, rule_id, source)


for _event in (Received, RepeatFlagged, Accepted, DenouncerNotified, Forwarded, Guided,
               Extended, Decided, Appealed, Withdrawn):
    register_topic(f"letters.domain.letter:{_event.__name__}", _event)
