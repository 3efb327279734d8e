"""Benchmark 3: a forward's way from HTTP to the notifier and to an outside subscriber.

NATS, the petitions service and the notifier run as processes, as ``make run`` starts them
(SQLite stores). Forwards (``POST /petitions/{id}/forward``) are sent open loop at a fixed
rate (``open_loop``); for each, three moments are taken on this process's clock:

- the HTTP answer (200: the route answers 200, the issue's "201"; the command is committed);
- the notifier's notification to the agency forwarded to, as its live inbox
  (``GET /inbox/stream``, Server-Sent Events, pushed when the notifier's store saves)
  delivers it: the moment a reader of the notifier can see it, so after its commit;
- an outside system's receipt of the ``PetitionForwarded`` CloudEvent over core NATS.

Latencies are measured from the planned send time (so a stall is paid by every request
planned during it) and, for the two deliveries, also from the 201. The notification's own
``created_at`` (the notifier's clock, taken before its commit) is reported beside them, to
tell the notifier's work from the live stream's.

The petitions to forward are recorded and classified beforehand by ``fill`` (the relay's
position set past them, as after a relay that published them long ago): only forwards
travel during the measurement.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx
import nats
from nats.aio.msg import Msg

from benchmarks.fill import fill
from benchmarks.open_loop import HttpPool, Percentiles, run_open_loop
from benchmarks.processes import start_http_process, stop
from chassis.messaging.streams import ensure_stream
from chassis.settings import ServiceSettings
from chassis.web.auth import issue_token
from contracts.envelope import event_subject
from contracts.vocabulary import Agency

FORWARDED_RULE = "petition.forwarded"
SUCCESS = (200, 201)  # a forward answers 200 with the petition (the issue says "201")
SETTLE_SECONDS = 30.0  # how long a round waits for its last deliveries


@dataclass
class Observed:
    """Times (event loop clock, seconds) per petition id."""

    planned: dict[str, float] = field(default_factory=dict)
    answered: dict[str, float] = field(default_factory=dict)
    status: dict[str, int] = field(default_factory=dict)
    notified: dict[str, float] = field(default_factory=dict)
    created: dict[str, float] = field(default_factory=dict)  # the notifier's created_at
    received: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class E2ERound:
    sent: int
    failed: int  # answers other than success
    command: Percentiles  # planned → 201
    notifier: Percentiles  # planned → notification in the live inbox
    subscriber: Percentiles  # planned → CloudEvent at an outside subscriber
    notifier_after_201: Percentiles
    subscriber_after_201: Percentiles
    created_after_201: Percentiles  # 201 → the notification's created_at (notifier clock)
    lost_notifier: int
    lost_subscriber: int
    max_lateness_ms: float  # how late the client itself sent (its own stalls)
    notifier_rate: float  # notifications/s, the round's first to its last (its pace)


@dataclass(frozen=True)
class E2EResult:
    rate: float
    seconds: float
    rounds: list[E2ERound]


def run(workdir: Path, nats_url: str, rate: float, seconds: float, rounds: int,
        warmup_seconds: float = 3.0) -> E2EResult:
    jurisdiction = f"bench-{uuid.uuid4().hex[:8]}"
    per_round, warm = int(rate * seconds), int(rate * warmup_seconds)
    filled = fill(workdir / "petitions.db", 2 * (warm + rounds * per_round),
                  classified_only=True)
    asyncio.run(_ensure_streams(nats_url, jurisdiction))
    env = {"PHOIHOP_STORE": "sqlite", "PHOIHOP_DATA_DIR": str(workdir), "NATS_URL": nats_url,
           "PHOIHOP_JURISDICTION": jurisdiction, "PHOIHOP_ENVIRONMENT": "test"}
    petitions, petitions_url = start_http_process(["-m", "petitions"], env,
                                                  workdir / "petitions.log")
    try:
        notifier, notifier_url = start_http_process(["-m", "notifier"], env,
                                                    workdir / "notifier.log")
        try:
            ids = [str(p) for p in filled.petitions]
            batches = [ids[:warm]] + [ids[warm + r * per_round: warm + (r + 1) * per_round]
                                      for r in range(rounds)]
            results = asyncio.run(_measure(batches, rate, jurisdiction, nats_url,
                                           petitions_url, notifier_url))
        finally:
            stop(notifier)
    finally:
        stop(petitions)
    return E2EResult(rate, seconds, results[1:])  # the first batch warmed up


async def _ensure_streams(nats_url: str, jurisdiction: str) -> None:
    # The notifier consumes every stream its rules name: sessions' must exist too.
    client = await nats.connect(nats_url)
    for service in ("petitions", "sessions"):
        await ensure_stream(client.jetstream(), jurisdiction, service)
    await client.close()


async def _measure(batches: list[list[str]], rate: float, jurisdiction: str, nats_url: str,
                   petitions_url: str, notifier_url: str) -> list[E2ERound]:
    settings = ServiceSettings(jurisdiction=jurisdiction)
    hdnd = issue_token(settings, agency=Agency.HDND, role="staff")
    ubnd = issue_token(settings, agency=Agency.UBND, role="staff")
    observed = Observed()
    loop = asyncio.get_running_loop()
    client = await nats.connect(nats_url)

    async def on_message(message: Msg) -> None:
        observed.received[json.loads(message.data)["subject"]] = loop.time()

    await client.subscribe(event_subject(jurisdiction, "petitions", "PetitionForwarded", 1),
                           cb=on_message)
    listening = asyncio.Event()
    inbox = asyncio.create_task(_watch_inbox(notifier_url, ubnd, observed, listening))
    await asyncio.wait_for(listening.wait(), 30)
    host, port = petitions_url.removeprefix("http://").split(":")
    pool = HttpPool(host, int(port))
    try:
        await pool.request("GET", "/petitions?limit=1", {})  # the read model catches up
        return [await _round(pool, batch, rate, hdnd, observed) for batch in batches]
    finally:
        inbox.cancel()
        await pool.close()
        await client.close()


async def _watch_inbox(notifier_url: str, token: str, observed: Observed,
                       listening: asyncio.Event) -> None:
    """Follows UBND's live inbox; records when each forwarded petition's notification came."""
    loop = asyncio.get_running_loop()
    wall_to_loop = time.time() - loop.time()
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=notifier_url, timeout=None) as http, \
            http.stream("GET", "/inbox/stream?scope=agency", headers=headers) as response:
        async for line in response.aiter_lines():
            listening.set()  # the stream's first line is its opening comment
            if not line.startswith("data:"):
                continue
            item = json.loads(line[5:])
            if item["rule_id"] == FORWARDED_RULE:
                observed.notified[item["subject_id"]] = loop.time()
                created = datetime.fromisoformat(item["created_at"]).timestamp()
                observed.created[item["subject_id"]] = created - wall_to_loop


async def _round(pool: HttpPool, ids: list[str], rate: float, token: str,
                 observed: Observed) -> E2ERound:
    loop = asyncio.get_running_loop()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    async def send(i: int, planned: float) -> None:
        petition_id = ids[i]
        observed.planned[petition_id] = planned
        status, _ = await pool.request("POST", f"/petitions/{petition_id}/forward", headers,
                                       b"{}")
        observed.answered[petition_id] = loop.time()
        observed.status[petition_id] = status

    lateness = await run_open_loop(rate, len(ids), send)
    for _ in range(int(SETTLE_SECONDS / 0.05)):  # bounded: a lost delivery is counted
        if all(p in observed.notified and p in observed.received for p in ids
               if observed.status[p] in SUCCESS):
            break
        await asyncio.sleep(0.05)
    return _summarise(ids, observed, max(lateness))


def _summarise(ids: list[str], o: Observed, lateness: float) -> E2ERound:
    ok = [p for p in ids if o.status[p] in SUCCESS]

    def between(start: dict[str, float], end: dict[str, float]) -> Percentiles:
        return Percentiles.of_seconds([end[p] - start[p] for p in ok if p in end])

    return E2ERound(
        sent=len(ids), failed=len(ids) - len(ok),
        command=between(o.planned, o.answered), notifier=between(o.planned, o.notified),
        subscriber=between(o.planned, o.received),
        notifier_after_201=between(o.answered, o.notified),
        subscriber_after_201=between(o.answered, o.received),
        created_after_201=between(o.answered, o.created),
        lost_notifier=sum(p not in o.notified for p in ok),
        lost_subscriber=sum(p not in o.received for p in ok),
        max_lateness_ms=lateness * 1000, notifier_rate=_pace([o.notified[p] for p in ok
                                                               if p in o.notified]),
    )


def _pace(times: list[float]) -> float:
    span = max(times) - min(times) if len(times) > 1 else 0.0
    return (len(times) - 1) / span if span > 0 else float("nan")
