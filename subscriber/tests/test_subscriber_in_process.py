"""The kit in process against a real NATS: the crash between commit and ack, retries, dead
letters and their retry, what it imports."""

from __future__ import annotations

import ast
import asyncio
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import nats
import pytest

from chassis.messaging.streams import ensure_stream
from contracts import ReceivedEvent, decode_cloudevent, encode_cloudevent
from contracts.petitions.v1 import PetitionRecorded
from phoihop_subscriber import Subscriber

pytestmark = pytest.mark.integration
KIT = Path(__file__).resolve().parents[1] / "src" / "phoihop_subscriber"


def recorded(commune: str) -> PetitionRecorded:
    return PetitionRecorded(petition_id=uuid4(), text="Đề nghị sửa đường", commune=commune,
                            channel="meeting", recorded_at=datetime(2026, 9, 1, tzinfo=UTC))


async def publish(nats_url: str, jurisdiction: str, events: list[PetitionRecorded],
                  first: int = 1, traceparent: str | None = None) -> None:
    client = await nats.connect(nats_url)
    try:
        js = client.jetstream()
        await ensure_stream(js, jurisdiction, "petitions")
        for offset, event in enumerate(events):
            subject, ce_id, body = encode_cloudevent(
                event, jurisdiction=jurisdiction, sequence=first + offset,
                subject=str(event.petition_id), time=event.recorded_at,
                traceparent=traceparent)
            await js.publish(subject, body, headers={"Nats-Msg-Id": ce_id}, timeout=5)
    finally:
        await client.close()


def counting_subscriber(cls: type[Subscriber], nats_url: str, jurisdiction: str, db: Path,
                        **options: Any) -> Subscriber:
    subscriber = cls("counter", nats_url=nats_url, jurisdiction=jurisdiction, database=db,
                     **options)
    with subscriber.ledger.transaction() as tx:
        tx.execute("create table if not exists effects (event_id text, commune text)")

    @subscriber.handler(PetitionRecorded)
    def count(event: PetitionRecorded, envelope: ReceivedEvent,
              tx: sqlite3.Connection) -> None:
        tx.execute("insert into effects values (?, ?)", (envelope.id, event.commune))

    return subscriber


def effects(db: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "select event_id, count(*) from effects group by event_id order by 1").fetchall()


async def until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout}s")
        await asyncio.sleep(0.05)


async def test_a_crash_between_commit_and_ack_doubles_nothing(
        nats_url: str, jurisdiction: str, tmp_path: Path) -> None:
    db = tmp_path / "counter.db"
    lost = asyncio.Event()

    class DiesBeforeTheThirdAck(Subscriber):
        async def handle(self, message: Any, consumer: str, upstream: str) -> None:
            received = decode_cloudevent(message.raw_message.data)
            if received.sequence == 3 and not lost.is_set():
                function = self._handlers[PetitionRecorded]
                await asyncio.to_thread(self.apply, consumer, received, function)
                lost.set()  # committed; the process "dies" before its ack
                return
            await super().handle(message, consumer, upstream)

    await publish(nats_url, jurisdiction, [recorded(f"xã {i}") for i in range(1, 7)])
    first = counting_subscriber(DiesBeforeTheThirdAck, nats_url, jurisdiction, db)
    broker = first.broker()
    await broker.start()
    try:
        await asyncio.wait_for(lost.wait(), 30)
    finally:
        await broker.stop()
    assert len(effects(db)) == 3  # 1 and 2 acked, 3 applied and never acked

    second = counting_subscriber(Subscriber, nats_url, jurisdiction, db)
    await second.rewind_unacknowledged()  # 3 comes again now, not after ack_wait
    broker = second.broker()
    started = time.monotonic()
    await broker.start()
    try:
        await until(lambda: len(effects(db)) == 6, 20, "six effects")
        await asyncio.sleep(0.5)
    finally:
        await broker.stop()
    assert time.monotonic() - started < 15  # rewound: no 30 s ack_wait
    assert [count for _, count in effects(db)] == [1] * 6


async def test_a_failing_handler_is_retried_then_parked_and_retried_by_hand(
        nats_url: str, jurisdiction: str, tmp_path: Path) -> None:
    db = tmp_path / "counter.db"
    subscriber = Subscriber("fragile", nats_url=nats_url, jurisdiction=jurisdiction,
                            database=db, max_attempts=3, retry_delay=0.1)
    with subscriber.ledger.transaction() as tx:
        tx.execute("create table effects (event_id text, commune text)")
    broken = {"xã Hỏng"}
    attempts: list[str] = []

    @subscriber.handler(PetitionRecorded)
    def count(event: PetitionRecorded, envelope: ReceivedEvent,
              tx: sqlite3.Connection) -> None:
        tx.execute("insert into effects values (?, ?)", (envelope.id, event.commune))
        attempts.append(event.commune)
        if event.commune in broken:
            raise RuntimeError("the commune table is locked")

    await publish(nats_url, jurisdiction, [recorded("xã A"), recorded("xã Hỏng"),
                                           recorded("xã B")])
    broker = subscriber.broker()
    await broker.start()
    try:
        await until(lambda: len(effects(db)) == 2, 30, "the two good effects")
    finally:
        await broker.stop()
    # In order: the broken one three times (rolled back each time) before B was let by.
    assert attempts == ["xã A", "xã Hỏng", "xã Hỏng", "xã Hỏng", "xã B"]
    [letter] = subscriber.ledger.dead_letters()
    assert letter.attempts == 3 and "locked" in letter.error
    assert [commune for _, commune in _rows(db)] == ["xã A", "xã B"]

    assert subscriber.retry_dead_letter(letter.id) is False  # still broken: stays parked
    broken.clear()
    assert subscriber.retry_dead_letter(letter.id) is True
    assert subscriber.ledger.dead_letters() == []
    assert sorted(c for _, c in _rows(db)) == ["xã A", "xã B", "xã Hỏng"]
    with pytest.raises(KeyError):
        subscriber.retry_dead_letter(letter.id)


async def test_each_handler_is_a_span_of_the_events_trace(
        nats_url: str, jurisdiction: str, tmp_path: Path, span_exporter: Any) -> None:
    command = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    await publish(nats_url, jurisdiction, [recorded("xã A")], traceparent=command)
    db = tmp_path / "counter.db"
    subscriber = counting_subscriber(Subscriber, nats_url, jurisdiction, db)
    broker = subscriber.broker()
    await broker.start()
    try:
        await until(lambda: len(effects(db)) == 1, 20, "the effect")
    finally:
        await broker.stop()
    [span] = [s for s in span_exporter.get_finished_spans()
              if s.name == "counter-petitions process vn.phoihop.petitions.PetitionRecorded.v1"]
    assert format(span.context.trace_id, "032x") == "4bf92f3577b34da6a3ce929d0e0e4736"
    assert span.parent.span_id == 0x00f067aa0ba902b7


def _rows(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as connection:
        return connection.execute("select event_id, commune from effects order by rowid").fetchall()


def test_the_kit_needs_only_the_contracts_faststream_and_nats() -> None:
    allowed = {"contracts", "faststream", "nats", "opentelemetry", "phoihop_subscriber",
               "__future__"}
    stdlib = {"asyncio", "collections", "contextlib", "dataclasses", "datetime", "hashlib",
              "json", "logging", "pathlib", "sqlite3", "typing"}
    for module in KIT.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert name.split(".")[0] in allowed | stdlib, (module.name, name)
