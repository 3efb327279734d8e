"""The outbox relay publishes every stored event once, in order, as a CloudEvent."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from cloudevents.core.formats.json import JSONFormat
from messaging_apps import SERVICE, Petition, PetitionDesk, translate
from messaging_support import Store, eventually, stop_all, stream_messages
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js import JetStreamContext

from chassis.messaging.embedded_nats import EmbeddedNats
from chassis.messaging.nats_connection import connect
from chassis.messaging.relay import Batch, OutboxRelay
from chassis.messaging.streams import ensure_stream, stream_name
from contracts import decode_cloudevent

pytestmark = pytest.mark.integration


async def relay_for(desk: PetitionDesk, js: JetStreamContext, jurisdiction: str) -> OutboxRelay:
    await ensure_stream(js, jurisdiction, SERVICE)
    return OutboxRelay(desk, service=SERVICE, jurisdiction=jurisdiction, translate=translate,
                       js=js, poll_interval=60.0)


async def test_every_event_arrives_once_in_order_as_a_cloudevent(
    store: Store, js: JetStreamContext, jurisdiction: str
) -> None:
    desk = store.open(PetitionDesk)
    ids = [desk.record(f"petition {number}") for number in range(30)]
    for petition_id in ids[::3]:
        desk.note(petition_id, "private remark")
    relay = await relay_for(desk, js, jurisdiction)

    assert await relay.publish_pending() == 30

    messages = await stream_messages(js, stream_name(jurisdiction, SERVICE))
    assert len(messages) == 30
    sequences = []
    for number, (message, petition_id) in enumerate(zip(messages, ids, strict=True)):
        ours = decode_cloudevent(message.data)
        theirs = JSONFormat().read(None, message.data)
        petition: Petition = desk.repository.get(petition_id, version=1)
        assert message.subject == f"phoihop.{jurisdiction}.petitions.PetitionRecorded.v1"
        assert message.headers is not None
        assert message.headers["Nats-Msg-Id"] == ours.id == theirs.get_id()
        assert theirs.get_source() == f"urn:phoihop:{jurisdiction}:petitions"
        assert theirs.get_type() == "vn.phoihop.petitions.PetitionRecorded.v1"
        assert theirs.get_subject() == str(petition_id)
        assert theirs.get_time() == petition.created_on
        assert theirs.get_extension("sequence") == str(ours.sequence).zfill(20)
        data = theirs.get_data()
        assert isinstance(data, dict) and data["text"] == f"petition {number}"
        sequences.append(ours.sequence)
    assert sequences == sorted(set(sequences))
    assert await relay.position() == desk.recorder.max_notification_id()


async def test_private_events_are_not_published_but_the_position_advances(
    store: Store, js: JetStreamContext, jurisdiction: str
) -> None:
    desk = store.open(PetitionDesk)
    petition_id = desk.record("the only public one")
    relay = await relay_for(desk, js, jurisdiction)
    assert await relay.publish_pending() == 1

    for number in range(5):
        desk.note(petition_id, f"remark {number}")

    assert await relay.publish_pending() == 0
    assert len(await stream_messages(js, relay.stream)) == 1
    highest = desk.recorder.max_notification_id()
    assert await relay.position() == highest == 6
    assert desk.recorder.max_tracking_id(relay.position_name) == highest


async def test_publishing_again_from_an_older_position_is_dropped_by_jetstream(
    store: Store, js: JetStreamContext, jurisdiction: str
) -> None:
    desk = store.open(PetitionDesk)
    for number in range(10):
        desk.record(f"petition {number}")
    relay = await relay_for(desk, js, jurisdiction)
    await relay.publish_pending()

    assert await relay.republish(after=0) == 10
    assert await relay.republish(after=4) == 6

    info = await js.stream_info(relay.stream)
    assert info.state.messages == 10
    assert await relay.position() == 10


async def test_run_wakes_on_saves_from_worker_threads(
    store: Store, nc: Client, js: JetStreamContext, jurisdiction: str
) -> None:
    desk = store.open(PetitionDesk)
    relay = await relay_for(desk, js, jurisdiction)  # polls only every 60 s
    received: list[Msg] = []

    async def collect(msg: Msg) -> None:
        received.append(msg)

    subscription = await nc.subscribe(f"phoihop.{jurisdiction}.petitions.>", cb=collect)
    running = asyncio.create_task(relay.run())
    try:
        for number in range(20):
            await asyncio.to_thread(desk.record, f"petition {number}")
        await eventually(lambda: len(received) >= 20, within=20, what="20 events received")
    finally:
        await stop_all(running)
        await subscription.unsubscribe()
    texts = [decode_cloudevent(msg.data).data.model_dump()["text"] for msg in received]
    assert texts == [f"petition {number}" for number in range(20)]


async def test_the_relay_keeps_its_place_through_a_nats_outage(
    store: Store, nats_server: EmbeddedNats, jurisdiction: str
) -> None:
    desk = store.open(PetitionDesk)
    client = await connect(nats_server.url, "relay-outage-test", reconnect_wait=0.2)
    js = client.jetstream()
    relay = await relay_for(desk, js, jurisdiction)
    relay.ack_timeout = 2.0
    running = asyncio.create_task(relay.run())
    try:
        first = [desk.record(f"before {number}") for number in range(5)]
        await eventually(lambda: relay_position_is(relay, 5), within=20, what="first batch")
        nats_server.stop()
        later = [await asyncio.to_thread(desk.record, f"during {n}") for n in range(5)]
        nats_server.start()
        await eventually(lambda: relay_position_is(relay, 10), within=60, what="second batch")
    finally:
        await stop_all(running)
    messages = await stream_messages(js, relay.stream)
    await client.close()
    subjects = [decode_cloudevent(message.data).subject for message in messages]
    assert subjects == [str(petition_id) for petition_id in first + later]


async def relay_position_is(relay: OutboxRelay, wanted: int) -> bool:
    """True once the relay has recorded ``wanted`` as its position."""
    stored = await asyncio.to_thread(relay.app.recorder.max_tracking_id, relay.position_name)
    return stored == wanted



class WatchedRelay(OutboxRelay):
    """Notes when each batch is read and when each position is recorded, and what JetStream
    holds at that moment."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.moments: list[tuple[str, int]] = []
        self.stored_at_record: dict[int, list[int]] = {}

    def _read(self, after: int) -> Batch:
        self.moments.append(("read", after))
        return super()._read(after)

    async def _record(self, last_id: int) -> None:
        messages = await stream_messages(self.js, self.stream)
        self.stored_at_record[last_id] = [decode_cloudevent(m.data).sequence for m in messages]
        self.moments.append(("record", last_id))
        await super()._record(last_id)


async def test_reading_runs_ahead_but_each_position_is_recorded_after_its_batch_is_stored(
    store: Store, js: JetStreamContext, jurisdiction: str
) -> None:
    desk = store.open(PetitionDesk)
    for number in range(23):
        desk.record(f"petition {number}")
    await ensure_stream(js, jurisdiction, SERVICE)
    relay = WatchedRelay(desk, service=SERVICE, jurisdiction=jurisdiction, translate=translate,
                         js=js, batch_size=5, poll_interval=60.0)

    assert await relay.publish_pending() == 23

    # The next batch was read before the current one's position was recorded ...
    assert relay.moments[:3] == [("read", 0), ("read", 5), ("record", 5)]
    assert [after for kind, after in relay.moments if kind == "read"] == [0, 5, 10, 15, 20]
    # ... yet every position was recorded only once JetStream held all up to it, in order.
    for last_id, stored in relay.stored_at_record.items():
        assert stored == list(range(1, last_id + 1))
    assert list(relay.stored_at_record) == [5, 10, 15, 20, 23]
    assert await relay.position() == 23
