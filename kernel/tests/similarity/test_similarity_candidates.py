"""The candidate stage of SimilarityIndex: what it may skip, and that skipping loses nothing.

`similar()` gathers by content tokens and place values, bounds each score from cheap
parts, and scores best-first. Each shortcut is held here to the full score: the bound
is never below the score, and the result equals scoring every petition.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kernel.similarity import DEFAULT_THRESHOLD, SimilarityIndex
from kernel.similarity.features import Features, extract
from kernel.similarity.samples import NAMES, labelled_texts, place_variants
from kernel.similarity.scoring import content_bound, place_factor, score_features

PAIRS = Path(__file__).with_name("pairs.tsv")


def _labelled_texts() -> list[str]:
    return labelled_texts(PAIRS)


def _variants(size: int, seed: int) -> list[str]:
    return place_variants(_labelled_texts(), size, seed)


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    return _labelled_texts() + _variants(2500, seed=3)


def test_the_bound_is_never_below_the_full_score(corpus: list[str]) -> None:
    rng = random.Random(5)
    checked = 0
    for text in rng.sample(corpus, 300):
        query = extract(text)
        for other in rng.sample(corpus, 60):
            features = extract(other)
            shared = sum(w for token, w in query.weights.items() if token in features.weights)
            bound = place_factor(query.places, features.places) * content_bound(
                query, features, shared
            )
            assert score_features(query, features) <= bound + 1e-12, (text, other)
            checked += 1
    assert checked == 300 * 60


@pytest.mark.parametrize("threshold", [0.0, 0.3, 0.5, DEFAULT_THRESHOLD, 0.75])
def test_similar_returns_what_scoring_every_petition_returns(
    corpus: list[str], threshold: float
) -> None:
    # Thresholds at or below the conflict factor take the path without place gathering.
    index = SimilarityIndex(threshold=threshold)
    for number, text in enumerate(corpus):
        index.add(f"p-{number}", text)
    queries = random.Random(threshold).sample(corpus, 40)
    for query in queries:
        expected = [round(s, 9) for _, s in index.similar_exhaustive(query, limit=5)]
        assert [round(s, 9) for _, s in index.similar(query, limit=5)] == expected, query
    assert any(index.similar(query, limit=5) for query in queries)


def test_a_place_spelled_shorter_or_longer_is_still_found() -> None:
    index = SimilarityIndex()
    index.add("longer", "Đề nghị sửa chữa đường liên xã An Bình bị xuống cấp")
    index.add("elsewhere", "Đề nghị sửa chữa đường liên xã Long Hưng bị xuống cấp")
    index.add("no-place", "Đề nghị sửa chữa đường liên xã bị xuống cấp")
    query = "Đề nghị sửa chữa đường liên xã An bị xuống cấp"
    found = [pid for pid, _ in index.similar(query, limit=5)]
    assert found == [pid for pid, _ in index.similar_exhaustive(query, limit=5)]
    assert set(found) == {"longer", "no-place"}


def test_a_frequent_word_does_not_make_every_petition_a_candidate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Thousands of petitions share the query's wording but name another hamlet or
    commune: none can reach the threshold, so none is fully scored."""
    index = SimilarityIndex()
    for number in range(3000):
        index.add(f"other-{number}", f"Đề nghị nạo vét kênh thủy lợi bị bồi lắng tại ấp "
                                      f"{number % 40 + 2} xã {NAMES[number % len(NAMES)]} Đông")
    index.add("same", "Cử tri đề nghị nạo vét kênh thủy lợi ấp 1 xã Tân Đông bị bồi lắng")
    scored: list[tuple[Features, Features]] = []

    def counting(a: Features, b: Features, *, central: bool = False) -> float:
        scored.append((a, b))
        return score_features(a, b, central=central)

    monkeypatch.setattr("kernel.similarity.index.score_features", counting)
    found = index.similar("Đề nghị nạo vét kênh thủy lợi bị bồi lắng tại ấp 1 xã Tân Đông")
    assert [pid for pid, _ in found] == ["same"]
    assert len(scored) == 1


def test_scoring_stops_once_no_bound_can_beat_the_results(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    index = SimilarityIndex(threshold=0.0)
    text = "Đề nghị nạo vét kênh thủy lợi bị bồi lắng tại ấp 1 xã Tân Đông"
    for number in range(3):
        index.add(f"same-{number}", text)
    for number in range(50):
        index.add(f"looser-{number:02}", "Kênh thủy lợi ấp 1 xã Tân Đông bị bồi lắng")
    scored: list[int] = []

    def counting(a: Features, b: Features, *, central: bool = False) -> float:
        scored.append(1)
        return score_features(a, b, central=central)

    monkeypatch.setattr("kernel.similarity.index.score_features", counting)
    found = index.similar(text, limit=3)
    assert [pid for pid, _ in found] == [f"same-{n}" for n in range(3)]
    assert [score for _, score in found] == pytest.approx([1.0] * 3)
    # Once three scores of 1.0 are held, no looser text's bound (below 1.0) can beat them.
    assert len(scored) == 3
    assert len(index.similar(text, limit=5)) == 5


def test_removing_and_adding_again_keeps_the_place_groups_exact(corpus: list[str]) -> None:
    """Groups of places emptied by removals and made again must not leave stale factors."""
    rng = random.Random(11)
    index = SimilarityIndex()
    for number, text in enumerate(corpus):
        index.add(f"p-{number}", text)
    queries = rng.sample(corpus, 30)
    for query in queries:  # remember factors for these queries' places
        index.similar(query, limit=5)
    for number in rng.sample(range(len(corpus)), len(corpus) // 2):
        index.remove(f"p-{number}")
    for number, text in enumerate(rng.sample(corpus, 400)):
        index.add(f"again-{number}", text)
    for query in queries:
        expected = [round(s, 9) for _, s in index.similar_exhaustive(query, limit=5)]
        assert [round(s, 9) for _, s in index.similar(query, limit=5)] == expected, query


def test_the_place_work_grows_with_the_places_not_with_the_petitions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ten times the petitions about the same hamlets and communes: no more place checks
    in the gathering step (the bound step still checks each gathered candidate)."""
    checks: list[int] = []
    gathering = SimilarityIndex._place_compatible

    def counting_gathering(index: SimilarityIndex, query: Features) -> list[set[str]]:
        def counting(a: object, b: object) -> float:
            checks.append(1)
            return place_factor(a, b)  # type: ignore[arg-type]

        with monkeypatch.context() as patch:
            patch.setattr("kernel.similarity.index.place_factor", counting)
            return gathering(index, query)

    monkeypatch.setattr(SimilarityIndex, "_place_compatible", counting_gathering)

    def place_checks(petitions: int, query: str) -> int:
        index = SimilarityIndex()
        for number in range(petitions):
            index.add(f"p-{number}", f"Đề nghị nạo vét kênh thủy lợi bị bồi lắng tại ấp "
                                     f"{number % 20 + 1} xã {NAMES[number % 7]} Đông")
        checks.clear()
        assert index.similar(query)  # the query's own hamlet and commune are there
        return len(checks)

    query = "Cử tri đề nghị nạo vét kênh thủy lợi ấp 1 xã Tân Đông bị bồi lắng"
    assert place_checks(200, query) == place_checks(2000, query) > 0
