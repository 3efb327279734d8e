"""Evaluate petition similarity: accuracy on the labelled pairs and speed at scale.

Run from the repository root:  .venv/bin/python benchmarks/similarity/evaluate.py

1. Real petitions as published (benchmarks/similarity/real_pairs.json, split by cluster
   and fixed in the file; --dev-only while tuning): precision, recall and F1 on the
   held-out test half at the shipped DEFAULT_THRESHOLD, with 95% intervals (Wilson for
   precision and recall, bootstrap for F1), the same on dev, the median score of a
   duplicate, and errors by kind.
2. Splits kernel/tests/similarity/pairs.tsv (the self-written set) into
   dev and test halves
   (alternating within each kind), chooses the F1-best threshold on dev only, and
   prints precision/recall/F1 at that threshold and at the shipped DEFAULT_THRESHOLD
   on dev, on the held-out test half and on all pairs, plus a threshold sweep.
3. Fills a SimilarityIndex with 20,000 synthetic petitions (the labelled texts with
   their places and numbers replaced at random) and times `similar()`; checks on a
   sample of queries that the index returns what scoring every petition would.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from pathlib import Path

from kernel.similarity import DEFAULT_THRESHOLD, SimilarityIndex
from kernel.similarity import evaluation as ev

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "kernel/tests/similarity/pairs.tsv"
REAL_PAIRS = ROOT / "benchmarks/similarity/real_pairs.json"
# Syllables of southern place names, combined at random into new commune/hamlet names.
SYLLABLES = (
    "Tân", "Long", "Bình", "Phú", "Mỹ", "Hòa", "Thạnh", "An", "Phước", "Hưng", "Thới", "Lợi",
    "Đông", "Tây", "Trung", "Khánh", "Định", "Thuận", "Xuân", "Vĩnh", "Hiệp", "Sơn", "Lộc",
    "Điền", "Hội", "Kiết", "Quới", "Nhơn", "Hảo", "Đức", "Hậu", "Thành", "Kim", "Song",
)
_PLACE = re.compile(r"\b(xã|ấp|phường|huyện|thị trấn|kênh|chợ|cầu) (\w+(?: \w+)?)", re.IGNORECASE)
_NUMBER = re.compile(r"\d+")


def report_real(dev_only: bool) -> None:
    dev, test = ev.load_real_pairs(REAL_PAIRS)
    duplicates = sum(p.same for p in dev + test)
    print(f"real petitions: {len(dev) + len(test)} pairs ({duplicates} duplicates, "
          f"{len(dev) + len(test) - duplicates} not); dev {len(dev)}, test {len(test)}")
    print(f"at the shipped DEFAULT_THRESHOLD {DEFAULT_THRESHOLD:.2f}, 95% intervals in brackets:")
    halves = (("dev", dev),) if dev_only else (("test", test), ("dev", dev))
    for name, subset in halves:
        scores = ev.score_pairs(subset)
        m = ev.metrics_at(subset, scores, DEFAULT_THRESHOLD)
        p_low, p_high = ev.wilson_interval(m.true_positives, m.true_positives + m.false_positives)
        r_low, r_high = ev.wilson_interval(m.true_positives, m.true_positives + m.false_negatives)
        f_low, f_high = ev.bootstrap_f1_interval(subset, scores, DEFAULT_THRESHOLD)
        median = statistics.median(s for p, s in zip(subset, scores, strict=True) if p.same)
        print(f"  {name:<5} precision {m.precision:.3f} [{p_low:.2f}, {p_high:.2f}]  "
              f"recall {m.recall:.3f} [{r_low:.2f}, {r_high:.2f}]  "
              f"F1 {m.f1:.3f} [{f_low:.2f}, {f_high:.2f}]  "
              f"tp {m.true_positives} fp {m.false_positives} fn {m.false_negatives} "
              f"tn {m.true_negatives}; median duplicate score {median:.2f}")
    shown, shown_name = (dev, "dev") if dev_only else (test, "test")
    scores = ev.score_pairs(shown)
    print(f"  errors on the {shown_name} half, by kind (wrong/all):")
    by_kind: dict[str, list[int]] = {}
    for pair, score in zip(shown, scores, strict=True):
        counts = by_kind.setdefault(pair.kind, [0, 0])
        counts[0] += (score >= DEFAULT_THRESHOLD) != pair.same
        counts[1] += 1
    for kind, (wrong, total) in sorted(by_kind.items()):
        print(f"    {kind:<32}{wrong}/{total}")
    print()


def report_accuracy() -> None:
    print("self-written pairs (kernel/tests/similarity/pairs.tsv):")
    pairs = ev.load_pairs(PAIRS)
    dev, test = ev.split(pairs)
    dev_scores, test_scores = ev.score_pairs(dev), ev.score_pairs(test)
    all_scores = dev_scores + test_scores
    chosen = ev.choose_threshold(dev, dev_scores)
    negatives = sum(1 for p in pairs if not p.same)
    print(f"pairs: {len(pairs)} ({negatives} negative, {negatives / len(pairs):.0%}); "
          f"dev {len(dev)}, test {len(test)}")
    print(f"threshold chosen on dev: {chosen:.2f}   shipped DEFAULT_THRESHOLD: "
          f"{DEFAULT_THRESHOLD:.2f}\n")
    print(f"{'set':<6}{'threshold':>10}{'precision':>11}{'recall':>8}{'F1':>7}   tp fp fn tn")
    for name, subset, scores in (("dev", dev, dev_scores), ("test", test, test_scores),
                                 ("all", dev + test, all_scores)):
        for threshold in sorted({chosen, DEFAULT_THRESHOLD}):
            _print_row(name, ev.metrics_at(subset, scores, threshold))
    print("\nsweep on the held-out test half (for reading, not for choosing):")
    print(f"{'':<6}{'threshold':>10}{'precision':>11}{'recall':>8}{'F1':>7}")
    for metrics in ev.sweep(test, test_scores, ev.grid(0.40, 0.80, 0.05)):
        _print_row("test", metrics, counts=False)
    print("\nerrors on the test half at DEFAULT_THRESHOLD, by kind:")
    errors: dict[str, int] = {}
    for pair, score in zip(test, test_scores, strict=True):
        if (score >= DEFAULT_THRESHOLD) != pair.same:
            errors[pair.kind] = errors.get(pair.kind, 0) + 1
    print("  " + (", ".join(f"{k}: {v}" for k, v in sorted(errors.items())) or "none"))


def _print_row(name: str, m: ev.Metrics, counts: bool = True) -> None:
    tail = (f"   {m.true_positives} {m.false_positives} {m.false_negatives} "
            f"{m.true_negatives}") if counts else ""
    print(f"{name:<6}{m.threshold:>10.2f}{m.precision:>11.3f}{m.recall:>8.3f}{m.f1:>7.3f}{tail}")


def synthetic_corpus(size: int, rng: random.Random) -> list[str]:
    """Labelled texts with their places and numbers replaced: many near-duplicates."""
    pairs = ev.load_pairs(PAIRS)
    bases = sorted({text for p in pairs for text in (p.text_a, p.text_b)})

    def rename(match: re.Match[str]) -> str:
        return f"{match.group(1)} {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"

    corpus = []
    for _ in range(size):
        text = _PLACE.sub(rename, rng.choice(bases))
        text = _NUMBER.sub(lambda _m: str(rng.randint(1, 40)), text)
        if not _PLACE.search(text):
            text += f" ở ấp {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        corpus.append(text)
    return corpus


def report_speed(size: int, queries: int, brute: int) -> None:
    rng = random.Random(20240601)
    corpus = synthetic_corpus(size, rng)
    index = SimilarityIndex()
    started = time.perf_counter()
    for number, text in enumerate(corpus):
        index.add(f"p-{number}", text)
    built = time.perf_counter() - started
    sample = [rng.choice(corpus) for _ in range(queries)]
    timings, found = [], 0
    for text in sample:
        started = time.perf_counter()
        found += len(index.similar(text, limit=5))
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(f"\nindex of {len(index)} petitions built in {built:.1f} s")
    p95 = timings[int(0.95 * len(timings))]
    print(f"similar() over {queries} queries: mean {statistics.mean(timings):.1f} ms, "
          f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
          f"max {timings[-1]:.1f} ms ({found / queries:.1f} results per query)")
    _check_against_brute_force(index, sample[:brute])


def _check_against_brute_force(index: SimilarityIndex, sample: list[str]) -> None:
    """Does the candidate stage lose anything that scoring every petition would find?"""
    agreeing = 0
    started = time.perf_counter()
    for text in sample:
        # Compare scores, not ids: equal scores may be ordered differently.
        expected = [round(score, 9) for _, score in index.similar_exhaustive(text, limit=5)]
        got = [round(score, 9) for _, score in index.similar(text, limit=5)]
        agreeing += expected == got
    per_query = (time.perf_counter() - started) / max(1, len(sample)) * 1000
    print(f"versus scoring all {len(index)} petitions ({per_query:.0f} ms per query): "
          f"same top-5 scores for {agreeing}/{len(sample)} queries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000, help="petitions in the index")
    parser.add_argument("--queries", type=int, default=200, help="similar() calls timed")
    parser.add_argument("--brute", type=int, default=50, help="queries checked by brute force")
    parser.add_argument("--no-speed", action="store_true", help="accuracy only, no timing")
    parser.add_argument("--dev-only", action="store_true",
                        help="real petitions: the dev half only (while tuning; the test half "
                             "is read once, at the end)")
    args = parser.parse_args()
    report_real(args.dev_only)
    report_accuracy()
    if not args.no_speed:
        report_speed(args.size, args.queries, args.brute)


if __name__ == "__main__":
    main()
