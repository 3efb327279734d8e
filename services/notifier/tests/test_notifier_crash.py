"""SIGKILL in the middle of consuming and delivering: nothing lost, nothing sent twice.

The notifier runs as a process. A receiver answers slowly, one delivery at a time, so the
kill lands while deliveries are being made. A crash between sending and recording may make
the receiver see one message again (the same webhook-id): that is the guarantee, and why
receivers de-duplicate by webhook-id.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from notifier_servers import NotifierProcess, WebhookReceiver
from notifier_support import Upstream, bearer, forwarded, wait_until

from contracts.vocabulary import Agency
from notifier.settings import NotifierSettings

pytestmark = [pytest.mark.integration, pytest.mark.slow]
COUNT = 40
FAST = {"PHOIHOP_RETRY_BASE_SECONDS": "0.05", "PHOIHOP_RETRY_MAX_SECONDS": "0.2",
        "PHOIHOP_DELIVERY_CONCURRENCY": "1", "PHOIHOP_DELIVERY_POLL_SECONDS": "0.2"}


def test_a_notifier_killed_mid_delivery_loses_nothing_and_sends_nothing_twice(
    settings: NotifierSettings, upstream: Upstream, receiver: WebhookReceiver, tmp_path: Path,
) -> None:
    receiver.delay = 0.03
    ubnd = bearer(settings, Agency.UBND)
    today = date.today()  # the process runs on the real clock: keep every due date ahead
    events = [forwarded(forwarded_on=today, due_date=today + timedelta(days=60))
              for _ in range(COUNT)]
    first = NotifierProcess(settings, tmp_path, **FAST).start()
    try:
        wait_until(lambda: upstream.consumer_ready("petitions", "notifier-petitions"))
        with first.client() as http:
            created = http.post("/subscriptions", headers=ubnd, json={
                "url": receiver.url, "event_types": ["vn.phoihop.petitions.*"]})
            assert created.status_code == 201, created.text
        upstream.publish(*[(event, str(event.petition_id)) for event in events])
        wait_until(lambda: len(receiver.delivered_ids()) >= 10, within=20, what="10 calls")
        first.kill()
    finally:
        first.stop()
    received_before_restart = len(set(receiver.delivered_ids()))
    assert received_before_restart < COUNT, "the kill came too late to test anything"

    second = NotifierProcess(settings, tmp_path, **FAST).start()
    try:
        wait_until(lambda: len(set(receiver.delivered_ids())) >= COUNT, within=30,
                   what="every delivery after the restart")
        with second.client() as http:
            deliveries = wait_until(lambda: (d := http.get(
                "/deliveries?status=delivered&limit=500", headers=ubnd).json())
                and len(d) >= COUNT and d, what="every success recorded")
            operator = bearer(settings, Agency.UBND, role="admin")  # every recipient's
            notifications = http.get("/notifications?limit=500", headers=operator).json()
            pending = http.get("/deliveries?status=pending", headers=ubnd).json()
    finally:
        second.stop()

    delivered = Counter(receiver.delivered_ids())
    print(f"before the kill: {received_before_restart}; calls: {sum(delivered.values())}")
    assert len(delivered) == COUNT  # every one arrived
    assert sum(delivered.values()) - COUNT <= 1  # at most the one in flight at the kill
    assert len(deliveries) == COUNT and pending == []
    for delivery in deliveries:
        successes = [a for a in delivery["attempts"] if a["outcome"] == "succeeded"]
        assert len(successes) == 1, delivery
    assert {d["message_id"] for d in deliveries} == set(delivered)
    subjects = sorted(n["subject_id"] for n in notifications)
    assert subjects == sorted(str(e.petition_id) for e in events)  # one each: none lost
