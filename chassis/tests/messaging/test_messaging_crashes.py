"""SIGKILL at the worst moments, and a NATS restart under load: nothing lost, nothing doubled.

The relay and the consumer run as real processes (``programs/``) that kill themselves with
SIGKILL at a chosen point: no ``finally``, no flush, no clean close.
"""

from __future__ import annotations

import asyncio
import random
import signal
import threading

import pytest
from messaging_apps import SERVICE, PetitionDesk, PetitionTally, translate
from messaging_support import (
    DURABLE,
    Store,
    counts,
    eventually,
    record_and_publish,
    run_program,
    stop_all,
    store_arg,
    stream_messages,
    tally_consumer,
)
from nats.js import JetStreamContext

from chassis.messaging.consuming_application import tracking_name
from chassis.messaging.embedded_nats import EmbeddedNats
from chassis.messaging.nats_connection import connect
from chassis.messaging.relay import OutboxRelay
from chassis.messaging.streams import ensure_stream, stream_name
from contracts import decode_cloudevent, event_source, stream_subjects

pytestmark = [pytest.mark.integration, pytest.mark.slow]
KILLED = -signal.SIGKILL


def produce(mode: str, store: Store, nats_url: str, jurisdiction: str, count: int = 0) -> int:
    """Runs the producing program; returns its exit code (-9 when it killed itself)."""
    done = run_program(
        "produce", mode, "--nats-url", nats_url, "--jurisdiction", jurisdiction,
        "--store", store_arg(store, PetitionDesk.name), "--count", str(count),
    )
    assert done.returncode in (0, KILLED), done.stderr
    return int(done.returncode)


def consume(store: Store, nats_url: str, jurisdiction: str, kill_at: int = 0,
            kill_point: str = "after-commit", batch_size: int = 64) -> int:
    """Runs the consuming program; returns its exit code (-9 when it killed itself)."""
    source = event_source(jurisdiction, SERVICE)
    options = ["--kill-at", str(kill_at), "--kill-point", kill_point] if kill_at else []
    options += ["--batch-size", str(batch_size)]
    done = run_program(
        "consume", "--nats-url", nats_url, "--stream", stream_name(jurisdiction, SERVICE),
        "--durable", DURABLE, "--filter", stream_subjects(jurisdiction, SERVICE),
        "--tracking-name", tracking_name(source, "count"),
        "--store", store_arg(store, PetitionTally.name), *options,
    )
    assert done.returncode in (0, KILLED), done.stderr
    return int(done.returncode)


async def test_a_relay_killed_before_publishing_or_before_recording_publishes_once(
    store: Store, nats_url: str, js: JetStreamContext, jurisdiction: str
) -> None:
    await ensure_stream(js, jurisdiction, SERVICE)
    stream = stream_name(jurisdiction, SERVICE)

    assert produce("save-then-die", store, nats_url, jurisdiction, count=25) == KILLED
    assert (await js.stream_info(stream)).state.messages == 0
    assert produce("publish-then-die", store, nats_url, jurisdiction) == KILLED
    assert (await js.stream_info(stream)).state.messages == 25
    assert produce("relay", store, nats_url, jurisdiction) == 0  # re-publishes the 25

    messages = await stream_messages(js, stream)
    texts = [decode_cloudevent(m.data).data.model_dump()["text"] for m in messages]
    assert texts == [f"petition {number}" for number in range(25)]
    desk = store.open(PetitionDesk)
    assert desk.recorder.max_tracking_id(f"relay:{SERVICE}") == 25


async def test_a_consumer_killed_after_commit_before_ack_neither_loses_nor_doubles(
    store: Store, nats_url: str, js: JetStreamContext, jurisdiction: str
) -> None:
    desk = store.open(PetitionDesk)
    texts = [f"petition {number}" for number in range(100)]
    await record_and_publish(desk, js, jurisdiction, texts)

    assert consume(store, nats_url, jurisdiction, kill_at=50) == KILLED
    assert consume(store, nats_url, jurisdiction) == 0

    tally = store.open(PetitionTally)
    assert list(counts(tally).items()) == [(text, 1) for text in texts]


async def test_a_consumer_killed_again_and_again_mid_backlog_neither_loses_nor_doubles(
    store: Store, nats_url: str, js: JetStreamContext, jurisdiction: str
) -> None:
    # The probe lost 50 effects when a consumer died with a fetched batch in hand and the
    # older messages came back after newer ones. Kill at random points, both sides of the
    # commit, with a backlog waiting and batches of several sizes (a durable changed from
    # one size to another on restart), until a run gets to the end.
    desk = store.open(PetitionDesk)
    texts = [f"petition {number}" for number in range(120)]
    await record_and_publish(desk, js, jurisdiction, texts)
    chance = random.Random(20250501)
    kills = 0
    for _ in range(40):
        point = chance.choice(["before-commit", "after-commit"])
        batch_size = chance.choice([1, 4, 16])
        if consume(store, nats_url, jurisdiction, chance.randint(1, 12), point, batch_size) == 0:
            break
        kills += 1
    else:
        pytest.fail("the consumer never reached the end of the stream")

    assert kills >= 5
    tally = store.open(PetitionTally)
    assert list(counts(tally).items()) == [(text, 1) for text in texts]


async def test_consumer_and_relay_resume_by_themselves_after_a_nats_restart_under_load(
    store: Store, nats_server: EmbeddedNats, jurisdiction: str
) -> None:
    desk, tally = store.open(PetitionDesk), store.open(PetitionTally)
    client = await connect(nats_server.url, "restart-test", reconnect_wait=0.2)
    js = client.jetstream()
    await ensure_stream(js, jurisdiction, SERVICE)
    relay = OutboxRelay(desk, service=SERVICE, jurisdiction=jurisdiction,
                        translate=translate, js=js, ack_timeout=2.0)
    consumer = tally_consumer(tally, js, jurisdiction)
    tasks = [asyncio.create_task(relay.run()), asyncio.create_task(consumer.run())]
    texts = [f"petition {number}" for number in range(300)]
    writer = threading.Thread(target=write_slowly, args=(desk, texts))
    try:
        writer.start()
        await eventually(lambda: len(tally.tallies()) >= 50, within=60, what="50 applied")
        nats_server.stop()
        await eventually(lambda: client.is_reconnecting, within=20, what="outage noticed")
        nats_server.start()
        await asyncio.to_thread(writer.join, 60)
        await eventually(lambda: len(tally.tallies()) == 300, within=120, what="300 applied")
    finally:
        await stop_all(*tasks)
        await consumer.stop()
        await client.close()
    assert list(counts(tally).items()) == [(text, 1) for text in texts]


def write_slowly(desk: PetitionDesk, texts: list[str]) -> None:
    """Records the petitions over a few seconds, as commands would arrive."""
    pause = threading.Event()
    for text in texts:
        desk.record(text)
        pause.wait(0.01)

