"""Benchmark 1: ``POST /petitions`` through HTTP against a bare FastAPI + eventsourcing save.

Both run as one uvicorn process on the same store kind; wrk loads each in turn, several
rounds interleaved, and the figure is the median of each with the ratio of the medians.
"""

from __future__ import annotations

import statistics
import uuid
from dataclasses import dataclass
from pathlib import Path

from benchmarks.http_load import LoadResult, run_wrk
from benchmarks.processes import rss_mb, start_http_process, stop
from chassis.settings import ServiceSettings
from chassis.web.auth import issue_token
from contracts.vocabulary import Agency


@dataclass(frozen=True)
class HttpComparison:
    store: str
    service: list[LoadResult]
    baseline: list[LoadResult]
    service_rss_mb: float

    @property
    def ratio(self) -> float:
        return _median_rps(self.service) / _median_rps(self.baseline)


def compare(store: str, workdir: Path, nats_url: str, rounds: int, seconds: int,
            postgres_dsn: str | None = None) -> HttpComparison:
    jurisdiction = f"bench-{uuid.uuid4().hex[:8]}"
    env = {"PHOIHOP_STORE": store, "PHOIHOP_DATA_DIR": str(workdir), "NATS_URL": nats_url,
           "PHOIHOP_JURISDICTION": jurisdiction, "PHOIHOP_ENVIRONMENT": "test"}
    if postgres_dsn:
        env["PHOIHOP_POSTGRES_DSN"] = postgres_dsn
    settings = ServiceSettings(jurisdiction=jurisdiction)
    token = issue_token(settings, agency=Agency.MTTQ, role="staff")
    service, service_url = start_http_process(["-m", "petitions"], env, workdir / "service.log")
    baseline, baseline_url = start_http_process(
        ["benchmarks/baseline_app.py"], env, workdir / "baseline.log"
    )
    try:
        run_wrk(service_url, "/petitions", token, seconds=2)  # warm both up
        run_wrk(baseline_url, "/petitions", token, seconds=2)
        service_runs, baseline_runs = [], []
        for _ in range(rounds):
            baseline_runs.append(run_wrk(baseline_url, "/petitions", token, seconds=seconds))
            service_runs.append(run_wrk(service_url, "/petitions", token, seconds=seconds))
        return HttpComparison(store, service_runs, baseline_runs, rss_mb(service))
    finally:
        stop(service)
        stop(baseline)


def _median_rps(runs: list[LoadResult]) -> float:
    return statistics.median(r.requests_per_second for r in runs)
