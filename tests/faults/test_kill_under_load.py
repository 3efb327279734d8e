"""SIGKILL of the petitions service, then of the notifier, in the middle of a load.

After each restart: every acknowledged command is in the store, every event is in the
stream exactly once, and every downstream effect (the notifier's notification for each
forwarded petition) happened exactly once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from contracts.vocabulary import Agency
from tests.e2e.journey import bearer
from tests.e2e.stream_reader import read_all_sync

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.slow]

PETITIONS = 120
FORWARDED_TYPE = "vn.phoihop.petitions.PetitionForwarded.v1"


def acknowledged(call: Callable[[], httpx.Response]) -> Any:
    """The JSON of a 2xx answer; None when the service died under the request."""
    try:
        response = call()
    except httpx.HTTPError:
        return None
    return response.json() if response.is_success else None


def midway(futures: list[Future[Any]], after: int, disrupt: Callable[[], None]) -> None:
    deadline = time.monotonic() + 60
    while sum(f.done() for f in futures) < after and time.monotonic() < deadline:
        time.sleep(0.01)
    disrupt()


def record_all(url: str, jurisdiction: str, disrupt: Callable[[], None]) -> set[str]:
    mttq = bearer(jurisdiction, Agency.MTTQ)

    def record(n: int) -> Any:
        body = {"text": f"Đề nghị lắp đèn chiếu sáng tuyến đường ấp {n} xã Tân Phú",
                "channel": "mail", "commune": "Tân Phú"}
        return acknowledged(lambda: httpx.post(f"{url}/petitions", json=body, headers=mttq,
                                               timeout=10))

    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(record, n) for n in range(PETITIONS)]
        midway(futures, PETITIONS // 3, disrupt)
        answers = [f.result() for f in futures]
    return {a["petition"]["id"] for a in answers if a is not None}


def forward_all(url: str, jurisdiction: str, ids: list[str], disrupt: Callable[[], None]) -> None:
    hdnd = bearer(jurisdiction, Agency.HDND)
    classification = {"field": "transport", "level": "province", "agency": "ubnd",
                      "unit": "Sở Xây dựng"}

    def forward(petition_id: str) -> Any:
        with httpx.Client(base_url=url, headers=hdnd, timeout=10) as client:
            client.post(f"/petitions/{petition_id}/classify", json=classification)
            return acknowledged(lambda: client.post(f"/petitions/{petition_id}/forward", json={}))

    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(forward, petition_id) for petition_id in ids]
        midway(futures, len(ids) // 3, disrupt)
        assert all(f.result() is not None for f in futures), "petitions was not killed here"


def stored_ids(url: str) -> set[str]:
    ids: set[str] = set()
    for offset in range(0, PETITIONS, 200):
        page = httpx.get(f"{url}/petitions", params={"limit": 200, "offset": offset}).json()
        ids |= {item["id"] for item in page["items"]}
    return ids


def forwarded_notifications(url: str, jurisdiction: str, expected: int) -> list[str]:
    """Subjects of the notifier's PetitionForwarded notifications, once it has them all
    (every recipient's: read as an operator)."""
    headers = bearer(jurisdiction, Agency.HDND, role="admin")
    deadline, settle_until = time.monotonic() + 60, None
    subjects: list[str] = []
    while time.monotonic() < (settle_until or deadline):
        subjects = []
        for offset in range(0, expected + 200, 200):
            page = httpx.get(f"{url}/notifications", headers=headers, params={
                "type": FORWARDED_TYPE, "limit": 200, "offset": offset}).json()
            subjects += [item["subject_id"] for item in page]
        if len(subjects) >= expected and settle_until is None:
            settle_until = time.monotonic() + 1.0  # time for a duplicate to show
        time.sleep(0.2)
    return subjects


def test_sigkill_of_petitions_then_notifier_under_load_loses_and_doubles_nothing(
    nats_url: str, jurisdiction: str, tmp_path: Path, start_service: Callable[..., Any]
) -> None:
    (tmp_path / "petitions").mkdir()
    (tmp_path / "notifier").mkdir()

    def petitions() -> Any:
        return start_service("petitions", nats_url, jurisdiction, tmp_path / "petitions")

    def notifier() -> Any:
        return start_service("notifier", nats_url, jurisdiction, tmp_path / "notifier")

    producer, consumer = petitions(), notifier()
    recorded = record_all(producer.url, jurisdiction, producer.kill)
    assert PETITIONS // 3 <= len(recorded) < PETITIONS, "the kill should land mid-load"
    producer = petitions()
    stored = stored_ids(producer.url)
    assert recorded <= stored  # every acknowledged command survived the kill

    forward_all(producer.url, jurisdiction, sorted(stored), consumer.kill)
    consumer = notifier()

    events = read_all_sync(nats_url, f"phoihop.{jurisdiction}.petitions.>",
                           expected=3 * len(stored), timeout=30)
    assert len({e.event.id for e in events}) == len(events) == 3 * len(stored)
    forwarded = [e.event.subject for e in events if e.event.type == FORWARDED_TYPE]
    assert sorted(forwarded) == sorted(stored)
    notified = forwarded_notifications(consumer.url, jurisdiction, len(stored))
    assert sorted(notified) == sorted(stored)  # one notification per forward, no more
