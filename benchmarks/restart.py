"""Benchmark 7: restart — petitions on a 1,000,000-event store, ready and resident.

The store is filled by ``fill.py`` (or taken over from benchmark 4), so its read model's
projection is empty: nothing has followed the log yet. The petitions service (as ``make
run`` starts it, on SQLite) is then started twice on the file:

1. **empty projection**: it catches up with the whole log. Measured: seconds from the
   process's start until ``/readyz`` answers 200, what ``/readyz`` said meanwhile (the
   progress it shows), the highest RSS while catching up;
2. **caught-up projection** (the same file, the service stopped and started again):
   seconds until ``/readyz`` answers 200, RSS idle a few seconds later, then the highest
   RSS under benchmark 1's load (wrk, ``POST /petitions``, 32 connections).

Targets (issue 11): ready within 2 s when caught up, RSS ≤ 150 MB idle, ≤ 250 MB loaded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from benchmarks.fill import fill
from benchmarks.http_load import LoadResult, run_wrk
from benchmarks.processes import ROOT, rss_mb, stop
from chassis.messaging.embedded_nats import free_port
from chassis.settings import ServiceSettings
from chassis.web.auth import issue_token
from contracts.vocabulary import Agency

IDLE_SECONDS = 5.0
READY_TIMEOUT = 900.0
POLL_SECONDS = 0.05


@dataclass
class Start:
    """One start of the service on the store."""

    ready_seconds: float
    peak_mb: float  # highest RSS until ready
    ready_mb: float
    progress: list[str] = field(default_factory=list)  # distinct /readyz answers, in order


@dataclass(frozen=True)
class RestartResult:
    events: int
    fill_seconds: float
    empty: Start
    caught_up: Start
    idle_mb: float
    loaded_mb: float
    load: LoadResult | None
    load_seconds: int


def filled_store(workdir: Path, events: int) -> tuple[Path, float]:
    path = workdir / "restart" / "petitions.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    filled = fill(path, events)
    return path, filled.seconds


def measure(store: Path, events: int, fill_seconds: float, nats_url: str,
            load_seconds: int) -> RestartResult:
    jurisdiction = f"bench-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "PHOIHOP_STORE": "sqlite", "PHOIHOP_DATA_DIR": str(store.parent),
           "NATS_URL": nats_url, "PHOIHOP_JURISDICTION": jurisdiction,
           "PHOIHOP_ENVIRONMENT": "test"}
    log = store.parent / "petitions.log"
    process, url, empty = _start(env, log)
    stop(process)
    process, url, caught_up = _start(env, log)
    try:
        time.sleep(IDLE_SECONDS)
        idle = rss_mb(process)
        load, loaded = None, idle
        if load_seconds:
            token = issue_token(ServiceSettings(jurisdiction=jurisdiction), agency=Agency.MTTQ,
                                role="staff")
            peak = _Peak(process)
            peak.start()
            load = run_wrk(url, "/petitions", token, seconds=load_seconds)
            peak.stopping.set()
            peak.join()
            loaded = peak.mb
    finally:
        stop(process)
    return RestartResult(events, fill_seconds, empty, caught_up, idle, loaded, load,
                         load_seconds)


def _start(env: dict[str, str], log: Path) -> tuple[subprocess.Popen[bytes], str, Start]:
    """Starts the service; returns once ``/readyz`` answers 200."""
    port = free_port()
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "petitions"],
                               env={**env, "PHOIHOP_HTTP_PORT": str(port)},
                               stdout=log.open("ab"), stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    peak, progress = 0.0, list[str]()
    try:
        while time.monotonic() - started < READY_TIMEOUT:
            if process.poll() is not None:
                raise RuntimeError(f"petitions exited: see {log}")
            peak = max(peak, rss_mb(process))
            try:
                answer = httpx.get(f"{url}/readyz", timeout=2)
            except httpx.HTTPError:
                time.sleep(POLL_SECONDS)
                continue
            if answer.status_code == 200:
                ready = time.monotonic() - started
                return process, url, Start(ready, max(peak, rss_mb(process)), rss_mb(process),
                                           progress)
            said = answer.text
            if not progress or progress[-1] != said:
                progress.append(said)
            time.sleep(POLL_SECONDS)
    except BaseException:
        stop(process)
        raise
    stop(process)
    raise TimeoutError(f"petitions not ready within {READY_TIMEOUT:.0f} s")


class _Peak(threading.Thread):
    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        super().__init__(daemon=True)
        self.process, self.mb = process, 0.0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(0.25):
            self.mb = max(self.mb, rss_mb(self.process))
