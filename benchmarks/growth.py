"""Benchmark 5: growth — command latency with a small and a large store.

Two stores filled alike by ``fill`` (default 10,000 and 1,000,000 events), each its relay
position at its end. Two figures per store:

- ``POST /petitions`` over HTTP: a petitions service process per store (both up at once,
  on the same NATS), loaded in turn by wrk with one connection (one command at a time, so
  the latency is the service's own, not a queue's), rounds interleaved; p50/p99 from wrk.
  The route records the petition and answers with similar petitions: it reads the read
  model and its similarity index, which grow with the store.
- the application's ``record_petition`` in this process on the same file, one command at a
  time: the store's own share (one insert transaction into a larger table).

Also reported: how long each service took after start to catch its read model up with the
log (its first list query), and its memory then.
"""

from __future__ import annotations

import statistics
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx

from benchmarks.fill import MTTQ, fill, open_store, petition_text
from benchmarks.http_load import LoadResult, run_wrk
from benchmarks.open_loop import Percentiles
from benchmarks.processes import rss_mb, start_http_process, stop
from chassis.auth import issue_token
from chassis.settings import ServiceSettings
from contracts.vocabulary import Agency

CATCH_UP_TIMEOUT = 900.0
APP_COMMANDS = 500  # per round and store, in process


@dataclass(frozen=True)
class StoreGrowth:
    events: int
    catch_up_seconds: float  # service start → first list query answered
    rss_mb: float  # the service's, after its load
    http: list[LoadResult]
    app: list[Percentiles]


@dataclass(frozen=True)
class GrowthResult:
    small: StoreGrowth
    large: StoreGrowth

    def http_ratio(self, which: str) -> float:
        return float(_median(self.large.http, which) / _median(self.small.http, which))

    def app_ratio(self, which: str) -> float:
        large = statistics.median(float(getattr(p, which)) for p in self.large.app)
        return large / statistics.median(float(getattr(p, which)) for p in self.small.app)


def _median(runs: list[LoadResult], which: str) -> float:
    return statistics.median(float(getattr(r, f"{which}_ms")) for r in runs)


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
          ) -> tuple[list[list[LoadResult]], list[float], list[float]]:
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
        runs: list[list[LoadResult]] = [[], []]
        for url in urls:
            run_wrk(url, "/petitions", token, seconds=2, connections=1)  # warm up
        for _ in range(rounds):
            for index, url in enumerate(urls):
                runs[index].append(run_wrk(url, "/petitions", token, seconds=seconds,
                                           connections=1))
        return runs, catch_up, [rss_mb(p) for p in services]
    finally:
        for process in services:
            stop(process)


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
