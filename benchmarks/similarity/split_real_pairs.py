"""Draw the cluster-wise dev/test split of the real-petition set, or check the file's.

Run from the repository root:

    .venv/bin/python benchmarks/similarity/split_real_pairs.py          # check (about a minute)
    .venv/bin/python benchmarks/similarity/split_real_pairs.py --write  # after adding pairs

Only the pairs' structure is read (petition ids, labels, kinds), never a score, so the
split can be drawn before any tuning. Petitions joined by a duplicate pair form one
request cluster; each cluster goes wholly to one half. The placement minimises, by a
local search from 200 fixed random starts: the pairs cut (a negative pair whose two
petitions lie in different halves, marked "aside" and scored in neither), the imbalance
of each kind and of the duplicates between the halves, and any kind missing from a half.
The dev half is the one holding the file's first pair.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

REAL_PAIRS = Path(__file__).resolve().parent / "real_pairs.json"
STARTS = 200
Pair = dict[str, Any]


def request_clusters(pairs: list[Pair]) -> dict[str, str]:
    """Petition id -> a representative of its cluster (joined by duplicate pairs)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for pair in pairs:
        a, b = root(pair["a"]["id"]), root(pair["b"]["id"])
        if pair["label"] == 1:
            parent[a] = b
    return {x: root(x) for x in list(parent)}


def cost(pairs: list[Pair], kinds: list[str], cluster: dict[str, str],
         side: dict[str, int]) -> float:
    halves: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
    cut = 0
    for pair in pairs:
        a, b = side[cluster[pair["a"]["id"]]], side[cluster[pair["b"]["id"]]]
        if a != b:
            cut += 1
            continue
        halves[a][pair["kind"]] += 1
        halves[a]["#all"] += 1
        halves[a]["#duplicates"] += pair["label"]
    imbalance = sum(abs(halves[0][k] - halves[1][k]) for k in kinds)
    missing = sum(1 for k in kinds if not halves[0][k] or not halves[1][k])
    return (cut + 0.5 * imbalance + 2 * abs(halves[0]["#duplicates"] - halves[1]["#duplicates"])
            + 0.5 * abs(halves[0]["#all"] - halves[1]["#all"]) + 20 * missing)


def draw(document: dict[str, Any]) -> list[str]:
    """The split of each pair, in file order: "dev", "test" or "aside"."""
    pairs: list[Pair] = document["pairs"]
    kinds = list(document["kinds"])
    cluster = request_clusters(pairs)
    clusters = sorted(set(cluster.values()))
    best: tuple[float, dict[str, int]] | None = None
    for seed in range(STARTS):
        rng = random.Random(seed)
        side = {c: rng.randint(0, 1) for c in clusters}
        current = cost(pairs, kinds, cluster, side)
        improved = True
        while improved:  # move one cluster at a time while that lowers the cost
            improved = False
            for c in clusters:
                side[c] ^= 1
                moved = cost(pairs, kinds, cluster, side)
                if moved < current - 1e-9:
                    current, improved = moved, True
                else:
                    side[c] ^= 1
        if best is None or current < best[0]:
            best = (current, dict(side))
    assert best is not None
    side = best[1]
    dev_side = side[cluster[pairs[0]["a"]["id"]]]
    names = {dev_side: "dev", 1 - dev_side: "test"}
    splits = []
    for pair in pairs:
        a, b = side[cluster[pair["a"]["id"]]], side[cluster[pair["b"]["id"]]]
        splits.append(names[a] if a == b else "aside")
    return splits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the split into the file")
    args = parser.parse_args()
    document = json.loads(REAL_PAIRS.read_text(encoding="utf-8"))
    splits = draw(document)
    print(" ".join(f"{name} {splits.count(name)}" for name in ("dev", "test", "aside")))
    if args.write:
        for pair, split in zip(document["pairs"], splits, strict=True):
            pair["split"] = split
        REAL_PAIRS.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                              encoding="utf-8")
        return
    differing = sum(p["split"] != s for p, s in zip(document["pairs"], splits, strict=True))
    print("the file's split is the one drawn" if not differing
          else f"{differing} pairs differ from the split drawn")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
