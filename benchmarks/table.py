"""Printing benchmarks 3–6: each figure with its spread, its target, met or missed."""

from __future__ import annotations

import statistics

from benchmarks.e2e_latency import E2EResult
from benchmarks.growth import RATE, GrowthResult, StoreGrowth
from benchmarks.memory import MemoryResult
from benchmarks.open_loop import Percentiles, Spread
from benchmarks.replay import ReplayResult
from benchmarks.restart import RestartResult

E2E_P50_MS, E2E_P99_MS = 10.0, 50.0
REPLAY_RATIO = 0.3
GROWTH_RATIO = 1.2
IDLE_MB, LOADED_MB = 150.0, 250.0
READY_SECONDS = 2.0


def verdict(met: bool) -> str:
    return "MET" if met else "MISSED"


def print_e2e(result: E2EResult) -> None:
    rounds = result.rounds
    print(f"\n3. end to end at {result.rate:.0f} forwards/s open loop, {len(rounds)} rounds of "
          f"{result.seconds:.0f} s; median of rounds (min–max), ms")

    def line(label: str, pick: str) -> tuple[Spread, Spread]:
        values: list[Percentiles] = [getattr(r, pick) for r in rounds]
        p50, p99 = Spread.of([v.p50 for v in values]), Spread.of([v.p99 for v in values])
        print(f"   {label:<34} p50 {p50}   p99 {p99}")
        return p50, p99

    line("planned → HTTP answer", "command")
    notifier = line("planned → notifier's inbox (SSE)", "notifier")
    subscriber = line("planned → outside subscriber", "subscriber")
    after = [line("HTTP answer → notifier's inbox", "notifier_after_201"),
             line("HTTP answer → outside subscriber", "subscriber_after_201")]
    line("HTTP answer → notification made", "created_after_201")
    print(f"   sent {sum(r.sent for r in rounds)}, failed {sum(r.failed for r in rounds)}, "
          f"never seen by notifier {sum(r.lost_notifier for r in rounds)}, by subscriber "
          f"{sum(r.lost_subscriber for r in rounds)}; client lateness max "
          f"{max(r.max_lateness_ms for r in rounds):.1f} ms; notifier's pace "
          f"{Spread.of([r.notifier_rate for r in rounds])} notifications/s")
    for name, (p50, p99) in (("notifier", notifier), ("subscriber", subscriber)):
        print(f"   target p50 ≤ {E2E_P50_MS:.0f}, p99 ≤ {E2E_P99_MS:.0f} ({name}, from planned): "
              f"{verdict(p50.median <= E2E_P50_MS and p99.median <= E2E_P99_MS)}")
    for name, (p50, p99) in zip(("notifier", "subscriber"), after, strict=True):
        print(f"   target p50 ≤ {E2E_P50_MS:.0f}, p99 ≤ {E2E_P99_MS:.0f} ({name}, from the "
              f"answer): {verdict(p50.median <= E2E_P50_MS and p99.median <= E2E_P99_MS)}")


def print_replay(result: ReplayResult) -> None:
    print(f"\n4. replay of {result.events:,} events ({result.aggregates:,} aggregates, "
          f"{result.petitions:,} petitions; filled in {result.fill_seconds:.0f} s), "
          f"{len(result.rounds)} rounds; median (min–max) events/s")
    for label, seconds in (("raw SELECT (sqlite3, fetch all)", "raw_seconds"),
                           ("(raw SELECT + json.loads of each)", "decode_seconds"),
                           ("audit replay: fold + chain, one pass", "aggregates_seconds"),
                           ("read model re-derived from aggregates", "read_model_seconds"),
                           ("rebuild = both", "rebuild_seconds"),
                           ("(one-pass fold of the log)", "fold_seconds")):
        rates = Spread.of(result.rates(seconds))
        took = statistics.median(getattr(r, seconds) for r in result.rounds)
        print(f"   {label:<36} {rates.median:10,.0f} ({rates.low:,.0f}–{rates.high:,.0f})"
              f"   {took:6.1f} s")
    ratios = Spread.of(result.ratios)
    print(f"   ratio rebuild/raw {ratios.median:.3f} ({ratios.low:.3f}–{ratios.high:.3f})   "
          f"target ≥ {REPLAY_RATIO}: {verdict(ratios.median >= REPLAY_RATIO)}   "
          f"peak RSS of the replaying process {result.max_rss_mb:.0f} MB")


def print_growth(result: GrowthResult) -> None:
    print(f"\n5. growth: {result.small.events:,} vs {result.large.events:,} stored events, "
          f"{len(result.small.http)} rounds; median (min–max) ms")
    for store in (result.small, result.large):
        _growth_store(store)
    for which in ("p50", "p99"):
        http, app = result.http_ratio(which), result.app_ratio(which)
        pairs = Spread.of(result.http_ratios(which))
        print(f"   ratio {which}: POST /petitions {http:.2f} ({pairs.low:.2f}–{pairs.high:.2f} "
              f"by round)   record_petition {app:.2f}   target ≤ {GROWTH_RATIO}: "
              f"HTTP {verdict(http <= GROWTH_RATIO)}, application {verdict(app <= GROWTH_RATIO)}")


def _growth_store(store: StoreGrowth) -> None:
    http50 = Spread.of([r.latency.p50 for r in store.http])
    http99 = Spread.of([r.latency.p99 for r in store.http])
    count = sum(r.latency.count for r in store.http)
    errors = sum(r.errors for r in store.http)
    late = max(r.late_ms for r in store.http)
    app50 = Spread.of([p.p50 for p in store.app])
    app99 = Spread.of([p.p99 for p in store.app])
    print(f"   {store.events:>9,} events: POST /petitions ({RATE:.0f}/s open loop) "
          f"p50 {http50} p99 {http99} ({count:,} commands, {errors} errors, client at most "
          f"{late:.0f} ms late)")
    print(f"   {'':>16} record_petition in process       p50 {app50} p99 {app99}")
    print(f"   {'':>16} service start → read model caught up {store.catch_up_seconds:.1f} s, "
          f"RSS after load {store.rss_mb:.0f} MB")


def print_memory(result: MemoryResult) -> None:
    load = result.load
    print(f"\n6. memory (RSS, MB): idle after start, highest under benchmark 1's load "
          f"(wrk {result.load_seconds} s, {load.requests_per_second:,.0f} req/s, "
          f"{load.requests:,} petitions, drained {result.drain_seconds:.1f} s after), after")
    for service in result.services:
        print(f"   {service.name:<10} idle {service.idle_mb:6.0f} "
              f"({verdict(service.idle_mb <= IDLE_MB)} ≤ {IDLE_MB:.0f})   loaded "
              f"{service.loaded_mb:6.0f} ({verdict(service.loaded_mb <= LOADED_MB)} ≤ "
              f"{LOADED_MB:.0f})   after {service.after_mb:6.0f}")


def print_restart(result: RestartResult) -> None:
    empty, caught_up = result.empty, result.caught_up
    print(f"\n7. restart of petitions on {result.events:,} stored events (filled in "
          f"{result.fill_seconds:.0f} s)")
    print(f"   projection empty:     ready after {empty.ready_seconds:6.1f} s, RSS highest "
          f"{empty.peak_mb:.0f} MB, at ready {empty.ready_mb:.0f} MB; /readyz said "
          f"{len(empty.progress)} different things meanwhile")
    for said in empty.progress[:: max(1, len(empty.progress) // 5)]:
        print(f"      {said}")
    print(f"   projection caught up: ready after {caught_up.ready_seconds:6.1f} s "
          f"({verdict(caught_up.ready_seconds <= READY_SECONDS)} ≤ {READY_SECONDS:.0f}), "
          f"RSS idle {result.idle_mb:.0f} MB ({verdict(result.idle_mb <= IDLE_MB)} ≤ "
          f"{IDLE_MB:.0f})")
    if result.load is not None:
        print(f"   under benchmark 1's load (wrk {result.load_seconds} s, "
              f"{result.load.requests_per_second:,.0f} req/s): RSS highest "
              f"{result.loaded_mb:.0f} MB ({verdict(result.loaded_mb <= LOADED_MB)} ≤ "
              f"{LOADED_MB:.0f})")
