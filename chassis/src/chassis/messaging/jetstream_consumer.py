"""The tracked consumer: other services' integration events, applied exactly once (decision 5).

A consuming service subclasses ``ConsumingApplication`` and implements ``policy`` for the
contract events it cares about. ``TrackedConsumer`` feeds it from a durable JetStream pull
consumer: the policies' new events, a receipt per message and a tracking record (upstream
source + the highest sequence applied) are saved in one transaction, then the messages are
acked. A redelivered or re-published message is recognised by its receipt and acked
without effect; one whose sequence no producer explains is parked, never applied.

Order is what makes this safe. Tracking remembers only the highest sequence seen, so a
later message processed before an earlier one would make the earlier one look applied
(the probe lost 50 effects that way with a naive batch fetch). The consumer therefore
applies the messages that have arrived, up to ``batch_size``, in one transaction and in
delivery order, and checks that each delivery's consumer sequence follows the last one:
a gap means a delivery went astray (to an inbox of an earlier subscription, say), and the
consumer rewinds to the ack floor instead of going on. A message that fails is retried
in place, alone, after the ones before it are committed; it never lets the next one by.
On a server that cannot rewind, it takes one message at a time (``max_ack_pending=1``),
and the server itself keeps the order.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from typing import Any

import nats.errors
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, ConsumerInfo, DeliverPolicy, ReplayPolicy
from nats.js.errors import APIError, BadRequestError

from chassis.messaging.consuming_application import (
    APPLIED,
    DUPLICATE,
    Anomaly,
    ConsumingApplication,
    Outcome,
)
from chassis.messaging.dead_letters import new_dead_letter
from chassis.messaging.nats_connection import retry_is_pointless
from chassis.metrics import CONSUMER_LAG, DEAD_LETTERS, MESSAGES_CONSUMED
from contracts import CloudEventError, ReceivedEvent, decode_cloudevent, event_subject

log = logging.getLogger(__name__)

PARKED = "parked"
__all__ = ["APPLIED", "DUPLICATE", "PARKED", "TrackedConsumer", "server_can_rewind"]
IDLE_FETCHES_BEFORE_CHECK = 5  # idle fetches in a row before asking the server if it agrees



class TrackedConsumer:
    """Runs one durable pull consumer into a ``ConsumingApplication``, a batch at a time."""

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
        batch_size: int = 64,
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
        self.batch_size = batch_size  # 1 on a server that cannot rewind (ensure_consumer)
        self._sub: JetStreamContext.PullSubscription | None = None
        self._idle_fetches = 0
        self._next_delivery = 0  # the consumer sequence the next delivery must carry
        self._more_waiting = False  # the last delivery said more messages were pending
        self._in_hand: list[Msg] = []  # fetched, not yet acked

    def consumer_config(self) -> ConsumerConfig:
        """The durable's settings: explicit acks, one batch in flight, unlimited deliveries."""
        return ConsumerConfig(
            name=self.durable,
            durable_name=self.durable,
            description=f"tracked consumer {self.tracking_name}",
            deliver_policy=DeliverPolicy.ALL,
            ack_policy=AckPolicy.EXPLICIT,
            ack_wait=self.ack_wait,
            max_deliver=-1,  # a server-side limit would skip a message: dead letters are ours
            max_ack_pending=self.batch_size,
            filter_subject=self.filter_subject,
            replay_policy=ReplayPolicy.INSTANT,
        )

    async def ensure_consumer(self) -> ConsumerInfo:
        """Creates or updates the durable, then redelivers at once a message left unacked."""
        info = await self._add_consumer()
        if self.batch_size > 1 and not server_can_rewind(info):
            log.warning("consumer %s: the server cannot rewind; one message at a time",
                        self.durable)
            self.batch_size = 1
            info = await self._add_consumer()
        self._check(info)
        if info.num_ack_pending:
            info = await self._rewind(info)
        self._next_delivery = (info.delivered.consumer_seq if info.delivered else 0) + 1
        return info

    async def process_next(self) -> bool:
        """Fetches and settles the messages that have arrived; False when none came in time."""
        if self._sub is None:
            await self.ensure_consumer()
            self._sub = await self.js.pull_subscribe_bind(durable=self.durable, stream=self.stream)
        messages = await self._fetch(self._sub)
        if not messages:
            return False
        await self._settle(messages)
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

    async def _add_consumer(self) -> ConsumerInfo:
        config = self.consumer_config()
        try:
            return await self.js.add_consumer(self.stream, config)
        except BadRequestError as error:
            # A setting the server cannot change in place: start the durable again from
            # the stream's beginning; tracking makes every replayed message a no-op.
            log.warning("consumer %s recreated: %s", self.durable, error)
            await self.js.delete_consumer(self.stream, self.durable)
            return await self.js.add_consumer(self.stream, config)

    async def _fetch(self, sub: JetStreamContext.PullSubscription) -> list[Msg]:
        """Waits for a message, then takes those already waiting, up to the batch size.

        nats-py's ``fetch(n)`` returns at once what is there, but when nothing is, it waits
        for all n until its timeout: so a batch is asked for only when the server's last
        delivery said more were pending, and otherwise one message is waited for.
        """
        wanted = self.batch_size if self._more_waiting else 1
        try:
            messages = await sub.fetch(wanted, timeout=self.fetch_timeout)
        except nats.errors.TimeoutError:
            self._more_waiting = False
            return []
        if len(messages) < self.batch_size and messages[-1].metadata.num_pending:
            with suppress(nats.errors.TimeoutError):
                messages += await sub.fetch(self.batch_size - len(messages),
                                            timeout=self.fetch_timeout)
        self._more_waiting = bool(messages[-1].metadata.num_pending)
        return messages

    async def _settle(self, messages: list[Msg]) -> None:
        """Applies the messages in delivery order, parks the poison, acks after commit."""
        accepted = self._in_delivery_order(messages)
        self._in_hand = list(accepted)
        group: list[tuple[Msg, ReceivedEvent]] = []
        for msg in accepted:
            decoded = self._decode(msg)
            if isinstance(decoded, str):
                await self._finish(msg, await self._park_poison(msg, decoded))
            else:
                group.append((msg, decoded))
        await self._apply_group(group)
        if len(accepted) < len(messages):
            # A delivery this process never saw (lost in transit, or to an earlier
            # inbox): resubscribing rewinds to the ack floor, which redelivers it in order.
            await self._drop_subscription()
        CONSUMER_LAG.labels(self.durable).set(messages[-1].metadata.num_pending)

    def _in_delivery_order(self, messages: list[Msg]) -> list[Msg]:
        """The messages up to the first that does not follow the last delivery.

        Tracking remembers only the highest sequence applied, so applying a message while
        an earlier one is still out would make that one look applied, and lose it. With
        one message in flight the server rules that out; with a batch, every delivery is
        numbered (the consumer sequence) and a gap means one went missing.
        """
        if self.batch_size == 1:
            return messages
        accepted: list[Msg] = []
        for msg in messages:
            delivered = msg.metadata.sequence.consumer
            if delivered != self._next_delivery:
                log.warning("consumer %s: delivery %d came, %d expected: rewinding",
                            self.durable, delivered, self._next_delivery)
                break
            self._next_delivery = delivered + 1
            accepted.append(msg)
        return accepted

    def _decode(self, msg: Msg) -> ReceivedEvent | str:
        """The message's CloudEvent, or why it is poison."""
        if len(msg.data) > self.max_message_bytes:
            return f"oversized: {len(msg.data)} bytes"
        try:
            received = decode_cloudevent(msg.data)
        except CloudEventError as error:
            return str(error)
        if self.expected_source and received.source != self.expected_source:
            # Its sequence would move a tracking name it does not belong to.
            return f"unexpected source {received.source}"
        if msg.subject != publisher_subject(received):
            # Published on one producer's subject while claiming to be another's event.
            return f"subject {msg.subject} is not where {received.source} publishes {received.type}"
        return received

    async def _apply_group(self, group: list[tuple[Msg, ReceivedEvent]]) -> None:
        """One transaction for the group; if it fails, each message alone, with retries."""
        if len(group) > 1:
            try:
                outcomes = await asyncio.to_thread(
                    self.app.settle_batch, [received for _, received in group],
                    self.tracking_name,
                )
            except Exception as error:  # one message's handler, or the store: find out alone
                log.warning("consumer %s: a batch of %d failed (%r): one at a time",
                            self.durable, len(group), error)
            else:
                for (msg, received), outcome in zip(group, outcomes, strict=True):
                    await self._finish(msg, await self._outcome(msg, received, outcome))
                return
        for msg, received in group:
            await self._finish(msg, await self._apply_alone(msg, received))

    async def _apply_alone(self, msg: Msg, received: ReceivedEvent) -> str:
        attempt = 0
        while True:
            attempt += 1
            try:
                [outcome] = await asyncio.to_thread(
                    self.app.settle_batch, [received], self.tracking_name
                )
                return await self._outcome(msg, received, outcome)
            except Exception as error:  # the handler's or the store's: retry in place
                log.warning("consumer %s: attempt %d failed: %r", self.durable, attempt, error)
                if attempt >= self.max_attempts:
                    try:
                        return await self._park(msg, repr(error), received, attempt)
                    except Exception as problem:  # the store is down: keep trying both
                        log.error("consumer %s: cannot park: %r", self.durable, problem)
                await self._pause(attempt)

    async def _outcome(self, msg: Msg, received: ReceivedEvent, outcome: Outcome) -> str:
        """The metric's outcome; an anomaly is parked first, without tracking."""
        if isinstance(outcome, Anomaly):
            log.warning("consumer %s: message %s is anomalous: %s", self.durable,
                        received.id, outcome.reason)
            return await self._park(msg, outcome.reason, received, 1, track=False)
        return outcome

    async def _finish(self, msg: Msg, outcome: str) -> None:
        await msg.ack()  # after commit; a lost ack means a redelivery, which tracking absorbs
        if msg in self._in_hand:
            self._in_hand.remove(msg)
        MESSAGES_CONSUMED.labels(self.durable, outcome).inc()

    async def _park_poison(self, msg: Msg, error: str) -> str:
        failures = 0
        while True:  # a store that cannot even park keeps the message in progress
            try:
                return await self._park(msg, error, None, 1)
            except Exception as problem:
                failures += 1
                log.error("consumer %s: cannot park: %r", self.durable, problem)
                await self._pause(failures)

    async def _park(
        self, msg: Msg, error: str, received: ReceivedEvent | None, attempts: int,
        *, track: bool = True,
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
        if not await asyncio.to_thread(self.app.park, letter, track=track):
            return DUPLICATE
        DEAD_LETTERS.labels(self.durable).inc()
        log.warning("consumer %s parked %s: %s", self.durable, letter.id, error)
        return PARKED

    async def _pause(self, attempt: int) -> None:
        """Waits before the next attempt, telling the server the batch is still in hand."""
        delay = min(self.retry_delay * 2 ** (attempt - 1), self.max_retry_delay)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + delay
        while (remaining := deadline - loop.time()) > 0:
            for msg in self._in_hand:
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
        if (config.max_ack_pending != self.batch_size
                or config.filter_subject != self.filter_subject):
            raise RuntimeError(f"consumer {self.durable} on the server has other settings")

    async def _drop_subscription(self) -> None:
        sub, self._sub = self._sub, None
        if sub is not None:
            try:
                await sub.unsubscribe()
            except Exception as error:  # the connection may be gone already
                log.debug("unsubscribe failed: %r", error)


def publisher_subject(received: ReceivedEvent) -> str | None:
    """The subject the event's own source publishes its type on (decision 3), if it is one."""
    source, kind = received.source.split(":"), received.type.split(".")
    if len(source) != 4 or len(kind) != 5 or not kind[4].startswith("v"):
        return None
    jurisdiction, service = source[2], source[3]
    if kind[2] != service or not kind[4][1:].isdigit():
        return None
    return event_subject(jurisdiction, service, kind[3], int(kind[4][1:]))


REWIND_SINCE = (2, 14)  # the first nats-server with the consumer reset API


def server_can_rewind(info: ConsumerInfo) -> bool:
    """Whether the server that answered ``info`` can reset a consumer to its ack floor.

    Servers since 2.11 write their version into a consumer's metadata; older ones do not.
    """
    metadata = getattr(info.config, "metadata", None) or {}
    try:
        version = tuple(int(part) for part in metadata.get("_nats.ver", "0.0").split(".")[:2])
    except ValueError:
        return False
    return version >= REWIND_SINCE
