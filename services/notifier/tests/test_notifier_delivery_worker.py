"""The delivery worker never sends a delivery twice because it read a stale snapshot."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
from notifier_support import FORWARDED_AT, forwarded

from chassis.web.auth import Principal
from contracts import decode_cloudevent, encode_cloudevent
from contracts.vocabulary import Agency
from kernel.clock import ManualClock
from notifier.application import Notifier
from notifier.application.readmodel import DeliveryJob
from notifier.application.signals import SaveSignal
from notifier.domain.delivery import Backoff, Outcome
from notifier.workers import DeliveryWorker


class HeldChannel:
    """Sends only when released; counts every send."""

    def __init__(self) -> None:
        self.sends = 0
        self.release = asyncio.Event()

    async def send(self, job: DeliveryJob) -> Outcome:
        self.sends += 1
        await self.release.wait()
        return Outcome(True, status_code=200)

    async def close(self) -> None:
        return None


@pytest.fixture
def app() -> Iterator[Notifier]:
    notifier = Notifier({"PERSISTENCE_MODULE": "eventsourcing.popo"},
                        clock=ManualClock(FORWARDED_AT), backoff=Backoff(1.0, 10.0),
                        max_attempts=3)
    yield notifier
    notifier.close()


async def test_an_attempt_ending_while_a_pass_reads_is_not_started_again(app: Notifier) -> None:
    app.register_subscription(
        Principal("t", Agency.UBND, "staff", "tien-giang"), url="https://ubnd.example.vn/hooks",
        event_types=["*"], secret=None, audience="agency", unit=None, description=None,
        allow_http=False)
    event = forwarded()
    _, _, body = encode_cloudevent(event, jurisdiction="tien-giang", sequence=1,
                                   subject=str(event.petition_id), time=FORWARDED_AT)
    app.apply_received(decode_cloudevent(body), "urn:phoihop:tien-giang:petitions#petitions")
    channel = HeldChannel()
    worker = DeliveryWorker(app, {"webhook": channel}, SaveSignal(app))
    await worker.pass_once()  # the attempt starts and waits for its answer
    await until(lambda: channel.sends == 1)

    # The next pass reads its snapshot while the attempt is still out, and only returns
    # it after the attempt was answered and recorded: the snapshot is stale by then.
    real = app.read_model.due_deliveries
    snapshot_taken, attempt_recorded = threading.Event(), threading.Event()

    def stale(now: datetime) -> Any:
        result = real(now)
        snapshot_taken.set()
        attempt_recorded.wait(10)
        return result

    app.read_model.due_deliveries = stale  # type: ignore[method-assign]
    second_pass = asyncio.create_task(worker.pass_once())
    await asyncio.to_thread(snapshot_taken.wait, 10)
    channel.release.set()
    await until(lambda: not worker._in_flight)  # answered and recorded
    attempt_recorded.set()
    await second_pass
    await until(lambda: not worker._in_flight)
    assert channel.sends == 1
    assert [d["status"] for d in app.read_model.deliveries(channel="webhook")] == ["delivered"]


async def until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


class PickyChannel:
    """Raises on the deliveries of one target, answers 200 to the others."""

    def __init__(self, bad_target: str) -> None:
        self.bad_target = bad_target
        self.sent: list[str] = []

    async def send(self, job: DeliveryJob) -> Outcome:
        if job.target == self.bad_target:
            raise OverflowError("date value out of range")
        self.sent.append(job.target)
        return Outcome(True, status_code=200)

    async def close(self) -> None:
        return None


async def test_a_delivery_whose_channel_raises_is_a_failed_attempt_and_the_others_go(
    app: Notifier,
) -> None:
    for agency in ("ubnd", "mttq"):
        app.register_subscription(
            Principal("t", Agency(agency), "admin", "tien-giang"),
            url=f"https://{agency}.example.vn/hooks", event_types=["*"], secret=None,
            audience="all", unit=None, description=None, allow_http=False)
    receive(app, forwarded(), sequence=1)
    channel = PickyChannel("https://ubnd.example.vn/hooks")
    worker = DeliveryWorker(app, {"webhook": channel}, SaveSignal(app))

    await worker.pass_once()
    await until(lambda: not worker._in_flight)

    assert channel.sent == ["https://mttq.example.vn/hooks"]
    by_target = {d["target"]: d for d in app.read_model.deliveries(channel="webhook")}
    assert by_target["https://mttq.example.vn/hooks"]["status"] == "delivered"
    failed = by_target["https://ubnd.example.vn/hooks"]
    assert failed["status"] == "pending" and len(failed["attempts"]) == 1  # retried later
    assert not worker._held  # not mistaken for the store failing


async def test_a_pass_that_fails_does_not_end_the_worker(app: Notifier) -> None:
    app.register_subscription(
        Principal("t", Agency.UBND, "staff", "tien-giang"), url="https://ubnd.example.vn/hooks",
        event_types=["*"], secret=None, audience="agency", unit=None, description=None,
        allow_http=False)
    receive(app, forwarded(), sequence=1)
    channel = HeldChannel()
    channel.release.set()
    real, calls = app.read_model.due_deliveries, []

    def failing_once(now: datetime) -> Any:
        calls.append(now)
        if len(calls) == 1:
            raise RuntimeError("the store is restarting")
        return real(now)

    app.read_model.due_deliveries = failing_once  # type: ignore[method-assign]
    worker = DeliveryWorker(app, {"webhook": channel}, SaveSignal(app), poll_seconds=0.05)
    running = asyncio.create_task(worker.run())
    try:
        await until(lambda: channel.sends == 1)
    finally:
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running


def receive(app: Notifier, event: Any, sequence: int) -> None:
    _, _, body = encode_cloudevent(event, jurisdiction="tien-giang", sequence=sequence,
                                   subject=str(event.petition_id), time=FORWARDED_AT)
    app.apply_received(decode_cloudevent(body), "urn:phoihop:tien-giang:petitions#petitions")
