"""Helpers for the messaging tests: stores, bounded waits, stream reads, programs."""

from __future__ import annotations

import asyncio
import inspect
import json
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from eventsourcing.application import Application
from messaging_apps import SERVICE, PetitionDesk, PetitionTally, translate
from nats.js import JetStreamContext
from nats.js.api import RawStreamMsg

from chassis.messaging.consuming_application import ConsumingApplication, tracking_name
from chassis.messaging.jetstream_consumer import TrackedConsumer
from chassis.messaging.relay import OutboxRelay
from chassis.messaging.streams import ensure_stream, stream_name
from chassis.settings import ServiceSettings
from chassis.stores import postgres_environment, store_environment
from contracts import event_source, stream_subjects

PROGRAMS = Path(__file__).parent / "programs"
App = TypeVar("App", bound=Application[Any])


class Store:
    """Opens test applications on one kind of store and closes them after the test."""

    def __init__(self, kind: str, tmp_path: Path, postgres: tuple[str, str] | None) -> None:
        self.kind = kind
        self.tmp_path = tmp_path
        self.postgres = postgres  # (dsn, schema)
        self.opened: list[Application[Any]] = []

    def env(self, app_name: str) -> dict[str, str]:
        """The eventsourcing env of ``app_name`` on this store (the same on every call)."""
        if self.postgres is None:
            settings = ServiceSettings(store="sqlite", data_dir=self.tmp_path / "stores")
            return store_environment(settings, app_name)
        dsn, schema = self.postgres
        return {**postgres_environment(dsn, app_name), "POSTGRES_SCHEMA": schema}

    def open(self, app_class: type[App]) -> App:
        """A new instance of ``app_class`` on this store."""
        app = app_class(env=self.env(app_class.name))
        self.opened.append(app)
        return app

    def close(self) -> None:
        """Closes every application opened here."""
        for app in self.opened:
            app.close()


async def eventually(
    check: Callable[[], Awaitable[bool] | bool], within: float = 30.0, what: str = "condition"
) -> None:
    """Polls ``check`` until it holds; fails the test after ``within`` seconds."""
    deadline = time.monotonic() + within
    while True:
        result = check()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not hold within {within}s")
        await asyncio.sleep(0.05)


async def stream_messages(js: JetStreamContext, stream: str) -> list[RawStreamMsg]:
    """Every message of a stream, in stream order."""
    info = await js.stream_info(stream)
    last = info.state.last_seq
    return [await js.get_msg(stream, seq) for seq in range(1, last + 1)]


def run_program(name: str, *args: str, timeout: float = 120.0) -> subprocess.CompletedProcess[str]:
    """Runs ``programs/<name>.py`` to its end (or its own SIGKILL) and returns what it did."""
    return subprocess.run(
        [sys.executable, str(PROGRAMS / f"{name}.py"), *args],
        capture_output=True, text=True, timeout=timeout, check=False,
    )


def store_arg(store: Store, app_name: str) -> str:
    """A store's env for a program's command line."""
    return json.dumps(store.env(app_name))


DURABLE = "tally-count"


def tally_consumer(
    app: ConsumingApplication, js: JetStreamContext, jurisdiction: str, **options: Any
) -> TrackedConsumer:
    """The test consumer of the desk's stream, as a consuming service would set it up."""
    source = event_source(jurisdiction, SERVICE)
    options.setdefault("fetch_timeout", 0.5)
    return TrackedConsumer(
        app, js, stream_name(jurisdiction, SERVICE), DURABLE,
        stream_subjects(jurisdiction, SERVICE), tracking_name(source, "count"), **options,
    )


async def record_and_publish(
    desk: PetitionDesk, js: JetStreamContext, jurisdiction: str, texts: list[str]
) -> None:
    """Records one petition per text and relays them all to the stream."""
    for text in texts:
        desk.record(text)
    await ensure_stream(js, jurisdiction, SERVICE)
    relay = OutboxRelay(desk, service=SERVICE, jurisdiction=jurisdiction,
                        translate=translate, js=js)
    await relay.publish_pending()


async def drained(js: JetStreamContext, jurisdiction: str) -> bool:
    """True when the test durable has nothing pending and nothing unacknowledged."""
    info = await js.consumer_info(stream_name(jurisdiction, SERVICE), DURABLE)
    return not info.num_pending and not info.num_ack_pending


def counts(tally: PetitionTally) -> dict[str, int]:
    """Each counted petition's text and how many times it was applied, in applied order."""
    return {entry.text: entry.count for entry in tally.tallies()}


async def run_until_drained(consumer: TrackedConsumer, js: JetStreamContext, j: str) -> None:
    """Runs the consumer as a service would, until the durable has nothing left."""
    await consumer.ensure_consumer()
    running = asyncio.create_task(consumer.run())
    try:
        await eventually(lambda: drained(js, j), within=60, what="consumer drained")
    finally:
        await stop_all(running)
        await consumer.stop()


async def stop_all(*tasks: asyncio.Task[Any]) -> None:
    """Cancels running loops and waits for them to end (before their connection closes)."""
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
