"""Two small applications for the messaging tests, shared with the subprocess programs.

``PetitionDesk`` produces: each petition recorded is published as ``PetitionRecorded``;
notes on a petition are private domain events and never leave the service.
``PetitionTally`` consumes: one ``Tally`` per petition counts the ``PetitionRecorded``
events applied for it, so a lost effect is a missing tally and a doubled one a count of 2.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.application import AggregateNotFoundError, ProcessingEvent
from eventsourcing.dispatch import singledispatchmethod
from eventsourcing.domain import Aggregate, DomainEventProtocol, event
from eventsourcing.persistence import Recording
from eventsourcing.utils import get_topic

from chassis.application import ServiceApplication
from chassis.messaging.consuming_application import ConsumingApplication
from contracts import IntegrationEvent, ReceivedEvent
from contracts.petitions.v1 import PetitionRecorded

SERVICE = "petitions"


class Petition(Aggregate):
    """A voter's petition as the producing test service keeps it."""

    class Recorded(Aggregate.Created):
        text: str
        commune: str

    class Noted(Aggregate.Event):
        remark: str

    @event(Recorded)
    def __init__(self, text: str, commune: str) -> None:
        self.text = text
        self.commune = commune
        self.remarks: list[str] = []

    @event(Noted)
    def note(self, remark: str) -> None:
        """A private remark: stored, never published."""
        self.remarks.append(remark)


class PetitionDesk(ServiceApplication):
    """The producing test service."""

    def record(self, text: str, commune: str = "Tân Phú") -> UUID:
        """Records one petition (one command, one transaction)."""
        petition = Petition(text, commune)
        self.save(petition)
        return petition.id

    def note(self, petition_id: UUID, remark: str) -> None:
        """Adds a private remark to a petition."""
        petition: Petition = self.repository.get(petition_id)
        petition.note(remark)
        self.save(petition)


def translate(domain_event: DomainEventProtocol[UUID]) -> IntegrationEvent | None:
    """The desk's allow-list: recorded petitions are published, remarks stay private."""
    if isinstance(domain_event, Petition.Recorded):
        return PetitionRecorded(
            petition_id=domain_event.originator_id,
            text=domain_event.text,
            commune=domain_event.commune,
            channel="meeting",
            recorded_at=domain_event.timestamp,
        )
    return None


class Tally(Aggregate):
    """How many times a petition's ``PetitionRecorded`` was applied (it must be once)."""

    class Started(Aggregate.Created):
        petition_id: UUID
        text: str

    class Counted(Aggregate.Event):
        pass

    @staticmethod
    def create_id(petition_id: UUID) -> UUID:
        """One tally per petition."""
        return uuid5(NAMESPACE_URL, f"tally:{petition_id}")

    @event(Started)
    def __init__(self, petition_id: UUID, text: str) -> None:
        self.petition_id = petition_id
        self.text = text
        self.count = 1

    @event(Counted)
    def count_again(self) -> None:
        """The same petition applied once more: what exactly-once must prevent."""
        self.count += 1


class PetitionTally(ConsumingApplication):
    """The consuming test service; ``failures`` makes its handler fail on purpose."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        self.failures: dict[str, int] = {}  # text -> failures left (-1: always)
        self.before_commit: Callable[[], None] | None = None  # where crash tests kill it
        self.received: list[ReceivedEvent] = []  # every envelope its policy was given

    def _record(self, processing_event: ProcessingEvent[UUID]) -> list[Recording[UUID]]:
        if self.before_commit is not None and processing_event.tracking is not None:
            self.before_commit()
        return super()._record(processing_event)

    def policy(self, received: ReceivedEvent, processing_event: ProcessingEvent[UUID]) -> None:
        """Notes the envelope, then counts what the contract event says."""
        self.received.append(received)
        self.count(received.data, processing_event)

    @singledispatchmethod
    def count(self, domain_event: Any, processing_event: ProcessingEvent[UUID]) -> None:
        """Ignores what it does not count."""

    @count.register
    def _(self, domain_event: PetitionRecorded, processing_event: ProcessingEvent[UUID]) -> None:
        left = self.failures.get(domain_event.text, 0)
        if left:
            self.failures[domain_event.text] = left - 1 if left > 0 else left
            raise RuntimeError(f"handler failed on purpose for {domain_event.text!r}")
        try:
            tally: Tally = self.current(Tally.create_id(domain_event.petition_id))
            tally.count_again()
        except AggregateNotFoundError:
            tally = Tally(domain_event.petition_id, domain_event.text)
        processing_event.collect_events(tally)

    def tallies(self) -> list[Tally]:
        """Every tally, in the order the consumer created them."""
        started = self.recorder.select_notifications(
            0, 1_000_000, topics=[get_topic(Tally.Started)], inclusive_of_start=False
        )
        return [self.repository.get(UUID(str(n.originator_id))) for n in started]
