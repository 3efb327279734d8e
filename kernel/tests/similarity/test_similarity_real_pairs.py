"""The real-petition set (benchmarks/similarity/real_pairs.json): its shape and its split.

Every text there was quoted from a public page (its `url`); the split into dev and
test was fixed in the file before any tuning. These tests keep the file well formed
and keep the split from being redrawn after the fact.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kernel.similarity import evaluation as ev

REAL_PAIRS = Path(__file__).resolve().parents[3] / "benchmarks/similarity/real_pairs.json"
LEVELS = {"central", "provincial", "local"}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(REAL_PAIRS.read_text(encoding="utf-8"))
    return loaded


def test_every_pair_has_its_texts_sources_licences_and_a_known_kind(
    document: dict[str, Any],
) -> None:
    pairs = document["pairs"]
    assert len(pairs) >= 170
    assert sum(p["label"] for p in pairs) >= 48
    for pair in pairs:
        assert pair["label"] in (0, 1)
        assert pair["kind"] in document["kinds"]
        assert pair["kind"].startswith("dup_") == (pair["label"] == 1)
        for side in (pair["a"], pair["b"]):
            assert side["text"].strip() == side["text"] and side["text"]
            assert side["url"].startswith(("http://", "https://"))
            assert side["licence"]
            assert side["level"] in LEVELS
        assert pair["a"]["text"] != pair["b"]["text"]


def test_pairs_across_provinces_are_duplicates_only_when_both_are_central(
    document: dict[str, Any],
) -> None:
    for pair in document["pairs"]:
        if pair["kind"] == "dup_national_policy":
            assert pair["a"]["level"] == pair["b"]["level"] == "central", pair["a"]["id"]


def test_the_split_is_cluster_wise_and_fixed_before_tuning(document: dict[str, Any]) -> None:
    """No petition lies in both halves (tuning on one text cannot lift its twin in the
    held-out half), both halves hold every kind, and the split stays as drawn."""
    ids: dict[str, set[str]] = {"dev": set(), "test": set(), "aside": set()}
    for pair in document["pairs"]:
        ids[pair["split"]].update((pair["a"]["id"], pair["b"]["id"]))
    assert not ids["dev"] & ids["test"]
    for pair in document["pairs"]:
        if pair["split"] == "aside":  # its two petitions lie in different halves
            sides = {half for half in ("dev", "test")
                     for side in (pair["a"], pair["b"]) if side["id"] in ids[half]}
            assert sides == {"dev", "test"}, pair["a"]["id"]
            assert pair["label"] == 0  # a duplicate pair joins one cluster: never cut
    dev, test = ev.load_real_pairs(REAL_PAIRS)
    kinds = {pair["kind"] for pair in document["pairs"]}
    assert {p.kind for p in dev} == {p.kind for p in test} == kinds
    assert (len(dev), len(test)) == (82, 81)
    assert sum(p.same for p in dev) == sum(p.same for p in test) == 24


def test_the_intervals_bracket_the_estimates() -> None:
    low, high = ev.wilson_interval(2, 2)
    assert 0.3 < low < 1.0 and high == 1.0
    assert ev.wilson_interval(0, 0) == (0.0, 1.0)
    low, high = ev.wilson_interval(40, 50)
    assert low < 0.8 < high
