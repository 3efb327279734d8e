"""The NATS accounts on a real nats-server: each service publishes its own events only,
creates its own stream (named as the chassis names it), and reads exactly the streams it
consumes, across accounts or within one, through ``$JS.<service>.API``."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import nats
import pytest
from deploy_render import BUS_SERVICES, DEPLOY
from nats.aio.client import Client
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from test_deploy_nats_config import JURISDICTION, READERS, USERS

from chassis.messaging.embedded_nats import free_port, nats_server_binary
from chassis.messaging.streams import ensure_stream, stream_name
from contracts import ReceivedEvent, encode_cloudevent
from contracts.petitions.v1 import PetitionRecorded
from phoihop_subscriber import Subscriber

pytestmark = pytest.mark.integration

EVERY_STREAM = set(BUS_SERVICES)
CONSUMES = {
    "petitions": {"sessions"},
    "sessions": {"petitions", "oversight"},
    "oversight": {"petitions", "sessions", "letters"},  # and its own (decision 17)
    "notifier": {"petitions", "sessions", "oversight", "letters"},
    "letters": set(),
    # Every stream but letters', which only MTTQ's notifier and HDND's oversight import
    # (decisions 15, 17).
    "ubnd": EVERY_STREAM - {"letters"},
    "dbqh": EVERY_STREAM - {"letters"},
}
READS = [(user, upstream) for user in USERS for upstream in sorted(CONSUMES[user])]
REFUSED = [
    (user, upstream) for user in USERS for upstream in sorted(EVERY_STREAM)
    if upstream not in CONSUMES[user] and upstream != user
]


@pytest.fixture(scope="module")
def bus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A nats-server on the production accounts files (JetStream, no cluster); its port."""
    directory = tmp_path_factory.mktemp("bus")
    for path in (DEPLOY / "base" / "nats").glob("account*.conf"):
        shutil.copy(path, directory)
    port = free_port()
    (directory / "main.conf").write_text(
        f'port: {port}\nserver_name: test\njetstream {{ store_dir: "{directory / "js"}" }}\n'
        'include "accounts.conf"\n'
    )
    environment = {**os.environ, **{f"{u.upper()}_PASSWORD": _password(u) for u in (*USERS, "sys")}}
    process = subprocess.Popen(
        [nats_server_binary(), "-c", str(directory / "main.conf")], env=environment,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(10)


def _password(user: str) -> str:
    return f"pw-{user}-0a1b2c"


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        assert process.poll() is None, "nats-server exited: the configuration was refused"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError("nats-server did not listen in time")


class Connected:
    """A connection as one user, keeping the errors the server reports to it."""

    def __init__(self, client: Client, errors: list[str], reported: asyncio.Event) -> None:
        self.client = client
        self.errors = errors
        self.reported = reported

    @classmethod
    async def as_user(cls, port: int, user: str) -> Connected:
        errors: list[str] = []
        reported = asyncio.Event()

        async def on_error(error: Exception) -> None:
            errors.append(str(error).lower())
            reported.set()

        client = await nats.connect(
            f"nats://{user}:{_password(user)}@127.0.0.1:{port}", error_cb=on_error,
            allow_reconnect=False,
        )
        return cls(client, errors, reported)

    async def refused(self, subjects: list[str]) -> list[str]:
        """Publishes to each subject; returns those the server refused (waits up to 5 s)."""
        for subject in subjects:
            await self.client.publish(subject, b"{}")
        await self.client.flush()
        wanted = [s.lower() for s in subjects]
        deadline = time.monotonic() + 5
        while not all(self._violated(s) for s in wanted):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self.reported.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.reported.wait(), remaining)
        return [s for s, w in zip(subjects, wanted, strict=True) if self._violated(w)]

    def _violated(self, subject: str) -> bool:
        return any("permissions violation" in e and f'"{subject}"' in e for e in self.errors)


async def _publish_one(port: int, service: str) -> None:
    """The owner creates its stream (as the chassis does) and publishes one event."""
    owner = await Connected.as_user(port, service)
    try:
        js = owner.client.jetstream()
        await ensure_stream(js, JURISDICTION, service, replicas=1)
        ack = await js.publish(
            f"phoihop.{JURISDICTION}.{service}.Tested.v1", b"{}",
            headers={"Nats-Msg-Id": f"{JURISDICTION}:{service}:1"},
        )
        assert ack.stream == stream_name(JURISDICTION, service)
    finally:
        await owner.client.close()


@pytest.mark.parametrize("service", sorted(BUS_SERVICES))
async def test_a_service_publishes_its_own_events_and_no_one_elses(bus: int, service: str) -> None:
    await _publish_one(bus, service)
    others = [f"phoihop.{JURISDICTION}.{other}.Tested.v1" for other in BUS_SERVICES
              if other != service]
    foreign = [f"phoihop.ha-noi.{service}.Tested.v1", f"phoihop.{JURISDICTION}.Tested"]
    connected = await Connected.as_user(bus, service)
    try:
        assert await connected.refused(others + foreign) == others + foreign
    finally:
        await connected.client.close()


@pytest.mark.parametrize("reader", READERS)
async def test_reader_accounts_publish_no_event(bus: int, reader: str) -> None:
    subjects = [f"phoihop.{JURISDICTION}.{service}.Tested.v1" for service in BUS_SERVICES]
    connected = await Connected.as_user(bus, reader)
    try:
        assert await connected.refused(subjects) == subjects
    finally:
        await connected.client.close()


@pytest.mark.parametrize(("user", "upstream"), READS)
async def test_a_consumer_reads_the_streams_it_consumes(bus: int, user: str, upstream: str) -> None:
    await _publish_one(bus, upstream)
    stream = stream_name(JURISDICTION, upstream)
    durable = f"{user}-deploy-test"
    connected = await Connected.as_user(bus, user)
    try:
        # The calls chassis.messaging.jetstream_consumer makes, through the prefix of the
        # upstream service.
        js = connected.client.jetstream(prefix=f"$JS.{upstream}.API")
        config = ConsumerConfig(
            durable_name=durable, ack_policy=AckPolicy.EXPLICIT, deliver_policy=DeliverPolicy.ALL,
            max_ack_pending=1, filter_subject=f"phoihop.{JURISDICTION}.{upstream}.>",
        )
        await js.add_consumer(stream, config)
        subscription = await js.pull_subscribe_bind(durable=durable, stream=stream)
        [message] = await subscription.fetch(1, timeout=5)
        assert message.subject == f"phoihop.{JURISDICTION}.{upstream}.Tested.v1"
        await message.ack_sync(timeout=5)
        info = await js.consumer_info(stream, durable)
        assert info.ack_floor.stream_seq == 1 and info.num_ack_pending == 0
        await js.reset_consumer(stream, durable)
        assert (await js.stream_info(stream)).state.messages >= 1
        assert await js.delete_consumer(stream, durable)
        assert connected.errors == []
    finally:
        await connected.client.close()


@pytest.mark.parametrize(("user", "upstream"), REFUSED)
async def test_a_service_cannot_reach_a_stream_it_does_not_consume(
    bus: int, user: str, upstream: str
) -> None:
    stream = stream_name(JURISDICTION, upstream)
    subjects = [
        f"$JS.{upstream}.API.STREAM.INFO.{stream}",
        f"$JS.API.CONSUMER.MSG.NEXT.{stream}.anyone",
        f"$JS.API.STREAM.DELETE.{stream}",
    ]
    connected = await Connected.as_user(bus, user)
    try:
        assert await connected.refused(subjects) == subjects
    finally:
        await connected.client.close()


async def test_live_events_reach_the_importing_accounts(bus: int) -> None:
    await _publish_one(bus, "petitions")  # the stream exists, so the publish is stored too
    reader = await Connected.as_user(bus, "ubnd")
    owner = await Connected.as_user(bus, "petitions")
    try:
        subscription = await reader.client.subscribe(f"phoihop.{JURISDICTION}.>")
        await reader.client.flush()
        # The import's interest may reach the exporting account a moment after the SUB:
        # publish again until one arrives, within a bounded time.
        message = None
        for _ in range(50):
            await owner.client.publish(f"phoihop.{JURISDICTION}.petitions.Live.v1", b"{}")
            try:
                message = await subscription.next_msg(timeout=0.2)
                break
            except nats.errors.TimeoutError:
                continue
        assert message is not None, "no live event reached the importing account in 10 s"
        assert message.subject == f"phoihop.{JURISDICTION}.petitions.Live.v1"
    finally:
        await reader.client.close()
        await owner.client.close()


async def test_the_subscriber_kit_follows_petitions_as_an_agency_user(
        bus: int, tmp_path: Path) -> None:
    """An agency's own system (user ``ubnd``) runs the subscriber kit through the prefix the
    petitions account exports: durable created, events applied and acked, poison parked."""
    await _publish_one(bus, "petitions")  # `{}` on Tested.v1: no phoihop event
    event = PetitionRecorded(petition_id=uuid4(), text="Đề nghị sửa đường", commune="Tân Phú",
                             channel="meeting", recorded_at=datetime(2026, 9, 1, tzinfo=UTC))
    owner = await Connected.as_user(bus, "petitions")
    try:
        subject, ce_id, body = encode_cloudevent(
            event, jurisdiction=JURISDICTION, sequence=7, subject=str(event.petition_id),
            time=event.recorded_at)
        await owner.client.jetstream().publish(subject, body, headers={"Nats-Msg-Id": ce_id})
    finally:
        await owner.client.close()
    applied: list[str] = []
    subscriber = Subscriber(
        "ubnd-archive", nats_url=f"nats://ubnd:{_password('ubnd')}@127.0.0.1:{bus}",
        jurisdiction=JURISDICTION, database=tmp_path / "archive.db",
        js_api_prefix="$JS.petitions.API")

    @subscriber.handler(PetitionRecorded)
    def archive(event: PetitionRecorded, envelope: ReceivedEvent, db: Any) -> None:
        applied.append(envelope.id)

    await subscriber.rewind_unacknowledged()
    broker = subscriber.broker()
    await broker.start()
    try:
        deadline = time.monotonic() + 20
        while not (applied and subscriber.ledger.dead_letters()):
            assert time.monotonic() < deadline, (applied, subscriber.ledger.dead_letters())
            await asyncio.sleep(0.05)
    finally:
        await broker.stop()
    assert applied == [ce_id]
    # The other tests' `{}` bodies (Tested.v1, Live.v1) are parked; the event is not.
    parked = {letter.subject for letter in subscriber.ledger.dead_letters()}
    assert f"phoihop.{JURISDICTION}.petitions.Tested.v1" in parked and subject not in parked
    subscriber.ledger.close()
