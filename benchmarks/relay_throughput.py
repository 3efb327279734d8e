"""Benchmark 2: relay events/s from the notification log into JetStream.

The baseline is raw nats-py: the same encoded messages, ``publish_async`` in batches of
500 with every ack awaited, into a stream of the same configuration. The relay also reads
the store, maps and translates each event, encodes the CloudEvent and records its position.
"""

from __future__ import annotations

import asyncio
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import nats

from chassis.messaging.relay import OutboxRelay
from chassis.messaging.streams import ensure_stream
from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from contracts import encode_cloudevent
from contracts.vocabulary import Agency
from petitions.application import Petitions, translate

BATCH = 500


@dataclass(frozen=True)
class RelayComparison:
    events: int
    relay_seconds: list[float]
    baseline_seconds: list[float]

    @property
    def relay_rate(self) -> float:
        return self.events / min(self.relay_seconds)

    @property
    def baseline_rate(self) -> float:
        return self.events / min(self.baseline_seconds)

    @property
    def ratio(self) -> float:
        return self.relay_rate / self.baseline_rate

    @property
    def round_ratios(self) -> list[float]:
        """Round by round: each round's raw publish ran just before its relay."""
        return [raw / relay for relay, raw in zip(self.relay_seconds, self.baseline_seconds,
                                                  strict=True)]


@dataclass(frozen=True)
class _Actor:
    subject: str = "mttq-bench"
    agency: Agency = Agency.MTTQ
    role: str = "staff"
    unit: str | None = None


def fill_store(workdir: Path, events: int) -> Path:
    """A SQLite store with ``events`` recorded petitions; returns its file."""
    settings = ServiceSettings(store="sqlite", data_dir=workdir)
    env = store_environment(settings, "relayfill")
    petitions = Petitions(env=env)
    for n in range(events):
        petitions.record_petition(
            _Actor(), text=f"Đề nghị nạo vét kênh thủy lợi ấp {n} xã Tân Phú", channel="mail",
            commune="Tân Phú",
        )
    petitions.close()
    return Path(env["SQLITE_DBNAME"])


def fresh_copy(filled: Path, round_number: int) -> Petitions:
    """The filled store as a relay that never ran sees it (no recorded position)."""
    copy = filled.with_name(f"relay-round{round_number}.db")
    shutil.copyfile(filled, copy)
    return Petitions(env={"PERSISTENCE_MODULE": "eventsourcing.sqlite",
                          "SQLITE_DBNAME": str(copy)})


def encoded_bodies(petitions: Petitions) -> list[tuple[str, bytes]]:
    """The CloudEvents the relay will send, for the baseline to send as they are."""
    bodies = []
    for notification in petitions.recorder.select_notifications(start=0, limit=10**9):
        event = petitions.mapper.to_domain_event(notification)
        integration = translate(event)
        assert integration is not None
        subject, _, body = encode_cloudevent(
            integration, jurisdiction="bench", sequence=notification.id,
            subject=str(event.originator_id), time=event.timestamp,  # type: ignore[attr-defined]
        )
        bodies.append((subject.split(".", 3)[3], body))
    return bodies


async def _time_relay(petitions: Petitions, nats_url: str) -> float:
    client = await nats.connect(nats_url)
    js = client.jetstream()
    jurisdiction = f"bench-{uuid.uuid4().hex[:8]}"
    await ensure_stream(js, jurisdiction, "petitions")
    relay = OutboxRelay(petitions, service="petitions", jurisdiction=jurisdiction,
                        translate=translate, js=js, batch_size=BATCH)
    started = time.perf_counter()
    await relay.publish_pending()
    elapsed = time.perf_counter() - started
    await client.close()
    return elapsed


async def _time_raw_publish(bodies: list[tuple[str, bytes]], nats_url: str) -> float:
    client = await nats.connect(nats_url)
    js = client.jetstream()
    jurisdiction = f"bench-{uuid.uuid4().hex[:8]}"
    info = await ensure_stream(js, jurisdiction, "petitions")
    prefix = f"phoihop.{jurisdiction}.petitions."
    started = time.perf_counter()
    for start in range(0, len(bodies), BATCH):
        futures = [
            await js.publish_async(prefix + name, body, headers={"Nats-Msg-Id": f"{start}-{i}"},
                                   stream=info.config.name)
            for i, (name, body) in enumerate(bodies[start:start + BATCH])
        ]
        await asyncio.gather(*futures)
    elapsed = time.perf_counter() - started
    await client.close()
    return elapsed


def compare(workdir: Path, nats_url: str, events: int, rounds: int) -> RelayComparison:
    filled = fill_store(workdir, events)
    bodies = encoded_bodies(fresh_copy(filled, 0))
    relay_runs, raw_runs = [], []
    for round_number in range(1, rounds + 1):
        raw_runs.append(asyncio.run(_time_raw_publish(bodies, nats_url)))
        petitions = fresh_copy(filled, round_number)
        relay_runs.append(asyncio.run(_time_relay(petitions, nats_url)))
        petitions.close()
    return RelayComparison(events, relay_runs, raw_runs)
