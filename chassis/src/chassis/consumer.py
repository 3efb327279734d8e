"""The tracked consumer: other services' integration events, applied exactly once (decision 5).

A consuming service subclasses ``ConsumingApplication`` and implements ``policy`` for the
contract events it cares about. ``TrackedConsumer`` feeds it from a durable JetStream pull
consumer: the policy's new events and a tracking record (upstream source + the producer's
sequence) are saved in one transaction, then the message is acked. A redelivered message
is recognised by its tracking record and acked without effect.

Order is what makes this safe. Tracking remembers only the highest sequence seen, so a
later message processed before an earlier one would make the earlier one look applied
(the probe lost 50 effects that way with a batch fetch). The consumer therefore runs with
``max_ack_pending=1``, fetches one message at a time and retries a failing message in
place (never a nak that lets the next one through): the server itself cannot deliver
message n+1 before n is acked, whatever happens to this process or to the connection.
It costs throughput (one round trip per message), which a province's event rates allow.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import nats.errors
from eventsourcing.persistence import Tracking
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, ConsumerInfo, DeliverPolicy, ReplayPolicy
from nats.js.errors import APIError, BadRequestError

from chassis.application import ServiceApplication
from chassis.dead_letters import DeadLetterStore, new_dead_letter
from chassis.metrics import CONSUMER_LAG, DEAD_LETTERS, MESSAGES_CONSUMED
from chassis.nats_connection import retry_is_pointless
from contracts import CloudEventError, ReceivedEvent, decode_cloudevent

log = logging.getLogger(__name__)

APPLIED, DUPLICATE, PARKED = "applied", "duplicate", "parked"
IDLE_FETCHES_BEFORE_CHECK = 5  # idle fetches in a row before asking the server if it agrees


def tracking_name(source: str, purpose: str) -> str:
    """The tracking record's name: the upstream CloudEvents source plus the consumer's purpose."""
    return f"{source}#{purpose}"


class ConsumingApplication(ServiceApplication, DeadLetterStore):
    """A service's Application that applies other services' integration events.

    Subclasses implement ``policy(event, processing_event)`` as a ``singledispatchmethod``
    registered on contract classes, collecting new aggregates with
    ``processing_event.collect_events(...)``; events without a registration are skipped
    (their tracking record still advances). Being a ``ServiceApplication`` too, its own
    events can feed an ``OutboxRelay``.
    """

    def apply_received(self, received: ReceivedEvent, tracking_name: str) -> bool:
        """Applies one message unless its sequence is tracked already; True when applied."""
        if self.recorder.has_tracking_id(tracking_name, received.sequence):
            return False
        tracking = Tracking(tracking_name, received.sequence)
        self.process_event(received.data, tracking)  # type: ignore[arg-type]
        return True


class TrackedConsumer:
    """Runs one durable pull consumer into a ``ConsumingApplication``, one message at a time."""

    def __init__(
        self,
        app: ConsumingApplication,
        js: JetStreamContext,
        stream: str,
        durable: str,
        filter_subject: str,
        tracking_name: str,
        max_attempts: int = 5,
        *,
        expected_source: str | None = None,
        retry_delay: float = 0.5,
        max_retry_delay: float = 30.0,
        ack_wait: float = 30.0,
        fetch_timeout: float = 1.0,
        max_message_bytes: int = 256 * 1024,
    ) -> None:
        self.app = app
        self.js = js
        self.stream = stream
        self.durable = durable
        self.filter_subject = filter_subject
        self.tracking_name = tracking_name
        self.max_attempts = max_attempts
        self.expected_source = expected_source
        self.retry_delay = retry_delay
        self.max_retry_delay = max_retry_delay
        self.ack_wait = ack_wait
        self.fetch_timeout = fetch_timeout
        self.max_message_bytes = max_message_bytes
        self._sub: JetStreamContext.PullSubscription | None = None
        self._idle_fetches = 0

    def consumer_config(self) -> ConsumerConfig:
        """The durable's settings: explicit acks, one message in flight, unlimited deliveries."""
        return ConsumerConfig(
            name=self.durable,
            durable_name=self.durable,
            description=f"tracked consumer {self.tracking_name}",
            deliver_policy=DeliverPolicy.ALL,
            ack_policy=AckPolicy.EXPLICIT,
            ack_wait=self.ack_wait,
            max_deliver=-1,  # a server-side limit would skip a message: dead letters are ours
            max_ack_pending=1,
            filter_subject=self.filter_subject,
            replay_policy=ReplayPolicy.INSTANT,
        )

    async def ensure_consumer(self) -> ConsumerInfo:
        """Creates or updates the durable, then redelivers at once a message left unacked."""
        config = self.consumer_config()
        try:
            info = await self.js.add_consumer(self.stream, config)
        except BadRequestError as error:
            # A setting the server cannot change in place: start the durable again from
            # the stream's beginning; tracking makes every replayed message a no-op.
            log.warning("consumer %s recreated: %s", self.durable, error)
            await self.js.delete_consumer(self.stream, self.durable)
            info = await self.js.add_consumer(self.stream, config)
        self._check(info)
        if info.num_ack_pending:
            info = await self._rewind(info)
        return info

    async def process_next(self) -> bool:
        """Fetches and settles at most one message; False when none came in time."""
        if self._sub is None:
            await self.ensure_consumer()
            self._sub = await self.js.pull_subscribe_bind(durable=self.durable, stream=self.stream)
        try:
            messages = await self._sub.fetch(1, timeout=self.fetch_timeout)
        except nats.errors.TimeoutError:
            return False
        for message in messages:
            await self._settle(message)
        return True

    async def run(self) -> None:
        """Consumes until cancelled; gets over NATS restarts by itself (resubscribes, rewinds)."""
        backoff = 0.1
        try:
            while True:
                try:
                    if await self.process_next():
                        self._idle_fetches = 0
                    else:
                        await self._after_idle_fetch()
                    backoff = 0.1
                except Exception as error:  # connection lost, server restarting, consumer gone
                    if retry_is_pointless(error):
                        raise
                    log.warning("consumer %s: %r; again in %.1fs", self.durable, error, backoff)
                    await self._drop_subscription()
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, 5.0)
        finally:
            # nats-py's fetch never marks its queue's messages done: a subscription left
            # behind makes the connection's drain wait out its whole timeout at shutdown.
            await self._drop_subscription()

    async def stop(self) -> None:
        """Unsubscribes, after ``run`` was cancelled (the durable stays on the server)."""
        await self._drop_subscription()

    async def _settle(self, msg: Msg) -> None:
        outcome = await self._handle(msg)
        await msg.ack()  # after commit; a lost ack means a redelivery, which tracking absorbs
        MESSAGES_CONSUMED.labels(self.durable, outcome).inc()
        CONSUMER_LAG.labels(self.durable).set(msg.metadata.num_pending)

    async def _handle(self, msg: Msg) -> str:
        if len(msg.data) > self.max_message_bytes:
            return await self._park_poison(msg, f"oversized: {len(msg.data)} bytes")
        try:
            received = decode_cloudevent(msg.data)
        except CloudEventError as error:
            return await self._park_poison(msg, str(error))
        if self.expected_source and received.source != self.expected_source:
            # Its sequence would move a tracking name it does not belong to.
            return await self._park_poison(msg, f"unexpected source {received.source}")
        attempt = 0
        while True:
            attempt += 1
            try:
                applied = await asyncio.to_thread(
                    self.app.apply_received, received, self.tracking_name
                )
                return APPLIED if applied else DUPLICATE
            except Exception as error:  # the handler's or the store's: retry in place
                log.warning("consumer %s: attempt %d failed: %r", self.durable, attempt, error)
                if attempt >= self.max_attempts:
                    try:
                        return await self._park(msg, repr(error), received, attempt)
                    except Exception as problem:  # the store is down: keep trying both
                        log.error("consumer %s: cannot park: %r", self.durable, problem)
                await self._pause(msg, attempt)

    async def _park_poison(self, msg: Msg, error: str) -> str:
        failures = 0
        while True:  # a store that cannot even park keeps the message in progress
            try:
                return await self._park(msg, error, None, 1)
            except Exception as problem:
                failures += 1
                log.error("consumer %s: cannot park: %r", self.durable, problem)
                await self._pause(msg, failures)

    async def _park(
        self, msg: Msg, error: str, received: ReceivedEvent | None, attempts: int
    ) -> str:
        letter = new_dead_letter(
            consumer=self.durable,
            stream=self.stream,
            stream_sequence=msg.metadata.sequence.stream,
            subject=msg.subject,
            body=msg.data,
            headers=msg.headers,
            error=error,
            attempts=attempts,
            tracking_name=self.tracking_name,
            upstream_sequence=received.sequence if received else None,
        )
        if not await asyncio.to_thread(self.app.park, letter):
            return DUPLICATE
        DEAD_LETTERS.labels(self.durable).inc()
        log.warning("consumer %s parked %s: %s", self.durable, letter.id, error)
        return PARKED

    async def _pause(self, msg: Msg, attempt: int) -> None:
        """Waits before the next attempt, telling the server the message is still in hand."""
        delay = min(self.retry_delay * 2 ** (attempt - 1), self.max_retry_delay)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + delay
        while (remaining := deadline - loop.time()) > 0:
            try:
                await msg.in_progress()
            except Exception as error:  # not fatal: at worst the server redelivers it
                log.debug("in_progress failed: %r", error)
            await asyncio.sleep(min(remaining, self.ack_wait / 3))

    async def _after_idle_fetch(self) -> None:
        # A fetch that finds nothing although messages wait means a delivery or the inbox
        # was lost (a NATS restart, nats.py #504): rebuild the subscription and rewind.
        self._idle_fetches += 1
        if self._idle_fetches < IDLE_FETCHES_BEFORE_CHECK:
            return
        self._idle_fetches = 0
        info = await self.js.consumer_info(self.stream, self.durable)
        CONSUMER_LAG.labels(self.durable).set(info.num_pending or 0)
        if info.num_pending or info.num_ack_pending:
            log.warning("consumer %s idle with messages waiting: resubscribing", self.durable)
            await self._drop_subscription()

    async def _rewind(self, info: ConsumerInfo) -> ConsumerInfo:
        # A message delivered to an earlier process (or lost in transit) would otherwise
        # wait out ack_wait; resetting to the ack floor redelivers it now, in order.
        try:
            reset = await self.js.reset_consumer(self.stream, self.durable)
        except APIError as error:  # a server before 2.14: ack_wait will redeliver it
            log.warning("consumer %s: no reset (%s)", self.durable, error)
            return info
        return reset.info

    def _check(self, info: ConsumerInfo) -> None:
        config: Any = info.config
        if config.max_ack_pending != 1 or config.filter_subject != self.filter_subject:
            raise RuntimeError(f"consumer {self.durable} on the server has other settings")

    async def _drop_subscription(self) -> None:
        sub, self._sub = self._sub, None
        if sub is not None:
            try:
                await sub.unsubscribe()
            except Exception as error:  # the connection may be gone already
                log.debug("unsubscribe failed: %r", error)
