"""SIGKILL of oversight in the middle of consuming the petitions stream.

Petitions are forwarded while oversight is down; oversight starts and is killed as soon as
its consumer has acknowledged part of the stream (read from JetStream), then starts again.
Then every forwarding is watched once: the per-agency figures count each petition once,
and oversight's store holds one watch per petition and no re-forwarding (a redelivered
``PetitionForwarded`` applied twice would be recorded as one): nothing lost, nothing
counted twice (decision 5).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import nats
import pytest

from chassis.messaging.streams import stream_name
from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from contracts.vocabulary import Agency
from oversight.application import Oversight
from tests.e2e.journey import bearer
from tests.e2e.processes import ServiceProcess

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.slow]

PETITIONS = 150  # each recorded, classified, forwarded: 450 events on the stream
DURABLE = "oversight-petitions"


def forward_petitions(url: str, jurisdiction: str) -> None:
    mttq, hdnd = bearer(jurisdiction, Agency.MTTQ), bearer(jurisdiction, Agency.HDND)
    classification = {"field": "transport", "level": "province", "agency": "ubnd",
                      "unit": "Sở Xây dựng"}

    def forward(n: int) -> None:
        with httpx.Client(base_url=url, timeout=10) as client:
            made = client.post("/petitions", headers=mttq, json={
                "text": f"Đề nghị sửa chữa cầu dân sinh ấp {n} xã Tân Phú",
                "channel": "mail", "commune": "Tân Phú"})
            petition_id = made.json()["petition"]["id"]
            client.post(f"/petitions/{petition_id}/classify", headers=hdnd, json=classification)
            forwarded = client.post(f"/petitions/{petition_id}/forward", headers=hdnd, json={})
            assert forwarded.is_success, forwarded.text

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(forward, range(PETITIONS)))


def watched(url: str) -> int:
    """Petitions oversight has seen forwarded (its per-agency figures), 0 if it is down."""
    try:
        rows = httpx.get(f"{url}/monitoring/petitions", timeout=2).json()
    except httpx.HTTPError:
        return 0
    return sum(row["forwarded"] for row in rows)


def kill_midway(service: ServiceProcess, nats_url: str, jurisdiction: str) -> int:
    """Starts the service and SIGKILLs it as soon as its petitions consumer has acknowledged
    some of the stream and not all (read from JetStream); how many it had acknowledged."""
    starting = threading.Thread(target=_start_quietly, args=(service,))
    starting.start()
    try:
        return asyncio.run(_kill_when_consuming(service, nats_url, jurisdiction))
    finally:
        starting.join()
        service.stop()  # a no-op once killed; ends it if the kill never came


def _start_quietly(service: ServiceProcess) -> None:
    with contextlib.suppress(RuntimeError, TimeoutError):  # killed before it was healthy
        service.start()


async def _kill_when_consuming(service: ServiceProcess, nats_url: str, jurisdiction: str
                               ) -> int:
    client = await nats.connect(nats_url)
    try:
        js, stream = client.jetstream(), stream_name(jurisdiction, "petitions")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(Exception):  # not bound yet
                info = await js.consumer_info(stream, DURABLE)
                acked = info.ack_floor.stream_seq if info.ack_floor else 0
                if acked > 0 and info.num_pending + (info.num_ack_pending or 0) > 0:
                    service.kill()
                    return acked
            await asyncio.sleep(0.002)
        raise AssertionError("oversight consumed nothing within a minute")
    finally:
        await client.close()


def stored_event_names(data_dir: Path, jurisdiction: str) -> Counter[str]:
    settings = ServiceSettings(store="sqlite", data_dir=data_dir, jurisdiction=jurisdiction)
    app = Oversight(store_environment(settings, "oversight"))
    try:
        stored = app.recorder.select_notifications(start=1, limit=100_000)
        return Counter(n.topic.rsplit(":", 1)[-1] for n in stored)
    finally:
        app.close()


def test_sigkill_of_oversight_while_consuming_loses_and_doubles_nothing(
    nats_url: str, jurisdiction: str, tmp_path: Path, start_service: Callable[..., Any]
) -> None:
    (tmp_path / "petitions").mkdir()
    (tmp_path / "oversight").mkdir()

    def oversight() -> Any:
        return start_service("oversight", nats_url, jurisdiction, tmp_path / "oversight")

    petitions = start_service("petitions", nats_url, jurisdiction, tmp_path / "petitions")
    oversight().stop()  # its durable consumers exist; it is down while petitions work
    forward_petitions(petitions.url, jurisdiction)

    killed = ServiceProcess("oversight", tmp_path / "oversight", nats_url, jurisdiction)
    acked = kill_midway(killed, nats_url, jurisdiction)
    assert 0 < acked < 3 * PETITIONS, "the kill should land while it consumes"

    restarted = oversight()
    deadline, settle_until = time.monotonic() + 90, None
    while time.monotonic() < (settle_until or deadline):
        if watched(restarted.url) >= PETITIONS and settle_until is None:
            settle_until = time.monotonic() + 1.0  # time for a duplicate to show
        time.sleep(0.1)
    [ubnd] = httpx.get(f"{restarted.url}/monitoring/petitions").json()
    assert (ubnd["agency"], ubnd["forwarded"]) == ("ubnd", PETITIONS)
    restarted.stop()

    names = stored_event_names(tmp_path / "oversight", jurisdiction)
    assert names["PetitionWatchStarted"] == PETITIONS
    assert names["PetitionReforwarded"] == 0  # no forwarding applied twice
