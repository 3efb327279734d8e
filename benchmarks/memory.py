"""Benchmark 6: memory — resident set size of each service, idle and under load.

petitions, sessions and the notifier run as processes on fresh SQLite stores (as ``make
run`` starts them). RSS (``VmRSS`` in /proc) is read once they have been idle a few
seconds after start, then sampled every 0.25 s while wrk loads ``POST /petitions`` as
benchmark 1 does (32 connections) and until the notifier has consumed every event the
load produced; "loaded" is the highest sample, "after" the last.
"""

from __future__ import annotations

import re
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx

from benchmarks.http_load import LoadResult, run_wrk
from benchmarks.processes import rss_mb, start_http_process, stop
from chassis.settings import ServiceSettings
from chassis.web.auth import issue_token
from contracts.vocabulary import Agency

SERVICES = ("petitions", "sessions", "notifier")  # the notifier needs the others' streams
IDLE_SECONDS = 5.0
DRAIN_TIMEOUT = 180.0
LAG = re.compile(r'^phoihop_(?:consumer_lag_messages|relay_lag_events)\{[^}]*\} ([\d.e+]+)$',
                 re.MULTILINE)


@dataclass(frozen=True)
class ServiceMemory:
    name: str
    idle_mb: float
    loaded_mb: float  # highest sample during the load and until drained
    after_mb: float


@dataclass(frozen=True)
class MemoryResult:
    services: list[ServiceMemory]
    load: LoadResult
    load_seconds: int
    drain_seconds: float  # after the load, until relay and consumers had no lag


class _Sampler(threading.Thread):
    """Reads each process's RSS every 0.25 s and keeps the highest."""

    def __init__(self, processes: dict[str, subprocess.Popen[bytes]]) -> None:
        super().__init__(daemon=True)
        self.processes = processes
        self.peak = dict.fromkeys(processes, 0.0)
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(0.25):
            for name, process in self.processes.items():
                self.peak[name] = max(self.peak[name], rss_mb(process))


def measure(workdir: Path, nats_url: str, load_seconds: int) -> MemoryResult:
    jurisdiction = f"bench-{uuid.uuid4().hex[:8]}"
    env = {"PHOIHOP_STORE": "sqlite", "PHOIHOP_DATA_DIR": str(workdir), "NATS_URL": nats_url,
           "PHOIHOP_JURISDICTION": jurisdiction, "PHOIHOP_ENVIRONMENT": "test"}
    processes: dict[str, subprocess.Popen[bytes]] = {}
    urls: dict[str, str] = {}
    try:
        for name in SERVICES:
            processes[name], urls[name] = start_http_process(["-m", name], env,
                                                             workdir / f"{name}.log")
            _wait_ready(urls[name])
        time.sleep(IDLE_SECONDS)  # idle after start: nothing asked of them yet
        idle = {name: rss_mb(process) for name, process in processes.items()}
        token = issue_token(ServiceSettings(jurisdiction=jurisdiction), agency=Agency.MTTQ,
                            role="staff")
        sampler = _Sampler(processes)
        sampler.start()
        load = run_wrk(urls["petitions"], "/petitions", token, seconds=load_seconds)
        started = time.monotonic()
        _wait_drained(list(urls.values()))
        drain = time.monotonic() - started
        sampler.stopping.set()
        sampler.join()
        services = [ServiceMemory(name, idle[name], sampler.peak[name], rss_mb(process))
                    for name, process in processes.items()]
        return MemoryResult(services, load, load_seconds, drain)
    finally:
        for process in processes.values():
            stop(process)


def _wait_ready(url: str) -> None:
    """``/readyz`` answers 200 once the store and NATS are reachable."""
    deadline = time.monotonic() + 60
    while httpx.get(f"{url}/readyz", timeout=5).status_code != 200:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} not ready within 60s")
        time.sleep(0.2)


def _wait_drained(urls: list[str]) -> None:
    """Until no relay or consumer reports lag (their lag gauges, on /metrics)."""
    deadline = time.monotonic() + DRAIN_TIMEOUT
    quiet = 0  # polls in a row without lag: a gauge is only updated as messages pass
    while time.monotonic() < deadline:
        lags = [float(v) for url in urls
                for v in LAG.findall(httpx.get(f"{url}/metrics", timeout=5).text)]
        quiet = quiet + 1 if lags and not any(lags) else 0
        if quiet >= 3:
            return
        time.sleep(0.25)
    raise TimeoutError(f"relay or consumers still lagging after {DRAIN_TIMEOUT}s")
