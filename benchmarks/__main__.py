"""``python -m benchmarks``: runs the benchmarks and prints a table of figures and ratios.

``--only 3,4`` picks benchmarks; the size options shrink a run (the defaults are the
sizes benchmarks/README.md reports).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import (
    e2e_latency,
    growth,
    http_commands,
    memory,
    relay_throughput,
    replay,
    restart,
    review,
    table,
)
from benchmarks.http_load import wrk_available
from benchmarks.open_loop import Spread
from chassis.messaging.embedded_nats import EmbeddedNats


@dataclass
class Run:
    """What every benchmark of one run shares."""

    options: argparse.Namespace
    workdir: Path
    nats_url: str
    replay_store: Path | None = None  # benchmark 4's filled store, which 5 may take over


def main() -> None:
    options = parse_arguments()
    print(machine())
    started = time.monotonic()
    with tempfile.TemporaryDirectory(dir=options.workdir) as tmp, \
            EmbeddedNats(Path(tmp) / "nats") as nats_server:
        run = Run(options, Path(tmp), nats_server.url)
        for number in options.only:
            began = time.monotonic()
            BENCHMARKS[number](run)
            print(f"   [benchmark {number}: {time.monotonic() - began:.0f} s, load average "
                  f"{os.getloadavg()[0]:.1f}]", flush=True)
    print(f"\nwhole run: {time.monotonic() - started:.0f} s")


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--only", type=lambda s: [int(n) for n in s.split(",")],
                        default=[1, 2, 3, 4, 5, 6, 7, 8], help="benchmarks to run, e.g. 3,4")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8, help="seconds per round of 1 and 5")
    parser.add_argument("--relay-events", type=int, default=20_000)
    parser.add_argument("--postgres-dsn", default=os.environ.get("PHOIHOP_BENCH_POSTGRES_DSN"))
    parser.add_argument("--e2e-rate", type=float, default=200.0, help="forwards/s")
    parser.add_argument("--e2e-seconds", type=float, default=20.0, help="one round's length")
    parser.add_argument("--replay-events", type=int, default=1_000_000)
    parser.add_argument("--growth-small", type=int, default=10_000)
    parser.add_argument("--growth-large", type=int, default=1_000_000)
    parser.add_argument("--restart-events", type=int, default=1_000_000)
    parser.add_argument("--review-years", type=int, default=3,
                        help="years of a province in benchmark 8's store")
    parser.add_argument("--memory-seconds", type=int, default=24, help="wrk load duration")
    parser.add_argument("--workdir", default=None, help="where stores go (default: /tmp)")
    options = parser.parse_args()
    unknown = set(options.only) - set(BENCHMARKS)
    if unknown:
        parser.error(f"no benchmark {sorted(unknown)}")
    return options


def machine() -> str:
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text()
                     .splitlines() if line.startswith("MemTotal:"))
    return (f"machine: {platform.platform()} {platform.machine()} cores={os.cpu_count()} "
            f"memory={memory_kb / 1024 / 1024:.1f} GiB python={platform.python_version()} "
            f"load average {os.getloadavg()[0]:.1f}")


def run_http(run: Run) -> None:
    if not wrk_available():
        print("benchmark 1 skipped: wrk not installed (apt-get install wrk)")
        return
    options = run.options
    stores = [("sqlite", None)] + ([("postgres", options.postgres_dsn)]
                                   if options.postgres_dsn else [])
    for store, dsn in stores:
        workdir = run.workdir / store
        workdir.mkdir()
        print_http(http_commands.compare(store, workdir, run.nats_url, options.rounds,
                                         options.seconds, dsn))


def run_relay(run: Run) -> None:
    workdir = run.workdir / "relay"
    workdir.mkdir()
    print_relay(relay_throughput.compare(workdir, run.nats_url, run.options.relay_events,
                                         run.options.rounds))


def run_e2e(run: Run) -> None:
    workdir = run.workdir / "e2e"
    workdir.mkdir()
    table.print_e2e(e2e_latency.run(workdir, run.nats_url, run.options.e2e_rate,
                                    run.options.e2e_seconds, run.options.rounds))


def run_replay(run: Run) -> None:
    path, fill_seconds, petitions = replay.filled_store(run.workdir, run.options.replay_events)
    table.print_replay(replay.compare(path, run.options.rounds, fill_seconds, petitions))
    run.replay_store = path


def run_growth(run: Run) -> None:
    options = run.options
    if not wrk_available():
        print("benchmark 5 skipped: wrk not installed (apt-get install wrk)")
        return
    reuse = run.replay_store if options.growth_large == options.replay_events else None
    table.print_growth(growth.compare(run.workdir, run.nats_url, options.growth_small,
                                      options.growth_large, options.rounds, options.seconds,
                                      large_store=reuse))


def run_memory(run: Run) -> None:
    if not wrk_available():
        print("benchmark 6 skipped: wrk not installed (apt-get install wrk)")
        return
    workdir = run.workdir / "memory"
    workdir.mkdir()
    table.print_memory(memory.measure(workdir, run.nats_url, run.options.memory_seconds))


def run_restart(run: Run) -> None:
    path, fill_seconds = restart.filled_store(run.workdir, run.options.restart_events)
    load_seconds = run.options.memory_seconds if wrk_available() else 0
    table.print_restart(restart.measure(path, run.options.restart_events, fill_seconds,
                                        run.nats_url, load_seconds))


def run_review(run: Run) -> None:
    workdir = run.workdir / "review"
    workdir.mkdir()
    review.print_review(review.compare(workdir, run.options.review_years, run.options.rounds))


BENCHMARKS: dict[int, Callable[[Run], None]] = {
    1: run_http, 2: run_relay, 3: run_e2e, 4: run_replay, 5: run_growth, 6: run_memory,
    7: run_restart, 8: run_review,
}


def print_relay(result: relay_throughput.RelayComparison) -> None:
    print(f"\n2. relay: {result.events} events, best of {len(result.relay_seconds)} rounds")
    print(f"   relay            {result.relay_rate:10,.0f} events/s")
    print(f"   raw nats-py      {result.baseline_rate:10,.0f} msgs/s (publish_async, 500/batch)")
    by_round = Spread.of(result.round_ratios)
    print(f"   ratio            {result.ratio:10.2f}   (target ≥ 0.5); round by round "
          f"{by_round.median:.2f} ({by_round.low:.2f}–{by_round.high:.2f})")


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
