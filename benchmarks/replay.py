"""Benchmark 4: replay — rebuild every aggregate and projection of a large store.

The store is a petitions SQLite file filled by ``fill`` (real, mapper-encoded events).
The rebuild is ``phoihop audit``'s (chassis.audit):

- every aggregate folded from one pass of the notification log (events decoded once with
  the mapper, applied with ``mutate``, versions checked for gaps), the hash chain over
  every row extended (before: ``repository.get`` per aggregate, 0.017 of the raw SELECT);
- the petitions read model (every list row) re-derived from those aggregates.

The baseline is a raw ``SELECT rowid, * FROM stored_events`` with ``sqlite3``, every row
fetched. Both read the same file with the page cache warm; rounds interleave them. A
third figure, not judged, folds every aggregate in one pass of the log without the audit's
chain and checks; and a fourth,
the raw SELECT plus ``json.loads`` of every state: no rebuild that decodes each event
in one CPython process can be faster.
"""

from __future__ import annotations

import gc
import json
import resource
import sqlite3
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from benchmarks.fill import fill, open_store
from chassis.audit import replay
from chassis.audit.chain import Seals
from chassis.notification_log import BATCH  # what a projection reads per step of the log
from petitions.application.summaries import PetitionSummary
from petitions.domain.petition import Petition


@dataclass(frozen=True)
class ReplayRound:
    raw_seconds: float
    decode_seconds: float  # the raw SELECT plus json.loads of every event's state
    aggregates_seconds: float
    read_model_seconds: float
    fold_seconds: float

    @property
    def rebuild_seconds(self) -> float:
        return self.aggregates_seconds + self.read_model_seconds


@dataclass(frozen=True)
class ReplayResult:
    events: int
    aggregates: int
    petitions: int
    fill_seconds: float
    rounds: list[ReplayRound]
    max_rss_mb: float

    def rates(self, seconds: str) -> list[float]:
        return [self.events / getattr(r, seconds) for r in self.rounds]

    @property
    def ratios(self) -> list[float]:
        return [r.raw_seconds / r.rebuild_seconds for r in self.rounds]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)


def filled_store(workdir: Path, events: int) -> tuple[Path, float, int]:
    """The store to replay: its file, how long the fill took, how many petitions."""
    path = workdir / "replay" / "petitions.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    filled = fill(path, events)
    return path, filled.seconds, len(filled.petitions)


def compare(path: Path, rounds: int, fill_seconds: float, petitions: int) -> ReplayResult:
    events, aggregates = _count(path)
    raw_select(path)  # the page cache is warm for every measurement below
    results = []
    for _ in range(rounds):
        raw, decode = raw_select(path), raw_select(path, decode=True)
        rebuilt = rebuild_aggregates(path)
        read_model = rebuild_read_model(path)
        results.append(ReplayRound(raw, decode, rebuilt, read_model, fold_log(path)))
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return ReplayResult(events, aggregates, petitions, fill_seconds, results, max_rss)


def raw_select(path: Path, decode: bool = False) -> float:
    """Seconds to SELECT and fetch every row of the events table, with sqlite3.

    ``decode``: also parse each row's state with ``json.loads``, the least any rebuild
    must do per event (a ceiling for every rebuild in one CPython process)."""
    started = time.perf_counter()
    connection = sqlite3.connect(path)
    cursor = connection.execute("SELECT rowid, * FROM stored_events ORDER BY rowid")
    while batch := cursor.fetchmany(10_000):
        if decode:
            for row in batch:
                json.loads(row[4])
    connection.close()
    return time.perf_counter() - started


def rebuild_aggregates(path: Path) -> float:
    """Seconds for ``phoihop audit``'s replay: one pass of the log, every aggregate folded
    (versions checked for gaps) and the hash chain extended over every row."""
    app = open_store(path)
    started = time.perf_counter()
    global _rebuilt
    _rebuilt = replay(app, Seals(path.with_suffix(".bench-seals.json"))).aggregates
    elapsed = time.perf_counter() - started
    app.close()
    return elapsed


_rebuilt: dict[UUID, Any] = {}  # the last replay's aggregates, for the read model below


def rebuild_read_model(path: Path) -> float:
    """Seconds to re-derive the petitions read model (every list row) from the audit's
    rebuilt aggregates, as ``phoihop audit --service petitions`` does before comparing."""
    global _rebuilt
    started = time.perf_counter()
    rows = {pid: PetitionSummary.of(p) for pid, p in _rebuilt.items() if isinstance(p, Petition)}
    elapsed = time.perf_counter() - started
    del rows
    _rebuilt = {}
    gc.collect()
    return elapsed


def fold_log(path: Path) -> float:
    """Seconds to fold every aggregate from one pass of the log (the diagnostic line)."""
    app = open_store(path)
    started = time.perf_counter()
    aggregates: dict[UUID, Any] = {}
    position = 0
    while notifications := app.recorder.select_notifications(
            start=position, limit=BATCH, inclusive_of_start=False):
        for notification in notifications:
            event: Any = app.mapper.to_domain_event(notification)
            aggregates[event.originator_id] = event.mutate(aggregates.get(event.originator_id))
        position = notifications[-1].id
    elapsed = time.perf_counter() - started
    app.close()
    del aggregates
    gc.collect()
    return elapsed


def _count(path: Path) -> tuple[int, int]:
    connection = sqlite3.connect(path)
    events = connection.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
    aggregates = connection.execute(
        "SELECT COUNT(DISTINCT originator_id) FROM stored_events").fetchone()[0]
    connection.close()
    return int(events), int(aggregates)
