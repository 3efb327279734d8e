"""Integration: what the outbox relay publishes for oversight, on SQLite and a real NATS.

A programme and the overlap it causes become oversight v1 CloudEvents on the service's
stream, subject-named and decodable; a restarted relay publishes nothing twice.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from nats.aio.client import Client
from oversight_builders import HDND, MTTQ, YEAR, SteppingClock, topic

from chassis.messaging.nats_connection import connect
from chassis.messaging.relay import OutboxRelay
from chassis.messaging.streams import ensure_stream, stream_name
from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from contracts import decode_cloudevent
from contracts.oversight import v1
from oversight.application import Oversight, translate
from oversight.domain.values import SupervisingBody

pytestmark = pytest.mark.integration


@pytest.fixture
async def nc(nats_url: str) -> AsyncIterator[Client]:
    client = await connect(nats_url, "oversight-outbox-test")
    yield client
    await client.close()


async def test_the_relay_publishes_oversight_events_once(tmp_path: Path, nc: Client,
                                                         jurisdiction: str) -> None:
    settings = ServiceSettings(store="sqlite", data_dir=tmp_path, jurisdiction=jurisdiction)
    env = store_environment(settings, "oversight")
    app = Oversight(env, clock=SteppingClock())
    app.adopt_programme(HDND, year=YEAR, body=SupervisingBody.STANDING_COMMITTEE,
                        items=[topic()])
    app.adopt_programme(MTTQ, year=YEAR, body=SupervisingBody.MTTQ, items=[topic()])
    js = nc.jetstream()
    await ensure_stream(js, jurisdiction, "oversight")

    def relay(of: Oversight) -> OutboxRelay:
        return OutboxRelay(of, service="oversight", jurisdiction=jurisdiction,
                           translate=translate, js=js)

    assert await relay(app).publish_pending() == 3
    stream = stream_name(jurisdiction, "oversight")
    info = await js.stream_info(stream)
    messages = [await js.get_msg(stream, seq) for seq in range(1, info.state.last_seq + 1)]
    received = [decode_cloudevent(m.data or b"") for m in messages]
    assert [type(r.data).__name__ for r in received] == [
        "SupervisionProgrammeAdopted", "SupervisionProgrammeAdopted", "OverlapDetected"]
    overlap = received[-1].data
    assert isinstance(overlap, v1.OverlapDetected)
    assert (overlap.first.body, overlap.second.body) == ("standing_committee", "mttq")
    assert received[-1].subject == str(overlap.overlap_id)
    assert messages[-1].subject == f"phoihop.{jurisdiction}.oversight.OverlapDetected.v1"
    app.close()

    reopened = Oversight(env, clock=SteppingClock())  # a restart: the position was recorded
    assert await relay(reopened).publish_pending() == 0
    assert (await js.stream_info(stream)).state.messages == 3
    reopened.close()
