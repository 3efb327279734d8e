"""The outbox relay: a service's notification log, published to JetStream (decision 4).

The log is the outbox: a command's events are committed once, in the service's own store,
and this relay publishes them afterwards. It reads from the last published position,
translates the allow-listed domain events into integration events (the rest stay private),
publishes a batch pipelined, awaits every JetStream ack, and only then records the new
position in the same store. A crash anywhere re-publishes at most one batch, which
JetStream drops by ``Nats-Msg-Id`` within its duplicate window.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import IntegrityError, Tracking
from nats.js import JetStreamContext
from nats.js.api import PubAck

from chassis.application import ServiceApplication
from chassis.messaging.nats_connection import retry_is_pointless
from chassis.messaging.streams import stream_name
from chassis.metrics import EVENTS_RELAYED, RELAY_LAG
from chassis.tracing import traceparent_of
from contracts import IntegrationEvent, encode_cloudevent

log = logging.getLogger(__name__)

Translate = Callable[[DomainEventProtocol[UUID]], IntegrationEvent | None]


@dataclass(frozen=True)
class Outgoing:
    """One encoded CloudEvent, ready to publish."""

    subject: str
    ce_id: str
    body: bytes


@dataclass(frozen=True)
class Batch:
    """What one read of the log gave: the events to publish and the position it reaches."""

    messages: list[Outgoing]
    last_id: int | None  # highest notification id read; None when the log had nothing new
    full: bool  # the read hit its limit: more may follow at once


@dataclass(frozen=True)
class ReadBatch:
    """A batch that reached somewhere new in the log."""

    messages: list[Outgoing]
    last_id: int


class OutboxRelay:
    """Publishes one service's stored events to its JetStream stream, exactly once."""

    def __init__(
        self,
        app: ServiceApplication,
        *,
        service: str,
        jurisdiction: str,
        translate: Translate,
        js: JetStreamContext,
        batch_size: int = 500,
        poll_interval: float = 0.5,
        ack_timeout: float = 10.0,
        max_backoff: float = 10.0,
    ) -> None:
        self.app = app
        self.service = service
        self.jurisdiction = jurisdiction
        self.translate = translate
        self.js = js
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        self.ack_timeout = ack_timeout
        self.max_backoff = max_backoff
        self.position_name = f"relay:{service}"
        self.stream = stream_name(jurisdiction, service)
        self._position: int | None = None  # cached; None means "read it from the store"
        self._wake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def position(self) -> int:
        """The highest notification id whose publication JetStream acknowledged."""
        if self._position is None:
            stored = await asyncio.to_thread(self.app.recorder.max_tracking_id, self.position_name)
            self._position = stored or 0
        return self._position

    async def publish_pending(self) -> int:
        """Publishes every notification after the recorded position; returns how many."""
        published = 0
        async with contextlib.aclosing(self._batches(await self.position())) as batches:
            async for batch in batches:
                acks = await self._publish(batch.messages)
                await self._record(batch.last_id)  # only after every ack of the batch
                published += len(acks)
                EVENTS_RELAYED.labels(self.service).inc(sum(1 for a in acks if not a.duplicate))
        await self._measure_lag()
        return published

    async def republish(self, after: int) -> int:
        """Publishes again every notification after ``after`` (an operator's or audit's repair).

        Within the duplicate window JetStream drops what it already has. The recorded
        position only ever moves forward.
        """
        published = 0
        async with contextlib.aclosing(self._batches(after)) as batches:
            async for batch in batches:
                published += len(await self._publish(batch.messages))
                if batch.last_id > await self.position():
                    await self._record(batch.last_id)
        return published

    async def _batches(self, after: int) -> AsyncGenerator[ReadBatch, None]:
        """The log after ``after``, batch by batch, in order; stops at its end.

        While the caller publishes one batch and awaits its acks, the next one is already
        being read and encoded in a thread. Only reading runs ahead: publishing, acks and
        the recorded position stay strictly batch after batch.
        """
        reading = asyncio.ensure_future(asyncio.to_thread(self._read, after))
        try:
            while True:
                batch = await reading
                if batch.last_id is None:
                    return
                if batch.full:
                    reading = asyncio.ensure_future(asyncio.to_thread(self._read, batch.last_id))
                yield ReadBatch(batch.messages, batch.last_id)
                if not batch.full:
                    return
        finally:
            # The caller stopped early (an error): the read ahead is thrown away, and so is
            # any error it met (the next pass reads again from the recorded position).
            reading.cancel()
            if reading.done() and not reading.cancelled():
                reading.exception()

    async def run(self) -> None:
        """Publishes until cancelled: wakes on every save and at least every poll interval."""
        self._listen()
        backoff = 0.1
        while True:
            assert self._wake is not None
            self._wake.clear()  # before reading: a save during the pass wakes the next one
            try:
                await self.publish_pending()
                backoff = 0.1
            except Exception as error:  # NATS or store trouble: retry from the recorded position
                if retry_is_pointless(error):
                    raise
                self._position = None
                log.warning("relay %s: %s; retrying in %.1fs", self.service, error, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self.max_backoff)
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_interval)

    def _listen(self) -> None:
        if self._loop is None:
            self.app.add_save_listener(self._on_save)
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()

    def _on_save(self, _highest: int) -> None:
        # Runs in the thread that saved: it must never raise into the command's save.
        loop, wake = self._loop, self._wake
        if loop is None or wake is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed in between
            loop.call_soon_threadsafe(wake.set)

    def _read(self, after: int) -> Batch:
        notifications = self.app.recorder.select_notifications(
            start=after, limit=self.batch_size, inclusive_of_start=False
        )
        messages: list[Outgoing] = []
        for notification in notifications:
            event = self.app.mapper.to_domain_event(notification)
            integration = self.translate(event)
            if integration is not None:
                messages.append(self._encode(integration, event, notification.id))
        last_id = notifications[-1].id if notifications else None
        return Batch(messages, last_id, full=len(notifications) >= self.batch_size)

    def _encode(
        self, integration: IntegrationEvent, event: DomainEventProtocol[UUID], sequence: int
    ) -> Outgoing:
        return Outgoing(*published_form(integration, event, self.jurisdiction, sequence))

    async def _publish(self, messages: list[Outgoing]) -> list[PubAck]:
        futures: list[asyncio.Future[PubAck]] = []
        try:
            for message in messages:
                headers: dict[str, Any] = {"Nats-Msg-Id": message.ce_id}
                futures.append(
                    await self.js.publish_async(
                        message.subject, message.body, headers=headers, stream=self.stream
                    )
                )
            # nats-py never fails a pending future on disconnect: bound the wait ourselves.
            return await asyncio.wait_for(asyncio.gather(*futures), self.ack_timeout)
        finally:
            for future in futures:
                future.cancel()  # no-op when done; frees nats-py's in-flight slots otherwise

    async def _record(self, last_id: int) -> None:
        try:
            await asyncio.to_thread(
                self.app.recorder.insert_tracking, Tracking(self.position_name, last_id)
            )
        except IntegrityError:
            # Another relay of this service got further first: take its position.
            self._position = None
            log.warning("relay %s: position %d already passed", self.service, last_id)
            return
        self._position = last_id

    async def _measure_lag(self) -> None:
        highest = await asyncio.to_thread(self.app.recorder.max_notification_id)
        RELAY_LAG.labels(self.service).set(max(0, (highest or 0) - await self.position()))


def published_form(
    integration: IntegrationEvent, event: DomainEventProtocol[UUID], jurisdiction: str,
    sequence: int,
) -> tuple[str, str, bytes]:
    """``(subject, CloudEvents id, body)`` of the message a stored event is published as:
    the relay sends it, the audit compares the stream with it."""
    return encode_cloudevent(
        integration,
        jurisdiction=jurisdiction,
        sequence=sequence,
        subject=str(event.originator_id),
        time=event.timestamp,  # type: ignore[attr-defined]  # every stored event has one
        traceparent=traceparent_of(event),
    )
