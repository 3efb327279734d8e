"""Benchmark 5: growth — command latency with a small and a large store.

Two stores filled alike by ``fill`` (default 10,000 and 1,000,000 events), each its relay
position at its end. Two figures per store:

- ``POST /petitions`` over HTTP: a petitions service process per store (both up at once,
  on the same NATS), loaded in turn **open loop** at a fixed rate well under its capacity
  (``RATE``), so a queue builds only behind a stall; the latency counts from each
  request's planned time, so a stall is paid by every request planned during it. Rounds
  interleave the two services, after a 2 s warm-up of each that is not counted; the ratios
  are taken round by round (the two rounds of a pair ran back to back), their median kept.
  The route records the petition and answers with similar petitions: it reads the read
  model and its similarity index, which grow with the store.

  Not wrk with one connection (as before): wrk corrects for coordinated omission by adding,
  for every slow response, the samples a steady rate would have taken meanwhile
  (``stats_correct``), with the rate taken from the run itself. One 400 ms stall in 8 s of
  one-at-a-time requests then makes a p99 of about 300 ms, so the ratio of two p99s was
  the ratio of their worst stalls.
- the application's ``record_petition`` in this process on the same file, one command at a
  time: the store's own share (one insert transaction into a larger table).

Also reported: how long each service took after start to catch its read model up with the
log (its first list query), and its memory then.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx

from benchmarks.fill import MTTQ, fill, open_store, petition_text
from benchmarks.open_loop import HttpPool, Percentiles, run_open_loop
from benchmarks.processes import rss_mb, start_http_process, stop
from chassis.settings import ServiceSettings
from chassis.web.auth import issue_token
from contracts.vocabulary import Agency

CATCH_UP_TIMEOUT = 900.0
APP_COMMANDS = 500  # per round and store, in process
RATE = 100.0  # commands/s over HTTP: about half of what one service does one at a time


@dataclass(frozen=True)
class HttpRound:
    """One open-loop round against one service."""

    latency: Percentiles  # from each request's planned time
    errors: int  # answers other than 201
    late_ms: float  # how late the client itself sent its latest request


@dataclass(frozen=True)
class StoreGrowth:
    events: int
    catch_up_seconds: float  # service start → first list query answered
    rss_mb: float  # the service's, after its load
    http: list[HttpRound]
    app: list[Percentiles]


@dataclass(frozen=True)
class GrowthResult:
    small: StoreGrowth
    large: StoreGrowth

    def http_ratios(self, which: str) -> list[float]:
        """Large over small, round by round: the two rounds of a pair ran back to back."""
        return [getattr(large.latency, which) / getattr(small.latency, which)
                for small, large in zip(self.small.http, self.large.http, strict=True)]

    def http_ratio(self, which: str) -> float:
        return statistics.median(self.http_ratios(which))

    def app_ratio(self, which: str) -> float:
        large = statistics.median(float(getattr(p, which)) for p in self.large.app)
        return large / statistics.median(float(getattr(p, which)) for p in self.small.app)


def compare(workdir: Path, nats_url: str, small_events: int, large_events: int,
            rounds: int, seconds: int, large_store: Path | None = None) -> GrowthResult:
    """``large_store``: a filled file to use (benchmark 4's), else one is filled here."""
    paths = []
    for name, events, given in (("small", small_events, None),
                                ("large", large_events, large_store)):
        path = workdir / f"growth-{name}" / "petitions.db"
        path.parent.mkdir(parents=True)
        if given is not None:  # the service writes into it: take it over, WAL and all
            for suffix in ("", "-wal", "-shm"):
                if Path(f"{given}{suffix}").exists():
                    Path(f"{given}{suffix}").rename(f"{path}{suffix}")
        else:
            fill(path, events)
        paths.append(path)
    http, catch_up, rss = _http(paths, nats_url, rounds, seconds)
    app: list[list[Percentiles]] = [[], []]
    for _ in range(rounds):
        for index, path in enumerate(paths):
            app[index].append(_record_in_process(path))
    small, large = (StoreGrowth(events, catch_up[i], rss[i], http[i], app[i])
                    for i, events in enumerate((small_events, large_events)))
    return GrowthResult(small, large)


def _http(paths: list[Path], nats_url: str, rounds: int, seconds: int
          ) -> tuple[list[list[HttpRound]], list[float], list[float]]:
    jurisdiction = f"bench-{uuid.uuid4().hex[:8]}"
    token = issue_token(ServiceSettings(jurisdiction=jurisdiction), agency=Agency.MTTQ,
                        role="staff")
    services, urls, catch_up = [], [], []
    try:
        for path in paths:
            env = {"PHOIHOP_STORE": "sqlite", "PHOIHOP_DATA_DIR": str(path.parent),
                   "NATS_URL": nats_url, "PHOIHOP_JURISDICTION": jurisdiction,
                   "PHOIHOP_ENVIRONMENT": "test"}
            process, url = start_http_process(["-m", "petitions"], env,
                                              path.parent / "service.log")
            services.append(process)
            urls.append(url)
            started = time.perf_counter()
            httpx.get(f"{url}/petitions?limit=1", timeout=CATCH_UP_TIMEOUT).raise_for_status()
            catch_up.append(time.perf_counter() - started)
        runs: list[list[HttpRound]] = [[], []]
        for url in urls:
            asyncio.run(_open_loop(url, token, RATE, 2))  # warm up
        for _ in range(rounds):
            for index, url in enumerate(urls):
                runs[index].append(asyncio.run(_open_loop(url, token, RATE, seconds)))
        return runs, catch_up, [rss_mb(p) for p in services]
    finally:
        for process in services:
            stop(process)


async def _open_loop(url: str, token: str, rate: float, seconds: float) -> HttpRound:
    """``POST /petitions`` at ``rate`` for ``seconds``, texts as benchmark 1's wrk words them."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    pool = HttpPool(host, int(port))
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    loop = asyncio.get_running_loop()
    latencies: list[float] = []
    errors = 0

    async def send(n: int, planned: float) -> None:
        nonlocal errors
        text, commune = petition_text(n)
        body = json.dumps({"text": text, "commune": commune, "channel": "mail"}).encode()
        status, _ = await pool.request("POST", "/petitions", headers, body)
        latencies.append(loop.time() - planned)
        errors += status != 201

    try:
        lateness = await run_open_loop(rate, int(rate * seconds), send)
    finally:
        await pool.close()
    return HttpRound(Percentiles.of_seconds(latencies), errors, max(lateness) * 1000)


def _record_in_process(path: Path) -> Percentiles:
    """``record_petition`` one at a time on the store, through the application."""
    app = open_store(path)
    timings = []
    try:
        for n in range(APP_COMMANDS):
            text, commune = petition_text(n)
            started = time.perf_counter()
            app.record_petition(MTTQ, text=text, channel="mail", commune=commune)
            timings.append(time.perf_counter() - started)
    finally:
        app.close()
    return Percentiles.of_seconds(timings)
