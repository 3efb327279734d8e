"""Evaluation of the similarity score on labelled petition pairs.

Shared by the regression test (tests/similarity) and the benchmark script
(benchmarks/similarity/evaluate.py), so both split, sweep and count the same way.
The split is fixed and stratified: within each kind, pairs alternate dev, test,
dev, ... in file order. The threshold is chosen on dev only.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from petitions.similarity.scoring import similarity

Scorer = Callable[[str, str], float]


@dataclass(frozen=True, slots=True)
class LabelledPair:
    text_a: str
    text_b: str
    same: bool
    kind: str


@dataclass(frozen=True, slots=True)
class Metrics:
    threshold: float
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_pairs(path: Path) -> list[LabelledPair]:
    """Read a TSV with columns text_a, text_b, label (1/0), kind."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            LabelledPair(row["text_a"], row["text_b"], row["label"] == "1", row["kind"])
            for row in reader
        ]


def split(pairs: Sequence[LabelledPair]) -> tuple[list[LabelledPair], list[LabelledPair]]:
    """(dev, test): alternate within each kind, so both halves hold every kind."""
    seen: dict[str, int] = {}
    dev: list[LabelledPair] = []
    test: list[LabelledPair] = []
    for pair in pairs:
        position = seen.get(pair.kind, 0)
        seen[pair.kind] = position + 1
        (dev if position % 2 == 0 else test).append(pair)
    return dev, test


def score_pairs(pairs: Iterable[LabelledPair], scorer: Scorer = similarity) -> list[float]:
    return [scorer(pair.text_a, pair.text_b) for pair in pairs]


def metrics_at(pairs: Sequence[LabelledPair], scores: Sequence[float], threshold: float) -> Metrics:
    tp = fp = fn = tn = 0
    for pair, score in zip(pairs, scores, strict=True):
        predicted = score >= threshold
        if predicted and pair.same:
            tp += 1
        elif predicted:
            fp += 1
        elif pair.same:
            fn += 1
        else:
            tn += 1
    return Metrics(threshold, tp, fp, fn, tn)


def sweep(
    pairs: Sequence[LabelledPair], scores: Sequence[float], thresholds: Iterable[float]
) -> list[Metrics]:
    return [metrics_at(pairs, scores, t) for t in thresholds]


def grid(start: float = 0.30, stop: float = 0.90, step: float = 0.01) -> list[float]:
    count = round((stop - start) / step)
    return [round(start + i * step, 2) for i in range(count + 1)]


def choose_threshold(pairs: Sequence[LabelledPair], scores: Sequence[float]) -> float:
    """The threshold of best F1; on a plateau of equal F1, its middle (the most margin)."""
    results = sweep(pairs, scores, grid())
    best = max(m.f1 for m in results)
    plateau = [m.threshold for m in results if m.f1 >= best - 1e-12]
    return plateau[len(plateau) // 2]
