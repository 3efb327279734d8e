"""The consuming side of an application: integration events applied in batches, tracked.

``TrackedConsumer`` (chassis.messaging.jetstream_consumer) feeds it from JetStream; tests
and dead-letter retries call it directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.persistence import Tracking

from chassis.application import ServiceApplication
from chassis.messaging.dead_letters import DeadLetterStore
from chassis.messaging.receipts import new_receipt, receipt_id
from chassis.tracing import consuming, stamp
from contracts import ReceivedEvent

# The batch whose policies are running (in the thread applying it): ``current`` and
# ``exists`` see its aggregates before they are committed.
APPLIED, DUPLICATE = "applied", "duplicate"
RECEIPTS_MARKER = "|receipts-after"  # suffix of the tracking name marking when receipts began


@dataclass(frozen=True)
class Anomaly:
    """A message not to be applied nor skipped in silence: the consumer parks it."""

    reason: str


Outcome = str | Anomaly  # APPLIED, DUPLICATE or an Anomaly

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

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        self._receipt_markers: dict[str, int] = {}

    # How far beyond the highest sequence applied a message's own may lie. Between two
    # published events a producer stores only its private ones (idempotency records,
    # internal steps): a few per command. A jump beyond this no producer explains; the
    # message is parked for a person to look at, never applied, never tracked.
    max_sequence_gap = 100_000

    def apply_received(self, received: ReceivedEvent, tracking_name: str) -> bool:
        """Applies one message unless it was applied already; True when applied."""
        return self.settle_batch([received], tracking_name) == [APPLIED]

    def apply_batch(self, batch: Sequence[ReceivedEvent], tracking_name: str) -> list[int]:
        """Applies the batch (``settle_batch``); returns the upstream sequences applied."""
        outcomes = self.settle_batch(batch, tracking_name)
        return [received.sequence for received, outcome in zip(batch, outcomes, strict=True)
                if outcome == APPLIED]

    def settle_batch(self, batch: Sequence[ReceivedEvent], tracking_name: str) -> list[Outcome]:
        """Applies, in one transaction and in order, the messages not applied yet.

        Each message gets its outcome: ``APPLIED``; ``DUPLICATE`` (its receipt is in the
        store, or it is at or below the position tracked before receipts were kept); or
        an ``Anomaly`` the caller parks (its sequence is far beyond the highest applied),
        which moves nothing. The tracking record is the highest sequence applied, when
        that is beyond the one stored; the receipts, saved with the policy's events, are
        what makes the effect exactly once. A policy that raises leaves the store
        untouched (the caller then applies the batch one by one).
        """
        with self.processing_lock:
            tracked = self.recorder.max_tracking_id(tracking_name)
            before_receipts = self._receipts_after(tracking_name, tracked)
            highest = max(tracked or 0, before_receipts)
            processing = ProcessingEvent[UUID]()
            outcomes: list[Outcome] = []
            token = _batch.set(processing)
            try:
                for received in batch:
                    outcome = self._settle_one(received, tracking_name, highest,
                                               before_receipts, processing)
                    if outcome == APPLIED:
                        highest = max(highest, received.sequence)
                    outcomes.append(outcome)
            finally:
                _batch.reset(token)
            if APPLIED not in outcomes:
                return outcomes
            if tracked is None or highest > tracked:
                processing.tracking = Tracking(tracking_name, highest)
            recordings = self._record(processing)
            self._take_snapshots(processing)
            self.notify(processing.events)
            self._notify(recordings)
            return outcomes

    def _settle_one(self, received: ReceivedEvent, tracking_name: str, highest: int,
                    before_receipts: int, processing: ProcessingEvent[UUID]) -> Outcome:
        if received.sequence <= before_receipts:
            return DUPLICATE  # applied before receipts were kept: tracking said so then
        if self.exists(receipt_id(tracking_name, received)):
            return DUPLICATE
        if received.sequence > highest + self.max_sequence_gap:
            return Anomaly(f"sequence {received.sequence} is far beyond {highest}, the "
                           f"highest applied from {received.source}: not applied, not tracked")
        collected = len(processing.events)
        with consuming(received, tracking_name) as traceparent:
            self.policy(received, processing)
        stamp(processing.events[collected:], traceparent)
        processing.collect_events(new_receipt(tracking_name, received))
        return APPLIED

    def _receipts_after(self, tracking_name: str, tracked: int | None) -> int:
        """The position tracked when this store began keeping receipts for the name.

        A store written before receipts existed knows only its highest sequence applied:
        a message at or below it is taken as applied, as it was then. The first batch
        under a name writes that position down once (0 for a new consumer).
        """
        marker = f"{tracking_name}{RECEIPTS_MARKER}"
        known = self._receipt_markers.get(marker)
        if known is None:
            known = self.recorder.max_tracking_id(marker)
            if known is None:
                known = tracked or 0
                self.recorder.insert_tracking(Tracking(marker, known))
            self._receipt_markers[marker] = known
        return known

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
        return self.exists_in_store(aggregate_id)
