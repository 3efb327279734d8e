"""The delivery worker: sends what the store says is due (the log is the outbox).

It derives what to do from the store on every pass, never from memory alone: a restarted
notifier finds the pending deliveries where the last one left them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from datetime import datetime
from uuid import UUID

from opentelemetry.trace import SpanKind

from chassis.tracing import context_of, tracer
from kernel.clock import Clock, SystemClock
from notifier.application import DeliveryJob, Notifier
from notifier.application.signals import SaveSignal
from notifier.channels.base import Channel
from notifier.domain.delivery import DEAD, Outcome
from notifier.metrics import DELIVERIES_PARKED, DELIVERY_ATTEMPTS

log = logging.getLogger(__name__)
STORE_TROUBLE_PAUSE = 1.0  # seconds before retrying a delivery whose attempt was not recorded


class DeliveryWorker:
    """Performs due deliveries, several at once, and records every attempt.

    Wakes on every save (a new delivery is due at once) and when the next retry falls due.
    A crash after sending and before recording leaves the delivery pending: it is sent
    again with the same message id, which receivers de-duplicate by.
    """

    def __init__(
        self, app: Notifier, channels: Mapping[str, Channel], signal: SaveSignal, *,
        concurrency: int = 8, poll_seconds: float = 1.0, clock: Clock | None = None,
    ) -> None:
        self.app = app
        self.channels = channels
        self.signal = signal
        self.concurrency = concurrency
        self.poll_seconds = poll_seconds
        self.clock = clock or SystemClock()
        self._in_flight: dict[UUID, asyncio.Task[None]] = {}
        self._held: dict[UUID, float] = {}  # delivery id -> monotonic time it may go again
        # delivery id -> monotonic time its last attempt ended: a snapshot of due deliveries
        # taken before then may still show it pending, and must not send it again.
        self._finished: dict[UUID, float] = {}

    async def run(self) -> None:
        try:
            while True:
                seen = self.signal.generation
                try:
                    next_at = await self.pass_once()
                except Exception:  # the store may be down: the next pass tries again
                    log.exception("deliveries: pass failed")
                    next_at = None
                await self.signal.wait(seen, self._timeout(next_at))
        finally:
            for task in self._in_flight.values():
                task.cancel()
            await asyncio.gather(*self._in_flight.values(), return_exceptions=True)
            for channel in self.channels.values():
                await channel.close()

    async def pass_once(self) -> datetime | None:
        """Starts every due delivery not already in flight; returns when the next is due."""
        snapshot_started = time.monotonic()
        jobs, next_at = await asyncio.to_thread(
            self.app.read_model.due_deliveries, self.clock.now())
        clock = time.monotonic()
        for job in jobs:
            if len(self._in_flight) >= self.concurrency:
                break
            if job.delivery_id in self._in_flight or self._held.get(job.delivery_id, 0) > clock:
                continue
            if self._finished.get(job.delivery_id, -1.0) >= snapshot_started:
                continue  # its attempt ended while the snapshot was read: it may be stale
            task = asyncio.create_task(self._attempt(job), name=f"delivery-{job.delivery_id}")
            self._in_flight[job.delivery_id] = task
        return next_at

    @staticmethod
    async def _send(channel: Channel, job: DeliveryJob) -> Outcome:
        """The channel's answer; a channel that raises on this one delivery (its data, a
        bug) has failed this attempt, recorded like any other so its retries and its
        parking follow, rather than holding it for ever as if the store had failed."""
        try:
            return await channel.send(job)
        except Exception:
            log.exception("delivery %s: the %s channel failed", job.delivery_id, job.channel)
            return Outcome(False, error="internal error while sending")

    def _timeout(self, next_at: datetime | None) -> float:
        if next_at is None:
            return self.poll_seconds
        return min(max((next_at - self.clock.now()).total_seconds(), 0.01), self.poll_seconds)

    async def _attempt(self, job: DeliveryJob) -> None:
        try:
            at, started = self.clock.now(), time.monotonic()
            channel = self.channels.get(job.channel)
            if channel is None:
                outcome = Outcome(False, error=f"channel {job.channel} is not configured")
            else:
                with tracer.start_as_current_span(
                    f"deliver {job.channel}", context=context_of(job.traceparent),
                    kind=SpanKind.CLIENT, attributes={
                        "phoihop.delivery.id": str(job.delivery_id),
                        "phoihop.delivery.attempt": job.attempt}):
                    outcome = await self._send(channel, job)
            duration_ms = int((time.monotonic() - started) * 1000)
            recorded = await asyncio.to_thread(self.app.record_attempt, job.delivery_id,
                                               outcome, at, duration_ms)
            DELIVERY_ATTEMPTS.labels(job.channel, "ok" if outcome.ok else "failed").inc()
            if recorded.status == DEAD:
                DELIVERIES_PARKED.labels(job.channel).inc()
            self._held.pop(job.delivery_id, None)
        except Exception:  # the store failed: the delivery stays pending, tried again later
            log.exception("delivery %s: attempt not recorded", job.delivery_id)
            self._held[job.delivery_id] = time.monotonic() + STORE_TROUBLE_PAUSE
        finally:
            self._in_flight.pop(job.delivery_id, None)
            self._finished[job.delivery_id] = time.monotonic()
            self._forget_finished_before(time.monotonic() - 60.0)

    def _forget_finished_before(self, moment: float) -> None:
        # A pass that starts now reads a model that includes every attempt recorded before.
        for delivery_id in [d for d, ended in self._finished.items() if ended < moment]:
            del self._finished[delivery_id]
