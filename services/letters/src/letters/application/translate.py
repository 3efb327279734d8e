"""The relay's allow-list: which stored events leave the service, as which contract event.

Pure: one domain event in, one ``contracts.letters.v1`` event (or None) out. The contract
events carry no name, no identity reference and no letter text, so nothing here can
publish who wrote or who denounced.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol

from contracts.base import IntegrationEvent
from contracts.letters import v1
from contracts.vocabulary import Agency
from kernel.occurred import stamp
from letters.domain import letter_events as d
from letters.domain import reception as r

# The handler after an event is not on every event: the relay keeps no state, so events
# that need it carry it (Received: the recipient; Forwarded: ``to``); the rest name the
# body that acted (the ``agency/`` of ``by``), which is the handler (decision 13).


def _agency(by: str) -> Agency:
    return Agency(by.split("/", 1)[0])


def _received(e: d.Received) -> v1.LetterReceived:
    return v1.LetterReceived(
        letter_id=e.originator_id, kind=cast(v1.LetterKind, e.kind),
        treated_as=cast(v1.LetterKind, e.treated_as), channel=cast(v1.Channel, e.channel),
        received_on=e.received_on, handler=Agency(e.recipient), instance=e.instance,
        appeal_of=e.appeal_of, handling_due_on=e.handling_due, rule_id=e.handling_rule_id,
        legal_source=e.handling_legal_source)


def _flagged(e: d.RepeatFlagged) -> v1.LetterRepeatFlagged:
    return v1.LetterRepeatFlagged(letter_id=e.originator_id,
                                  similar_to=[UUID(i) for i in e.similar_to])


def _accepted(e: d.Accepted) -> v1.LetterAccepted:
    return v1.LetterAccepted(
        letter_id=e.originator_id, handler=_agency(e.by), accepted_on=e.accepted_on,
        on_time=e.on_time, due_on=e.due_on, rule_id=e.rule_id, legal_source=e.legal_source,
        notify_due_on=e.notify_due)


def _forwarded(e: d.Forwarded) -> v1.LetterForwarded:
    return v1.LetterForwarded(
        letter_id=e.originator_id, handler=Agency(e.to), forwarded_on=e.forwarded_on,
        due_on=e.due_on, on_time=e.on_time, handling_due_on=e.handling_due, rule_id=e.rule_id,
        legal_source=e.legal_source)


def _guided(e: d.Guided) -> v1.LetterGuided:
    return v1.LetterGuided(letter_id=e.originator_id, handler=_agency(e.by),
                           guided_on=e.guided_on)


def _extended(e: d.Extended) -> v1.LetterExtended:
    return v1.LetterExtended(letter_id=e.originator_id, handler=_agency(e.by), number=e.number,
                             due_on=e.due_on, rule_id=e.rule_id, legal_source=e.legal_source)


def _decided(e: d.Decided) -> v1.LetterDecided:
    return v1.LetterDecided(letter_id=e.originator_id, handler=_agency(e.by),
                            decided_on=e.decided_on, on_time=e.on_time)


def _appealed(e: d.Appealed) -> v1.LetterAppealed:
    return v1.LetterAppealed(letter_id=e.originator_id, second_letter_id=e.second_letter_id,
                             appealed_on=e.appealed_on)


def _withdrawn(e: d.Withdrawn) -> v1.ComplaintWithdrawn:
    return v1.ComplaintWithdrawn(letter_id=e.originator_id, handler=_agency(e.by),
                                 withdrawn_on=e.withdrawn_on)


def _notified(e: d.DenouncerNotified) -> v1.DenouncerNotified:
    return v1.DenouncerNotified(letter_id=e.originator_id, handler=_agency(e.by),
                                notified_on=e.notified_on, on_time=e.on_time)


def _reception(e: r.ReceptionHeld) -> v1.CitizenReceptionHeld:
    return v1.CitizenReceptionHeld(
        reception_id=e.originator_id, receiver=cast(v1.Receiver, e.receiver), holder=e.holder,
        held_on=e.held_on, online=e.online, citizens=e.citizens, letters=len(e.letter_ids),
        rule_id=e.rule_id, legal_source=e.legal_source)


def _missed(e: r.ReceptionMissed) -> v1.ReceptionObligationMissed:
    receiver = r.Receiver(e.receiver)
    return v1.ReceptionObligationMissed(
        finding_id=e.originator_id, receiver=cast(v1.Receiver, e.receiver), holder=e.holder,
        agency=receiver.agency, period_start=e.period_start, period_end=e.period_end,
        required_days=e.required_days, held_days=e.held_days, found_on=e.found_on,
        rule_id=e.rule_id, legal_source=e.legal_source)


_TRANSLATIONS: dict[type[Any], Callable[[Any], IntegrationEvent | None]] = {
    d.Received: _received, d.RepeatFlagged: _flagged, d.Accepted: _accepted,
    d.Forwarded: _forwarded, d.Guided: _guided, d.Extended: _extended, d.Decided: _decided,
    d.Appealed: _appealed, d.Withdrawn: _withdrawn, d.DenouncerNotified: _notified,
    r.ReceptionHeld: _reception, r.ReceptionMissed: _missed,
}


def translate(event: DomainEventProtocol[UUID]) -> IntegrationEvent | None:
    """The contract event for ``event``, or None when it stays private to the service; with
    the day its act happened and when it was recorded (kernel.occurred.stamp)."""
    translation = _TRANSLATIONS.get(type(event))
    return stamp(translation(event), event) if translation is not None else None
