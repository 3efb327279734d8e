"""SIGKILL of the petitions service: after a restart nothing is lost and nothing doubled."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from chassis.messaging.embedded_nats import EmbeddedNats
from contracts.vocabulary import Agency
from tests.e2e.journey import bearer
from tests.e2e.stream_reader import read_all_sync

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.slow]


def record(url: str, headers: dict[str, str], n: int) -> str | None:
    """Records one petition; returns its id when the service acknowledged it (201)."""
    body = {"text": f"Đề nghị sửa chữa cống thoát nước ấp {n} xã Tân Phú", "channel": "mail",
            "commune": "Tân Phú"}
    try:
        response = httpx.post(f"{url}/petitions", json=body, headers=headers, timeout=10)
    except httpx.HTTPError:
        return None  # the process died under us: not acknowledged
    return response.json()["petition"]["id"] if response.status_code == 201 else None


def stored_petition_ids(url: str) -> set[str]:
    ids: set[str] = set()
    offset = 0
    while True:
        page = httpx.get(f"{url}/petitions", params={"limit": 200, "offset": offset}).json()
        ids |= {item["id"] for item in page["items"]}
        offset += 200
        if offset >= page["total"]:
            return ids


def published_petition_ids(nats_url: str, jurisdiction: str, expected: int) -> list[str]:
    delivered = read_all_sync(nats_url, f"phoihop.{jurisdiction}.petitions.>", expected)
    assert len({d.event.id for d in delivered}) == len(delivered), "a duplicate was published"
    return [d.event.subject for d in delivered]


def test_events_saved_while_nats_is_down_are_published_once_after_sigkill_and_restart(
    nats_server: EmbeddedNats, jurisdiction: str, tmp_path: Any, start_service: Callable[..., Any]
) -> None:
    nats_server.stop()  # every save happens, no publish can
    service = start_service("petitions", nats_server.url, jurisdiction)
    headers = bearer(jurisdiction, Agency.MTTQ)
    acknowledged = [record(service.url, headers, n) for n in range(20)]
    assert None not in acknowledged

    service.kill()
    nats_server.start()
    service = start_service("petitions", nats_server.url, jurisdiction)

    published = published_petition_ids(nats_server.url, jurisdiction, expected=20)
    assert published == acknowledged  # all, once each, in the order they were saved


def test_sigkill_under_load_loses_no_acknowledged_command_and_publishes_each_event_once(
    nats_url: str, jurisdiction: str, start_service: Callable[..., Any]
) -> None:
    service = start_service("petitions", nats_url, jurisdiction)
    headers = bearer(jurisdiction, Agency.MTTQ)
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(record, service.url, headers, n) for n in range(400)]
        deadline = time.monotonic() + 30
        while sum(f.done() for f in futures) < 100 and time.monotonic() < deadline:
            time.sleep(0.01)
        service.kill()
        acknowledged = {f.result() for f in futures} - {None}
    assert 100 <= len(acknowledged) < 400, "the kill should land in the middle of the load"

    service = start_service("petitions", nats_url, jurisdiction)
    stored = stored_petition_ids(service.url)
    assert acknowledged <= stored  # every acknowledged command survived
    published = published_petition_ids(nats_url, jurisdiction, expected=len(stored))
    assert sorted(published) == sorted(stored)  # every stored event published exactly once
