"""A subscriber to phoihop's events, on FastStream, with exactly-once effect.

    subscriber = Subscriber("archive", nats_url=..., jurisdiction="tien-giang",
                            database="archive.db")

    @subscriber.handler(PetitionForwarded)
    def forwarded(event: PetitionForwarded, envelope: ReceivedEvent,
                  db: sqlite3.Connection) -> None:
        db.execute("update petitions set agency = ? where id = ?", ...)

    asyncio.run(subscriber.run())

One durable pull consumer per producing service (``<name>-<service>``, on the producer's
stream ``PHOIHOP_<JURISDICTION>_<SERVICE>``), one message at a time. For each message:

- not a phoihop CloudEvent, failing its schema, or from another source: parked as a dead
  letter at once and acked (no retry can make it valid);
- no handler for its type: acked, nothing done;
- already applied (its receipt is in the database): acked, nothing done;
- otherwise the handler runs inside a transaction of the subscriber's database that also
  records the receipt; the message is acked only after the commit. A crash before the
  commit leaves no effect and the message comes again; a crash after it leaves the receipt,
  and the redelivery is acked without effect;
- a handler that raises: rolled back, then the message is nak'ed with a growing delay and
  redelivered, up to ``max_attempts`` deliveries; then parked as a dead letter and acked.

Acks are manual (``AckPolicy.MANUAL``): FastStream's NATS default (``REJECT_ON_ERROR``)
*terminates* a message whose handler raised, so it would never come again. The pull batch
is one message: FastStream handles a batch's messages concurrently, and the consumer allows
one unacknowledged message (``max_ack_pending=1``), so events are applied in the order the
stream has them, a retried one before any later one.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import nats
from faststream import FastStream
from faststream.middlewares import AckPolicy
from faststream.nats import JStream, NatsBroker, PullSub
from faststream.nats.annotations import NatsMessage
from nats.js.api import AckPolicy as JetStreamAckPolicy
from nats.js.api import ConsumerConfig, DeliverPolicy
from nats.js.errors import APIError, NotFoundError
from opentelemetry import propagate, trace

from contracts import (
    CloudEventError,
    IntegrationEvent,
    ReceivedEvent,
    decode_cloudevent,
    event_source,
    event_subject,
    stream_name,
    stream_subjects,
)
from phoihop_subscriber.ledger import Ledger

log = logging.getLogger("phoihop_subscriber")
_tracer = trace.get_tracer("phoihop_subscriber")

E = TypeVar("E", bound=IntegrationEvent)
Handler = Callable[[E, ReceivedEvent, sqlite3.Connection], None]
MAX_BODY_BYTES = 256 * 1024  # as phoihop's own consumers: larger is not an event of ours


class Subscriber:
    """Typed handlers on the contracts' models, applied exactly once to ``database``."""

    def __init__(
        self,
        name: str,
        *,
        nats_url: str,
        jurisdiction: str,
        database: str | Path,
        max_attempts: int = 5,
        retry_delay: float = 0.5,
        ack_wait: float = 30.0,
        fetch_timeout: float = 2.0,
        js_api_prefix: str | None = None,
    ) -> None:
        self.name = name
        self.nats_url = nats_url
        self.jurisdiction = jurisdiction
        self.ledger = Ledger(database)
        self.max_attempts = max_attempts
        self.retry_delay = retry_delay
        self.ack_wait = ack_wait
        self.fetch_timeout = fetch_timeout
        # Across NATS accounts (an agency's user, e.g. `ubnd`) a producer's stream is reached
        # through the JetStream API its account exports, e.g. "$JS.petitions.API": one
        # producing service per Subscriber then.
        self.js_api_prefix = js_api_prefix
        self._handlers: dict[type[IntegrationEvent], Callable[..., None]] = {}

    def handler(self, event_class: type[E]) -> Callable[[Handler[E]], Handler[E]]:
        """Registers ``function(event, envelope, db)`` for one contract event."""

        def register(function: Handler[E]) -> Handler[E]:
            if event_class in self._handlers:
                raise ValueError(f"{event_class.cloudevent_type()} already has a handler")
            self._handlers[event_class] = function
            return function

        return register

    def durable(self, upstream: str) -> str:
        return f"{self.name}-{upstream}"

    def upstreams(self) -> list[str]:
        return sorted({event.service for event in self._handlers})

    def broker(self) -> NatsBroker:
        """A FastStream broker with one subscriber per producing service."""
        if self.js_api_prefix and len(self.upstreams()) > 1:
            raise ValueError("with js_api_prefix, handle the events of one service only")
        options = {"prefix": self.js_api_prefix} if self.js_api_prefix else None
        broker = NatsBroker(self.nats_url, logger=log, js_options=options)
        for upstream in self.upstreams():
            self._subscribe(broker, upstream)
        return broker

    def app(self) -> FastStream:
        return FastStream(self.broker(), logger=log)

    async def run(self) -> None:
        """Runs until SIGINT or SIGTERM."""
        try:
            await self.rewind_unacknowledged()
            await self.app().run()
        finally:
            self.ledger.close()

    async def rewind_unacknowledged(self) -> None:
        """A message an earlier process held when it died would wait out ``ack_wait``
        (blocking the rest: one may be in hand); resetting the durable to its ack floor
        redelivers it now (nats-server 2.14+; older servers keep the wait)."""
        client = await nats.connect(self.nats_url, name=f"{self.name}-rewind")
        try:
            js = client.jetstream(**({"prefix": self.js_api_prefix} if self.js_api_prefix else {}))
            for upstream in self.upstreams():
                stream, durable = stream_name(self.jurisdiction, upstream), self.durable(upstream)
                try:
                    info = await js.consumer_info(stream, durable)
                    if info.num_ack_pending:
                        await js.reset_consumer(stream, durable)
                        log.info("%s: rewound to its ack floor", durable)
                except (NotFoundError, APIError) as error:  # new durable, or an old server
                    log.info("%s: no rewind (%s)", durable, error)
        finally:
            await client.close()

    def _subscribe(self, broker: NatsBroker, upstream: str) -> None:
        durable = self.durable(upstream)
        config = ConsumerConfig(
            durable_name=durable,
            ack_policy=JetStreamAckPolicy.EXPLICIT,
            deliver_policy=DeliverPolicy.ALL,
            max_ack_pending=1,  # one in hand: the stream's order, retries in place
            max_deliver=-1,  # the kit parks dead letters itself
            ack_wait=self.ack_wait,
        )

        @broker.subscriber(
            stream_subjects(self.jurisdiction, upstream),
            stream=JStream(stream_name(self.jurisdiction, upstream), declare=False),
            durable=durable,
            config=config,
            pull_sub=PullSub(batch_size=1, timeout=self.fetch_timeout),
            ack_policy=AckPolicy.MANUAL,
            title=f"{durable}",
            description=f"{self.name}: the {upstream} events it handles, exactly once",
        )
        async def on_message(message: NatsMessage) -> None:
            await self.handle(message, durable, upstream)

    async def handle(self, message: Any, consumer: str, upstream: str) -> None:
        """One delivery: decode, apply once, then ack (or nak for a retry, or park)."""
        raw = message.raw_message
        metadata = raw.metadata
        attempts, sequence = metadata.num_delivered, metadata.sequence.stream
        try:
            received = self._decode(raw.data, upstream, raw.subject)
        except CloudEventError as error:
            log.warning("%s: parking stream message %s: %s", consumer, sequence, error)
            await asyncio.to_thread(self.ledger.park, consumer, sequence, raw.subject,
                                    raw.data[:MAX_BODY_BYTES], str(error), attempts)
            await message.ack()
            return
        function = self._handlers.get(type(received.data))
        if function is None:
            await message.ack()
            return
        try:
            await asyncio.to_thread(self.apply, consumer, received, function)
        except Exception as error:
            if attempts >= self.max_attempts:
                log.error("%s: parking %s after %d attempts: %r", consumer, received.id,
                          attempts, error)
                await asyncio.to_thread(self.ledger.park, consumer, sequence, raw.subject,
                                        raw.data, repr(error), attempts)
                await message.ack()
            else:
                delay = min(self.retry_delay * 2 ** (attempts - 1), 30.0)
                log.warning("%s: %s failed (attempt %d), again in %.1fs: %r", consumer,
                            received.id, attempts, delay, error)
                await message.nack(delay=delay)
            return
        await message.ack()

    def apply(self, consumer: str, received: ReceivedEvent,
              function: Callable[..., None]) -> bool:
        """Runs ``function`` and records the receipt in one transaction; False when the
        event was already applied (nothing runs then)."""
        with self.ledger.transaction() as db:
            if self.ledger.applied(db, consumer, received):
                return False
            with _handling_span(consumer, received):
                function(received.data, received, db)
            self.ledger.record_receipt(db, consumer, received)
        return True

    def retry_dead_letter(self, letter_id: int) -> bool:
        """Applies a parked letter again, once (an operator's repair after a fix); True when
        it is now applied, False when it is still parked (the error is logged)."""
        letter = next((d for d in self.ledger.dead_letters() if d.id == letter_id), None)
        if letter is None:
            raise KeyError(f"no parked dead letter {letter_id}")
        upstream = letter.consumer.removeprefix(f"{self.name}-")
        try:
            received = self._decode(letter.body, upstream, letter.subject)
            function = self._handlers[type(received.data)]
            with self.ledger.transaction() as db:
                if not self.ledger.applied(db, letter.consumer, received):
                    function(received.data, received, db)
                    self.ledger.record_receipt(db, letter.consumer, received)
                self.ledger.mark(db, letter_id, "retried")
        except Exception as error:
            log.error("dead letter %s still fails: %r", letter_id, error)
            return False
        return True

    def _decode(self, body: bytes, upstream: str, subject: str) -> ReceivedEvent:
        """The envelope, if it is one of ``upstream``'s events on its own subject."""
        if len(body) > MAX_BODY_BYTES:
            raise CloudEventError(f"over {MAX_BODY_BYTES} bytes")
        received = decode_cloudevent(body)
        expected = event_source(self.jurisdiction, upstream)
        if received.source != expected:
            raise CloudEventError(f"source {received.source!r} is not {expected!r}")
        model = type(received.data)
        own = event_subject(self.jurisdiction, model.service, model.event_name(), model.major)
        if subject != own:
            raise CloudEventError(f"{received.type} arrived on {subject!r}, not {own!r}")
        return received


def _handling_span(consumer: str, received: ReceivedEvent) -> Any:
    """A CONSUMER span around a handler, child of the trace of the command that caused the
    event (its CloudEvents ``traceparent``). Records nothing unless the subscriber's
    process configured an OpenTelemetry SDK."""
    parent = (propagate.extract({"traceparent": received.traceparent})
              if received.traceparent else None)
    return _tracer.start_as_current_span(
        f"{consumer} process {received.type}", context=parent, kind=trace.SpanKind.CONSUMER,
        attributes={"messaging.system": "nats", "messaging.message.id": received.id})
