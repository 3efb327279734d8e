"""The similarity index kept in the read model's tables suggests what the in-memory
`SimilarityIndex` suggests: the same petitions, the same scores, the same order."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from petitions_testkit import UBND

from kernel.similarity import SimilarityIndex
from kernel.similarity.features import extract
from kernel.similarity.samples import labelled_texts, place_variants
from kernel.similarity.stored import (
    features_from_json,
    features_to_json,
    place_signature,
)
from petitions.application import Petitions

SQLITE = "eventsourcing.sqlite"
PAIRS = Path(__file__).resolve().parents[3] / "kernel/tests/similarity/pairs.tsv"


def _labelled_texts() -> list[str]:
    return labelled_texts(PAIRS)


def _variants(size: int, seed: int) -> list[str]:
    return place_variants(_labelled_texts(), size, seed)


def test_stored_features_are_the_features() -> None:
    for text in _labelled_texts()[:200]:
        features = extract(text)
        again = features_from_json(features_to_json(features))
        assert (again.content, again.weights, again.total, again.bigrams, again.sorted_text,
                again.places, again.place_syllables) == (
            features.content, features.weights, features.total, features.bigrams,
            features.sorted_text, features.places, features.place_syllables)
        assert (place_signature(features.places) == "") == (not features.places)


@pytest.mark.parametrize("threshold", [0.57, 0.45])
def test_the_persisted_index_suggests_what_the_in_memory_one_does(
    tmp_path: Path, threshold: float
) -> None:
    corpus = _labelled_texts() + _variants(600, seed=11)
    app = Petitions({"PERSISTENCE_MODULE": SQLITE, "SQLITE_DBNAME": str(tmp_path / "p.db")},
                    similarity_threshold=threshold)
    index = SimilarityIndex(threshold=threshold)
    for text in corpus:
        petition = app.record_petition(UBND, text=text, channel="mail", commune="Tân Phú")
        index.add(str(petition.id), text)
    rng = random.Random(7)
    compared = 0
    for text in [*rng.sample(corpus, 120), "xã Tân Phú", "Đề nghị"]:
        expected = index.similar(text, limit=5)
        got = [(str(row.id), score) for row, score in app.similar_to_text(text, 5)]
        assert got == expected, text
        compared += bool(expected)
    assert compared > 60  # most queries find something: the comparison means something
    app.close()
