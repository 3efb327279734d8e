"""Fixtures of the notifier tests: settings per test, upstream streams, real receivers,
and the notifier served in-process (its consumers, workers and HTTP API all real)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from notifier_servers import NotifierServer, SmtpSink, StartNotifier, WebhookReceiver
from notifier_support import FORWARDED_AT, Upstream, wait_until

from kernel.clock import Clock, ManualClock
from notifier.application import Notifier
from notifier.settings import NotifierSettings


@pytest.fixture
def settings(tmp_path: Path, nats_url: str, jurisdiction: str) -> NotifierSettings:
    """Fast retries and ticks, so a test sees backoff and reminders in well under a second."""
    return NotifierSettings(
        environment="test", store="sqlite", data_dir=tmp_path / "var", jurisdiction=jurisdiction,
        retry_base_seconds=0.05, retry_max_seconds=0.2, delivery_poll_seconds=0.2,
        reminder_poll_seconds=0.1, delivery_max_attempts=5,
    ).model_copy(update={"nats_url": nats_url})


@pytest.fixture
def upstream(nats_url: str, jurisdiction: str) -> Upstream:
    """The upstream streams exist, as their services would have made them."""
    publisher = Upstream(nats_url, jurisdiction)
    publisher.ensure_streams("petitions", "sessions", "oversight")
    return publisher


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    started = WebhookReceiver().start()
    yield started
    started.stop()


@pytest.fixture
def smtp() -> Iterator[SmtpSink]:
    started = SmtpSink().start()
    yield started
    started.stop()


@pytest.fixture
def start_notifier(settings: NotifierSettings, upstream: Upstream) -> Iterator[StartNotifier]:
    """Starts the notifier and waits until its durable consumers exist."""
    servers: list[NotifierServer] = []

    def start(clock: Clock | None = None, **overrides: Any) -> NotifierServer:
        # By default the day the test petitions are forwarded: no reminder is due yet.
        clock = clock or ManualClock(FORWARDED_AT)
        server = NotifierServer(settings.model_copy(update=overrides), clock).start()
        servers.append(server)
        for service in ("petitions", "sessions"):
            durable = f"notifier-{service}"
            wait_until(lambda s=service, d=durable: upstream.consumer_ready(s, d),
                       within=15, what=f"the {service} consumer")
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def api_settings(tmp_path: Path) -> NotifierSettings:
    """Settings of an HTTP app over an in-memory notifier (the API tests' own)."""
    return NotifierSettings(environment="test", store="memory", data_dir=tmp_path,
                            jurisdiction="tien-giang")


@pytest.fixture
def notifier() -> Iterator[Notifier]:
    """An in-memory notifier, closed after the test."""
    app = Notifier({"PERSISTENCE_MODULE": "eventsourcing.popo"})
    yield app
    app.close()
