"""NATS stopped and restarted under load: nothing is lost or doubled, and the relay and the
notifier's consumer resume by themselves."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from chassis.messaging.embedded_nats import EmbeddedNats
from tests.e2e.stream_reader import read_all_sync
from tests.faults.test_kill_under_load import (
    FORWARDED_TYPE,
    forward_all,
    forwarded_notifications,
    record_all,
)

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.slow]


def test_a_nats_restart_under_load_loses_and_doubles_nothing(
    nats_server: EmbeddedNats, jurisdiction: str, tmp_path: Path,
    start_service: Callable[..., Any],
) -> None:
    (tmp_path / "petitions").mkdir()
    (tmp_path / "notifier").mkdir()
    producer = start_service("petitions", nats_server.url, jurisdiction, tmp_path / "petitions")
    consumer = start_service("notifier", nats_server.url, jurisdiction, tmp_path / "notifier")

    def restart_nats() -> None:
        nats_server.stop()
        time.sleep(1.0)  # an outage of a second, during which commands keep coming
        nats_server.start()

    outage = threading.Thread(target=restart_nats)  # a third of the way through recording
    recorded = record_all(producer.url, jurisdiction, disrupt=outage.start)
    outage.join(30)
    assert len(recorded) == 120  # the HTTP API never depended on NATS
    forward_all(producer.url, jurisdiction, sorted(recorded), disrupt=lambda: None)

    events = read_all_sync(nats_server.url, f"phoihop.{jurisdiction}.petitions.>",
                           expected=3 * len(recorded), timeout=60)
    assert len({e.event.id for e in events}) == len(events) == 3 * len(recorded)
    forwarded = [e.event.subject for e in events if e.event.type == FORWARDED_TYPE]
    assert sorted(forwarded) == sorted(recorded)
    notified = forwarded_notifications(consumer.url, jurisdiction, len(recorded))
    assert sorted(notified) == sorted(recorded)
