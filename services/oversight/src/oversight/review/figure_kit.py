"""What a figure of the yearly review is made with: the facts it reads (``Facts``, by kind,
counted for a body or all), what it finds (``Result``, its ``Part``s), its line in the
table (``Figure``), and the small helpers most figures are one call of (``count``,
``split``, ``share``, ``days``). The rules themselves are in ``figures``."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from oversight.review.facts import Fact
from oversight.review.periods import Period

Unit = Literal["count", "days", "share"]
# Facts a figure looks up whatever their day, never counts: a session is planned (and its
# kind said) on the day it is typed in, which may be after the period its opening is in.
LOOKED_UP = ("session.planned",)


class Facts:
    """The facts a review reads, by kind. ``body`` (an agency code, or None for all)
    limits what a figure counts (``within``), never what it looks up (``of``): a session's
    kind or a forwarding day is found whoever counts."""

    def __init__(self, facts: Iterable[Fact], body: str | None = None) -> None:
        self.body = body
        self._by_kind: dict[str, list[Fact]] = defaultdict(list)
        for fact in sorted(facts, key=fact_order):
            self._by_kind[fact.kind].append(fact)
        # A session's acts (convened, joint meeting, a question) are listed by its title,
        # which only its planning says.
        titles = {f.record_id: f.title for f in self.of("session.planned")}
        for kind in ("session.convened", "session.joint_meeting", "session.question"):
            self._by_kind[kind] = [replace(f, title=titles.get(f.record_id, f.title))
                                   for f in self.of(kind)]

    def of(self, kind: str) -> list[Fact]:
        """Every fact of ``kind`` loaded, for any body, in the order they happened."""
        return self._by_kind.get(kind, [])

    def counts(self, fact: Fact) -> bool:
        return self.body is None or self.body in fact.bodies

    def within(self, kind: str, period: Period) -> list[Fact]:
        """The facts of ``kind`` that happened in ``period`` and count for the body."""
        return [f for f in self.of(kind) if period.contains(f.occurred_on) and self.counts(f)]


def fact_order(fact: Fact) -> tuple[date, str, int, int]:
    """The day, then the producer's order (its notification id), then the fact's place."""
    event_id, _, n = fact.fact_id.rpartition("#")
    producer, _, sequence = event_id.rpartition(":")
    return fact.occurred_on, producer, int(sequence) if sequence.isdigit() else 0, int(n or 0)


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    label_en: str
    value: float | int | None


@dataclass(frozen=True)
class Result:
    """What a figure found: its records, and its value when it is not their number."""

    records: list[Fact]
    value: float | int | None = None
    counted: bool = True  # the value is the number of records
    parts: list[Part] = field(default_factory=list)
    note: tuple[str, str] | None = None  # (Vietnamese, English), why the value is null

    @property
    def figure(self) -> float | int | None:
        return len(self.records) if self.counted else self.value


Compute = Callable[[Facts, Period], Result]


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    label_en: str
    unit: Unit
    compute: Compute

    @property
    def section(self) -> str:
        return self.key.split(".", 1)[0]


# -- helpers ----------------------------------------------------------------------------

def count(kind: str) -> Compute:
    """The facts of one kind in the period: the figure most lines are."""
    def compute(facts: Facts, period: Period) -> Result:
        return Result(facts.within(kind, period))
    return compute


def split(records: list[Fact], parts: list[tuple[str, str, str]],
          key: Callable[[Fact], object]) -> list[Part]:
    """``parts`` (key, label, English label) counted by ``key`` of each record."""
    tally = Counter(str(key(r)) for r in records)
    return [Part(k, vi, en, tally[k]) for k, vi, en in parts]


def share(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else round(numerator / denominator, 4)


def days(values: list[int], pick: Callable[[list[int]], float]) -> float | None:
    return None if not values else float(pick(values))


NO_RECORDS = ("Không có hồ sơ nào trong kỳ để tính.",
              "No records in the period to compute it from.")


def distinct(records: Iterable[Fact]) -> list[Fact]:
    """The first fact of each record."""
    seen: dict[str, Fact] = {}
    for r in records:
        seen.setdefault(r.record_id, r)
    return list(seen.values())


def latest_by_record(records: Iterable[Fact]) -> dict[str, Fact]:
    latest: dict[str, Fact] = {}
    for r in records:  # in the order they happened: the last one stays
        latest[r.record_id] = r
    return latest
