"""The subscriber kit's example, run as a process against a real NATS while petitions are
walked through the petitions service: SIGKILLed and restarted mid-stream, handlers that
fail and are retried, a poisoned message; every event's effect exactly once."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import nats
import pytest

from chassis.processes import kill_process, stop_process
from contracts import event_subject
from tests.e2e.journey import walk_petition_journey

pytestmark = [pytest.mark.integration, pytest.mark.e2e, pytest.mark.slow]

EXAMPLE = Path(__file__).resolve().parents[2] / "subscriber" / "examples" / "petition_ledger.py"
EVENTS_PER_JOURNEY = 11
JOURNEYS = 6


class LedgerProcess:
    """The example subscriber as its own process, with its own SQLite database."""

    def __init__(self, nats_url: str, jurisdiction: str, directory: Path) -> None:
        self.database = directory / "ledger.db"
        self.log = directory / "ledger.log"
        self.env = {**os.environ, "NATS_URL": nats_url, "PHOIHOP_JURISDICTION": jurisdiction,
                    "LEDGER_DATABASE": str(self.database), "LEDGER_FLAKY": "1"}
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        log = open(self.log, "ab")  # noqa: SIM115 (the child keeps it)
        self.process = subprocess.Popen([sys.executable, str(EXAMPLE)], env=self.env,
                                        stdout=log, stderr=subprocess.STDOUT)
        self.starts += 1

    def kill(self) -> None:
        assert self.process is not None
        kill_process(self.process)

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process, grace=15)

    def query(self, sql: str) -> list[tuple[object, ...]]:
        if not self.database.exists():
            return []
        with sqlite3.connect(self.database, timeout=5) as db:
            try:
                return db.execute(sql).fetchall()
            except sqlite3.OperationalError:  # tables not created yet
                return []

    def applied(self) -> int:
        return int(self.query("select count(*) from event_log")[0][0]) if self.query(
            "select count(*) from event_log") else 0

    def wait_until(self, condition: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"the ledger exited: {self.log.read_text()[-3000:]}")
            time.sleep(0.05)
        raise AssertionError(f"{what} not within {timeout}s; applied {self.applied()}; "
                             f"log: {self.log.read_text()[-3000:]}")


@pytest.fixture
def ledger(nats_url: str, jurisdiction: str, tmp_path: Path) -> Iterator[LedgerProcess]:
    process = LedgerProcess(nats_url, jurisdiction, tmp_path)
    try:
        yield process
    finally:
        process.stop()


def publish_poison(nats_url: str, jurisdiction: str) -> None:
    """A message on the petitions stream that is no CloudEvent (a forger or a broken tool)."""

    async def publish() -> None:
        client = await nats.connect(nats_url)
        try:
            subject = event_subject(jurisdiction, "petitions", "PetitionRecorded", 1)
            await client.jetstream().publish(subject, b'{"not": "an event"}', timeout=5)
        finally:
            await client.close()

    asyncio.run(publish())


def test_every_effect_once_across_sigkills_retries_and_poison(
        start_service: Callable[..., object], nats_url: str, jurisdiction: str,
        ledger: LedgerProcess, tmp_path: Path) -> None:
    petitions = start_service("petitions", nats_url, jurisdiction, tmp_path / "petitions")
    base_url: str = petitions.url  # type: ignore[attr-defined]
    walking_failed: list[BaseException] = []

    def walk() -> None:
        try:
            for _ in range(JOURNEYS):
                walk_petition_journey(base_url, jurisdiction)
        except BaseException as error:  # surfaced by the test below
            walking_failed.append(error)

    ledger.start()
    walker = threading.Thread(target=walk, name="journeys")
    walker.start()
    # SIGKILL mid-stream, twice, each time after more effects are in; restart at once.
    for threshold in (8, 30):
        ledger.wait_until(lambda t=threshold: ledger.applied() >= t, 60, f"{threshold} effects")
        ledger.kill()
        ledger.start()
        if threshold == 8:
            publish_poison(nats_url, jurisdiction)
    walker.join(120)
    assert not walker.is_alive() and not walking_failed, walking_failed
    expected = EVENTS_PER_JOURNEY * JOURNEYS
    ledger.wait_until(lambda: ledger.applied() >= expected, 120, f"{expected} effects")
    time.sleep(1.5)  # a doubled effect would show by now (the consumer is idle)

    rows = ledger.query("select event_id, count(*) from event_log group by event_id")
    assert len(rows) == expected
    assert [r for r in rows if r[1] != 1] == []  # no effect doubled
    assert ledger.applied() == expected
    receipts = ledger.query("select count(*) from phoihop_receipts")[0][0]
    assert receipts == expected
    # Three petitions recorded per journey, counted once each per commune.
    assert ledger.query("select sum(petitions) from commune_counts")[0][0] == 3 * JOURNEYS
    letters = ledger.query("select subject, error, status from phoihop_dead_letters")
    assert len(letters) == 1, letters
    assert letters[0][0].endswith(".petitions.PetitionRecorded.v1")
    assert "missing attributes" in letters[0][1] or "specversion" in letters[0][1]
    log = ledger.log.read_text()
    assert "failed (attempt 1)" in log  # LEDGER_FLAKY: every forward failed once, was retried
    assert ledger.starts == 3
