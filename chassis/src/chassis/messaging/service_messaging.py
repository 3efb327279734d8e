"""A service's link to NATS: the connection, its stream, the outbox relay and its consumers.

Started in the FastAPI lifespan. The HTTP API serves even while NATS is unreachable:
commands are saved in the store (the outbox) and the relay publishes once NATS is back.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from fastapi import FastAPI
from nats.aio.client import Client as NatsClient
from nats.js import JetStreamContext

from chassis.application import ServiceApplication
from chassis.messaging.asyncapi import EventTraffic, Subscription
from chassis.messaging.consuming_application import ConsumingApplication, tracking_name
from chassis.messaging.jetstream_consumer import TrackedConsumer
from chassis.messaging.nats_connection import connect
from chassis.messaging.relay import OutboxRelay, Translate
from chassis.messaging.streams import ensure_stream, stream_name
from chassis.settings import ServiceSettings
from contracts import event_source, stream_subjects

log = logging.getLogger(__name__)

Worker = Callable[[JetStreamContext], Awaitable[None]]  # runs until cancelled


class ServiceMessaging:
    """Connects to NATS (retrying until it can), then runs the service's workers."""

    def __init__(self, settings: ServiceSettings, service: str) -> None:
        self.settings = settings
        self.service = service
        self.client: NatsClient | None = None
        self._workers: list[tuple[str, Worker]] = []
        self._tasks: list[asyncio.Task[Any]] = []
        self.traffic = EventTraffic(service)  # what the AsyncAPI document describes

    def add_worker(self, name: str, worker: Worker) -> None:
        """Adds a long-running task (relay, consumer) started once NATS is connected."""
        self._workers.append((name, worker))

    def add_outbox(self, app: ServiceApplication, translate: Translate) -> None:
        """Publishes the service's events: its stream, then the relay over its notification log."""
        self.traffic.sends.append(self.service)

        async def relay(js: JetStreamContext) -> None:
            settings = self.settings
            await ensure_stream(js, settings.jurisdiction, self.service, settings.stream_replicas)
            await OutboxRelay(
                app, service=self.service, jurisdiction=settings.jurisdiction,
                translate=translate, js=js, batch_size=settings.relay_batch_size,
                poll_interval=settings.relay_poll_seconds,
            ).run()

        self.add_worker(f"{self.service}-relay", relay)

    def add_consumer(
        self, app: ConsumingApplication, upstream: str, purpose: str, max_attempts: int = 5
    ) -> None:
        """Applies ``upstream``'s events to ``app`` exactly once, durable ``<service>-<purpose>``.

        Across NATS accounts the upstream stream is reached through the API prefix its
        account exports (``PHOIHOP_JS_API_PREFIXES``, e.g. ``{"petitions": "$JS.petitions.API"}``).
        """
        durable = f"{self.service}-{purpose}"
        self.traffic.receives.append(Subscription(upstream, durable))

        async def consume(js: JetStreamContext) -> None:
            jurisdiction = self.settings.jurisdiction
            prefix = self.settings.js_api_prefixes.get(upstream)
            if prefix and self.client is not None:
                js = self.client.jetstream(prefix=prefix)
            source = event_source(jurisdiction, upstream)
            await TrackedConsumer(
                app, js, stream=stream_name(jurisdiction, upstream),
                durable=durable,
                filter_subject=stream_subjects(jurisdiction, upstream),
                tracking_name=tracking_name(source, purpose), max_attempts=max_attempts,
                expected_source=source, batch_size=self.settings.consumer_batch_size,
            ).run()

        self.add_worker(f"{self.service}-{purpose}", consume)

    async def readiness(self) -> str | None:
        if self.client is None or not self.client.is_connected:
            return f"NATS at {redacted(self.settings.nats_url)} is not connected"
        return None

    @asynccontextmanager
    async def lifespan(self, app: FastAPI) -> AsyncIterator[None]:
        starter = asyncio.create_task(self._connect_and_start(), name=f"{self.service}-nats")
        try:
            yield
        finally:
            starter.cancel()
            for task in self._tasks:
                task.cancel()
            for task in [starter, *self._tasks]:
                with suppress(asyncio.CancelledError, Exception):
                    await task
            if self.client is not None and not self.client.is_closed:
                try:
                    await self.client.drain()
                except Exception as error:  # NATS already gone: nothing left to flush
                    log.warning("NATS drain at shutdown failed: %r", error)

    async def _connect_and_start(self) -> None:
        delay = 0.2
        while self.client is None:
            try:
                self.client = await connect(self.settings.nats_url, f"phoihop-{self.service}")
            except Exception as error:  # the server may not be up yet: keep trying
                where = redacted(self.settings.nats_url)
                log.warning("cannot reach NATS at %s (%s); retrying", where, error)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
        js = self.client.jetstream()
        for name, worker in self._workers:
            self._tasks.append(asyncio.create_task(_supervised(name, worker, js), name=name))


async def _supervised(name: str, worker: Worker, js: JetStreamContext) -> None:
    """Restarts a worker that fails, with a growing pause, so one error never stops it for good."""
    delay = 0.5
    while True:
        try:
            await worker(js)
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                raise  # nats-py turns a cancellation on a closing connection into an error
            log.exception("%s failed; restarting in %.1fs", name, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)


def redacted(url: str) -> str:
    """The URL without its password, for logs and health documents."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))
