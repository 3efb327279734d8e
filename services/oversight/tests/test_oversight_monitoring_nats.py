"""Monitoring end to end on a real NATS: petitions and sessions events published on their
streams, oversight served with its consumers, relay and monitoring worker; the clock moves
past the due dates; the findings show in ``/monitoring`` and leave on oversight's stream,
once each."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import httpx
import nats
import pytest
import uvicorn
from monitoring_builders import (
    DUE,
    PASSED_ON,
    Envelopes,
    answered,
    forwarded,
    guidance,
    passed,
    subject_of,
    vietnam_morning,
)

from chassis.messaging.embedded_nats import free_port
from chassis.messaging.streams import ensure_stream
from contracts import IntegrationEvent, decode_cloudevent, stream_name
from contracts.vocabulary import Agency
from kernel.clock import ManualClock
from oversight.bootstrap import build_app
from oversight.domain.monitoring import watch_id
from oversight.settings import OversightSettings

pytestmark = [pytest.mark.integration]
T = TypeVar("T")


def wait_until(check: Callable[[], T], within: float = 15.0, what: str = "condition") -> T:
    """Polls ``check`` until it returns something truthy; fails after ``within`` seconds."""
    deadline = time.monotonic() + within
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not hold within {within}s (last: {result!r})")
        time.sleep(0.05)


class Upstreams:
    """The petitions and sessions streams, published on as their relays would."""

    def __init__(self, nats_url: str, jurisdiction: str) -> None:
        self.nats_url, self.jurisdiction = nats_url, jurisdiction
        self.envelopes = Envelopes(jurisdiction)
        asyncio.run(self._run(self._ensure))

    async def _run(self, work: Callable[[Any], Any]) -> Any:
        client = await nats.connect(self.nats_url)
        try:
            return await work(client.jetstream())
        finally:
            await client.close()

    async def _ensure(self, js: Any) -> None:
        for service in ("petitions", "sessions"):
            await ensure_stream(js, self.jurisdiction, service)

    def publish(self, *events: IntegrationEvent) -> None:
        messages = [self.envelopes.encode(event, subject_of(event)) for event in events]

        async def send(js: Any) -> None:
            for nats_subject, ce_id, body in messages:
                await js.publish(nats_subject, body, headers={"Nats-Msg-Id": ce_id})
        asyncio.run(self._run(send))

    def published_by_oversight(self) -> list[tuple[str, str]]:
        """(type, subject) of every message on oversight's stream, in order."""
        stream = stream_name(self.jurisdiction, "oversight")

        async def read(js: Any) -> list[tuple[str, str]]:
            try:
                last = (await js.stream_info(stream)).state.last_seq
            except Exception:  # not made yet: the relay has not started
                return []
            found = []
            for sequence in range(1, last + 1):
                received = decode_cloudevent((await js.get_msg(stream, sequence)).data)
                found.append((received.type.rsplit(".", 2)[-2], received.subject))
            return found
        result: list[tuple[str, str]] = asyncio.run(self._run(read))
        return result


class OversightServer:
    """Oversight's real FastAPI app (lifespan, consumers, relay, worker) on a free port."""

    def __init__(self, settings: OversightSettings, clock: ManualClock) -> None:
        self.port = free_port()
        config = uvicorn.Config(build_app(settings, clock=clock), host="127.0.0.1",
                                port=self.port, log_config=None, lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self) -> httpx.Client:
        self._thread.start()
        wait_until(lambda: self._server.started or not self._thread.is_alive(),
                   what="oversight's start")
        assert self._thread.is_alive(), "oversight did not start"
        self._client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=10)
        return self._client

    def __exit__(self, *exc: object) -> None:
        self._client.close()
        self._server.should_exit = True
        self._thread.join(15)


@pytest.fixture
def settings(tmp_path: Path, nats_url: str, jurisdiction: str) -> OversightSettings:
    return OversightSettings(
        environment="test", store="sqlite", data_dir=tmp_path / "var",
        jurisdiction=jurisdiction, monitoring_poll_seconds=0.1,
    ).model_copy(update={"nats_url": nats_url})


@pytest.fixture
def upstreams(nats_url: str, jurisdiction: str) -> Iterator[Upstreams]:
    yield Upstreams(nats_url, jurisdiction)


def test_a_petition_left_unanswered_and_a_resolution_without_guidance_are_found_once(
    settings: OversightSettings, upstreams: Upstreams,
) -> None:
    clock = ManualClock(vietnam_morning(date(2026, 3, 2)))
    on_time, waiting = forwarded(), forwarded(unit="Sở Xây dựng")
    resolution, guided = passed(), passed(number="16/2026/NQ-HĐND")
    upstreams.publish(on_time, waiting, answered(on_time.petition_id, date(2026, 3, 20)))
    upstreams.publish(resolution, guided, guidance(guided.resolution_id, date(2026, 7, 20)))

    with OversightServer(settings, clock) as http:
        def ubnd_figures() -> dict[str, Any] | None:
            rows = http.get("/monitoring/petitions").json()
            return next((r for r in rows if r["agency"] == "ubnd" and r["forwarded"] == 2), None)
        figures = wait_until(ubnd_figures, what="both forwardings consumed")
        assert (figures["answered_on_time"], figures["overdue_now"]) == (1, 0)
        assert http.get("/monitoring/petitions/overdue").json() == []

        clock.set(vietnam_morning(DUE + timedelta(days=1)))  # the petition's due date passed
        (overdue,) = wait_until(lambda: http.get("/monitoring/petitions/overdue").json(),
                                what="the overdue petition")
        assert (overdue["petition_id"], overdue["unit"], overdue["days_overdue"]) == (
            str(waiting.petition_id), "Sở Xây dựng", 1)
        assert http.get("/monitoring/petitions/overdue",
                        params={"agency": Agency.HDND.value}).json() == []
        assert http.get("/monitoring/petitions").json()[0]["overdue_now"] == 1
        assert http.get("/monitoring/resolutions/without-guidance").json() == []

        clock.set(vietnam_morning(PASSED_ON + timedelta(days=31)))  # past the rule's 30 days
        (flagged,) = wait_until(
            lambda: http.get("/monitoring/resolutions/without-guidance").json(),
            what="the resolution without guidance")
        assert (flagged["number"], flagged["rule_id"]) == (
            resolution.number, "oversight.resolution.guidance")

        # Once each: the passes between the two findings (many, 0.1 s apart) left the
        # petition's alone, and the pass that found the resolution saved it alone.
        # (The CloudEvents subject is the watch's id; the data names the upstream record.)
        expected = [("PetitionAnswerOverdue", str(watch_id("petition", waiting.petition_id))),
                    ("ResolutionGuidanceOverdue",
                     str(watch_id("resolution", resolution.resolution_id)))]
        # The same passes flag the two-way reports owed and not submitted (the default
        # obligations table): on the stream too, each once.
        def watch_findings() -> list[tuple[str, str]]:
            return [m for m in upstreams.published_by_oversight()
                    if m[0] != "ObligationReportOverdue"]
        found = wait_until(lambda: watch_findings()[len(expected) - 1:],
                           what="both findings on oversight's stream")
        assert found and watch_findings() == expected
        reports = [m for m in upstreams.published_by_oversight()
                   if m[0] == "ObligationReportOverdue"]
        assert reports and len(set(reports)) == len(reports)

        bad = http.get("/monitoring/petitions/overdue", params={"agency": "nobody"})
        assert bad.status_code == 422
        assert bad.headers["content-type"].startswith("application/problem+json")
