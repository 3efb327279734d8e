"""``python -m benchmarks``: runs the benchmarks and prints a table of figures and ratios."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
from pathlib import Path

from benchmarks import http_commands, relay_throughput
from benchmarks.http_load import wrk_available
from chassis.embedded_nats import EmbeddedNats


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8, help="wrk duration of one run")
    parser.add_argument("--relay-events", type=int, default=20_000)
    parser.add_argument("--postgres-dsn", default=os.environ.get("PHOIHOP_BENCH_POSTGRES_DSN"))
    options = parser.parse_args()
    print(f"machine: {platform.node()} {platform.machine()} cores={os.cpu_count()} "
          f"python={platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp, EmbeddedNats(Path(tmp) / "nats") as nats_server:
        relay = relay_throughput.compare(Path(tmp), nats_server.url, options.relay_events,
                                         options.rounds)
        print_relay(relay)
        if not wrk_available():
            print("benchmark 1 skipped: wrk not installed (apt-get install wrk)")
            return
        stores = [("sqlite", None)] + ([("postgres", options.postgres_dsn)]
                                       if options.postgres_dsn else [])
        for store, dsn in stores:
            workdir = Path(tmp) / store
            workdir.mkdir()
            result = http_commands.compare(store, workdir, nats_server.url, options.rounds,
                                           options.seconds, dsn)
            print_http(result)


def print_relay(result: relay_throughput.RelayComparison) -> None:
    print(f"\n2. relay: {result.events} events, best of {len(result.relay_seconds)} rounds")
    print(f"   relay            {result.relay_rate:10,.0f} events/s")
    print(f"   raw nats-py      {result.baseline_rate:10,.0f} msgs/s (publish_async, 500/batch)")
    print(f"   ratio            {result.ratio:10.2f}   (target ≥ 0.5)")


def print_http(result: http_commands.HttpComparison) -> None:
    def line(name: str, runs: list) -> str:  # type: ignore[type-arg]
        rps = statistics.median(r.requests_per_second for r in runs)
        p50 = statistics.median(r.p50_ms for r in runs)
        p99 = statistics.median(r.p99_ms for r in runs)
        errors = sum(r.errors for r in runs)
        rates = [r.requests_per_second for r in runs]
        spread = f"{min(rates):.0f}–{max(rates):.0f}"
        return (f"   {name:<16} {rps:8,.0f} req/s ({spread})  p50 {p50:6.1f} ms  "
                f"p99 {p99:6.1f} ms  errors {errors}")

    print(f"\n1. POST /petitions over HTTP, {result.store}, median of {len(result.service)} rounds")
    print(line("petitions", result.service))
    print(line("bare baseline", result.baseline))
    print(f"   ratio            {result.ratio:8.2f}   (target ≥ 0.7)   "
          f"service RSS after load {result.service_rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
