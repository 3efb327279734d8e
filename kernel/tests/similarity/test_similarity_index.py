"""SimilarityIndex: add, remove, exclude, limit, threshold, and the candidate stage."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from kernel.similarity import DEFAULT_THRESHOLD, SimilarityIndex
from kernel.similarity.evaluation import load_pairs
from kernel.similarity.features import Features
from kernel.similarity.scoring import score_features

ROAD = "Đề nghị sửa chữa đường liên xã Tân Phú bị xuống cấp"
ROAD_AGAIN = "duong lien xa tan phu xuong cap, de nghi nang cap"
ROAD_ELSEWHERE = "Đề nghị sửa chữa đường liên xã Long Hưng bị xuống cấp"
CLINIC = "Trạm y tế xã Tân Phú thiếu bác sĩ"


@pytest.fixture
def index() -> SimilarityIndex:
    idx = SimilarityIndex()
    for petition_id, text in (("road", ROAD), ("elsewhere", ROAD_ELSEWHERE), ("clinic", CLINIC)):
        idx.add(petition_id, text)
    return idx


def test_finds_the_same_petition_and_not_the_others(index: SimilarityIndex) -> None:
    found = index.similar(ROAD_AGAIN)
    assert [pid for pid, _ in found] == ["road"]
    assert DEFAULT_THRESHOLD <= found[0][1] <= 1.0


def test_results_are_best_first_and_limited(index: SimilarityIndex) -> None:
    index.add("road-terse", "Sửa đường liên xã Tân Phú")
    found = index.similar(ROAD, limit=5)
    assert [pid for pid, _ in found] == ["road", "road-terse"]
    assert found[0][1] >= found[1][1]
    assert index.similar(ROAD, limit=1) == found[:1]


def test_exclude_leaves_out_the_petition_itself(index: SimilarityIndex) -> None:
    assert [pid for pid, _ in index.similar(ROAD, exclude={"road"})] == []
    assert [pid for pid, _ in index.similar(ROAD, exclude=["clinic"])] == ["road"]


def test_threshold_bounds_the_scores(index: SimilarityIndex) -> None:
    permissive = SimilarityIndex(threshold=0.0)
    for petition_id, text in (("road", ROAD), ("elsewhere", ROAD_ELSEWHERE), ("clinic", CLINIC)):
        permissive.add(petition_id, text)
    # The other commune's road scores 0.5; the clinic shares no content word at all,
    # so it is never a candidate, whatever the threshold.
    assert permissive.similar(ROAD) == [("road", pytest.approx(1.0)), ("elsewhere", 0.5)]
    assert [pid for pid, _ in index.similar(ROAD)] == ["road"]
    strict = SimilarityIndex(threshold=1.0)
    strict.add("road", ROAD_AGAIN)
    assert strict.similar(ROAD) == []


def test_remove_forgets_and_tolerates_unknown_ids(index: SimilarityIndex) -> None:
    index.remove("road")
    index.remove("road")
    index.remove("never-added")
    assert "road" not in index and len(index) == 2
    assert index.similar(ROAD_AGAIN) == []


def test_adding_an_id_again_replaces_its_text(index: SimilarityIndex) -> None:
    index.add("road", CLINIC)
    assert len(index) == 3
    assert index.similar(ROAD_AGAIN) == []
    assert {pid for pid, _ in index.similar(CLINIC)} == {"road", "clinic"}


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError):
        SimilarityIndex(threshold=1.5)
    with pytest.raises(ValueError):
        SimilarityIndex(max_candidates=0)
    with pytest.raises(ValueError):
        SimilarityIndex().similar(ROAD, limit=0)


def test_the_candidate_stage_finds_what_scoring_everything_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus = _corpus(3000)
    index = SimilarityIndex(max_candidates=50)
    for number, text in enumerate(corpus):
        index.add(f"p-{number}", text)
    queries = random.Random(7).sample(corpus, 25)
    expected = [[round(s, 9) for _, s in index.similar_exhaustive(q, limit=5)] for q in queries]

    scored: list[int] = []

    def counting_score(a: Features, b: Features, *, central: bool = False) -> float:
        scored.append(1)
        return score_features(a, b, central=central)

    # Count the full scorings similar() makes: the real function, wrapped.
    monkeypatch.setattr("kernel.similarity.index.score_features", counting_score)
    got = [[round(s, 9) for _, s in index.similar(q, limit=5)] for q in queries]
    assert got == expected
    assert any(expected)  # the corpus does hold near-duplicates
    assert len(scored) <= 50 * len(queries) < len(corpus) * len(queries)


def _corpus(size: int) -> list[str]:
    """The labelled texts with places and numbers changed: many near-duplicates."""
    pairs = load_pairs(Path(__file__).with_name("pairs.tsv"))
    bases = sorted({text for p in pairs for text in (p.text_a, p.text_b)})
    rng = random.Random(11)
    names = ["Tân", "Long", "Bình", "Phú", "Mỹ", "Hòa", "Thạnh", "An", "Phước", "Hưng"]
    place = re.compile(r"\b(xã|ấp|phường|huyện) (\w+ \w+)")
    return [
        place.sub(
            lambda m: f"{m.group(1)} {rng.choice(names)} {rng.choice(names)}",
            re.sub(r"\d+", lambda _m: str(rng.randint(1, 9)), rng.choice(bases)),
        )
        for _ in range(size)
    ]
