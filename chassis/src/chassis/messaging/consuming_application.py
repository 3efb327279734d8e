"""The consuming side of an application: integration events applied in batches, tracked.

``TrackedConsumer`` (chassis.messaging.jetstream_consumer) feeds it from JetStream; tests
and dead-letter retries call it directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from typing import Any
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.persistence import Tracking

from chassis.application import ServiceApplication
from chassis.messaging.dead_letters import DeadLetterStore
from contracts import ReceivedEvent

# The batch whose policies are running (in the thread applying it): ``current`` and
# ``exists`` see its aggregates before they are committed.
_batch: ContextVar[ProcessingEvent[UUID] | None] = ContextVar("consumer_batch", default=None)


def tracking_name(source: str, purpose: str) -> str:
    """The tracking record's name: the upstream CloudEvents source plus the consumer's purpose."""
    return f"{source}#{purpose}"


class ConsumingApplication(ServiceApplication, DeadLetterStore):
    """A service's Application that applies other services' integration events.

    Subclasses implement ``policy(received, processing_event)``: ``received`` is the whole
    CloudEvent (id, source, type, subject, time, sequence and the validated contract event
    as ``data``), the same whether it comes from the consumer or from a dead-letter retry.
    A policy collects new aggregates with ``processing_event.collect_events(...)``; one
    that ignores an event type still lets its tracking record advance. Being a
    ``ServiceApplication`` too, its own events can feed an ``OutboxRelay``.

    Messages are applied in batches, one transaction each, so a policy that reads an
    aggregate must read it with ``current(aggregate_id)``: an earlier message of the same
    batch may have changed it, and that change is not in the store until the commit.
    """

    def apply_received(self, received: ReceivedEvent, tracking_name: str) -> bool:
        """Applies one message unless its sequence is tracked already; True when applied."""
        return bool(self.apply_batch([received], tracking_name))

    def apply_batch(self, batch: Sequence[ReceivedEvent], tracking_name: str) -> list[int]:
        """Applies, in one transaction and in order, the messages not tracked yet.

        Returns the upstream sequences applied. The tracking record is the batch's highest
        sequence: tracking remembers only the highest one seen, which is right because
        every earlier message of the batch is committed with it. A policy that raises
        leaves the store untouched (the caller then applies the batch one by one).
        """
        with self.processing_lock:
            highest = self.recorder.max_tracking_id(tracking_name)
            fresh: list[ReceivedEvent] = []
            for received in batch:
                if highest is None or received.sequence > highest:
                    fresh.append(received)
                    highest = received.sequence
            if not fresh:
                return []
            processing = ProcessingEvent[UUID](Tracking(tracking_name, fresh[-1].sequence))
            token = _batch.set(processing)
            try:
                for received in fresh:
                    self.policy(received, processing)
            finally:
                _batch.reset(token)
            recordings = self._record(processing)
            self._take_snapshots(processing)
            self.notify(processing.events)
            self._notify(recordings)
            return [received.sequence for received in fresh]

    def current(self, aggregate_id: UUID) -> Any:
        """The aggregate as the batch being applied left it, else as stored.

        Raises ``AggregateNotFoundError`` when it is in neither.
        """
        processing = _batch.get()
        if processing is not None and aggregate_id in processing.aggregates:
            return processing.aggregates[aggregate_id]
        return self.repository.get(aggregate_id)

    def exists(self, aggregate_id: UUID) -> bool:
        """Whether the aggregate is in the batch being applied or in the store."""
        processing = _batch.get()
        if processing is not None and aggregate_id in processing.aggregates:
            return True
        # One stored event is proof enough: `aggregate_id in self.repository` would
        # rebuild the whole aggregate only to throw it away.
        return bool(self.recorder.select_events(aggregate_id, limit=1))
