"""Evaluation of the similarity score on labelled petition pairs.

Shared by the regression tests (tests/similarity) and the benchmark script
(benchmarks/similarity/evaluate.py), so both split, sweep and count the same way.
Two sets: the self-written pairs (a TSV, split here: within each kind, pairs
alternate dev, test, dev, ... in file order) and the real petitions as published
(benchmarks/similarity/real_pairs.json, whose split, by cluster, is written in the file). The
threshold is chosen on dev only.
"""

from __future__ import annotations

import csv
import json
import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kernel.similarity.scoring import similarity


@dataclass(frozen=True, slots=True)
class LabelledPair:
    text_a: str
    text_b: str
    same: bool
    kind: str
    central: bool = False  # both petitions classified central-level (a national policy)


Scorer = Callable[[LabelledPair], float]


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


def load_real_pairs(path: Path) -> tuple[list[LabelledPair], list[LabelledPair]]:
    """(dev, test) of the real-petition set; the split was fixed in the file before tuning.

    The split is cluster-wise: no petition appears in both halves. The few pairs whose
    petitions fell in different halves are marked "aside" and left out of both."""
    document = json.loads(path.read_text(encoding="utf-8"))
    halves: dict[str, list[LabelledPair]] = {"dev": [], "test": [], "aside": []}
    for row in document["pairs"]:
        central = row["a"]["level"] == row["b"]["level"] == "central"
        pair = LabelledPair(row["a"]["text"], row["b"]["text"], row["label"] == 1, row["kind"],
                            central)
        halves[row["split"]].append(pair)
    return halves["dev"], halves["test"]


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


def score_pair(pair: LabelledPair) -> float:
    """The shipped score, told the pair's level as intake and consolidation would be."""
    return similarity(pair.text_a, pair.text_b, central=pair.central)


def score_pairs(pairs: Iterable[LabelledPair], scorer: Scorer = score_pair) -> list[float]:
    return [scorer(pair) for pair in pairs]


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


def wilson_interval(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% for z=1.96); (0, 1) with no trials.

    Used for precision (successes: true positives, trials: predicted positives) and
    recall (trials: actual positives) on small sets, where the normal approximation
    would reach past 0 or 1.
    """
    if trials == 0:
        return 0.0, 1.0
    p = successes / trials
    centre = p + z * z / (2 * trials)
    margin = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    denominator = 1 + z * z / trials
    return max(0.0, (centre - margin) / denominator), min(1.0, (centre + margin) / denominator)


def bootstrap_f1_interval(
    pairs: Sequence[LabelledPair], scores: Sequence[float], threshold: float,
    rounds: int = 2000, seed: int = 20240601,
) -> tuple[float, float]:
    """A 95% percentile bootstrap interval of F1: pairs drawn with replacement, fixed seed."""
    rng = random.Random(seed)
    indices = range(len(pairs))
    f1s = []
    for _ in range(rounds):
        drawn = [rng.choice(indices) for _ in indices]
        f1s.append(metrics_at([pairs[i] for i in drawn], [scores[i] for i in drawn], threshold).f1)
    f1s.sort()
    return f1s[int(0.025 * rounds)], f1s[min(rounds - 1, int(0.975 * rounds))]
