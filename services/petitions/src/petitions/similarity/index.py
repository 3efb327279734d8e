"""An in-memory index of petitions that finds the ones saying the same thing.

Retrieval is two-stage so `similar()` does not score every stored petition:
an inverted index from content tokens and place values to petition ids gathers
the petitions sharing something with the query, a cheap overlap estimate keeps
the best `max_candidates` of them, and only those get the full score. A petition
sharing no content word with the query is never suggested, whatever the threshold.

Thread safety: a SimilarityIndex is NOT thread-safe. It mutates plain dicts and
sets; the caller must hold one lock around every call, reads included
(`similar` reads structures that `add`/`remove` change). The module-level caches
it uses (`features.extract`, the phrase tables) are safe to share.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable

from petitions.similarity.features import Features, extract
from petitions.similarity.scoring import DICE_SHARE, place_factor, score_features

# Chosen on the dev half of tests/similarity/pairs.tsv (best F1; see
# evaluation.choose_threshold); benchmarks/similarity/evaluate.py re-derives it.
# An identical text about another place scores 0.5, just below it.
DEFAULT_THRESHOLD = 0.57
DEFAULT_MAX_CANDIDATES = 200
_POOL_FACTOR = 4  # petitions weighed by place agreement for each one fully scored


class SimilarityIndex:
    """Petition texts by id; `similar(text)` returns ids of alike petitions, best first."""

    def __init__(
        self,
        threshold: float = DEFAULT_THRESHOLD,
        max_candidates: int = DEFAULT_MAX_CANDIDATES,
    ) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold must be within [0, 1], got {threshold}")
        if max_candidates < 1:
            raise ValueError(f"max_candidates must be at least 1, got {max_candidates}")
        self.threshold = threshold
        self.max_candidates = max_candidates
        self._features: dict[str, Features] = {}
        self._postings: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self._features)

    def __contains__(self, petition_id: object) -> bool:
        return petition_id in self._features

    def add(self, petition_id: str, text: str) -> None:
        """Index `text` under `petition_id`; an id already present is re-indexed."""
        if petition_id in self._features:
            self.remove(petition_id)
        features = extract(text)
        self._features[petition_id] = features
        for key in _keys(features):
            self._postings.setdefault(key, set()).add(petition_id)

    def remove(self, petition_id: str) -> None:
        """Forget `petition_id`; an unknown id is ignored, so replays may repeat it."""
        features = self._features.pop(petition_id, None)
        if features is None:
            return
        for key in _keys(features):
            ids = self._postings.get(key)
            if ids is not None:
                ids.discard(petition_id)
                if not ids:
                    del self._postings[key]

    def similar(
        self, text: str, limit: int = 5, exclude: Collection[str] = ()
    ) -> list[tuple[str, float]]:
        """Up to `limit` (id, score) with score >= threshold, best first, ties by id."""
        return self._best(text, None, limit, frozenset(exclude))

    def similar_exhaustive(
        self, text: str, limit: int = 5, exclude: Collection[str] = ()
    ) -> list[tuple[str, float]]:
        """As `similar`, but scoring every stored petition: slow, the reference
        that tests and the benchmark hold the candidate stage to."""
        return self._best(text, self._features.keys() - set(exclude), limit)

    def _best(
        self,
        text: str,
        ids: Iterable[str] | None,
        limit: int,
        exclude: frozenset[str] = frozenset(),
    ) -> list[tuple[str, float]]:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        query = extract(text)
        candidates = self._candidates(query, exclude) if ids is None else ids
        scored: list[tuple[str, float]] = []
        for petition_id in candidates:
            score = score_features(query, self._features[petition_id])
            if score >= self.threshold:
                scored.append((petition_id, score))
        return heapq.nsmallest(limit, scored, key=lambda item: (-item[1], item[0]))

    def _candidates(self, query: Features, exclude: frozenset[str]) -> list[str]:
        """The petitions most likely to score high, without scoring them all.

        Every petition sharing a content token gets a cheap estimate (the token
        view of the score). The best `_POOL_FACTOR * max_candidates` of them, and
        every one sharing a place with the query, are then weighed by place
        agreement: otherwise hundreds of same-wording petitions from other
        communes could crowd out a looser match from the query's own commune.
        """
        overlap: dict[str, float] = {}
        for token, weight in query.weights.items():
            for petition_id in self._postings.get(token, ()):
                overlap[petition_id] = overlap.get(petition_id, 0.0) + weight
        for petition_id in exclude:
            overlap.pop(petition_id, None)
        estimates = {pid: self._estimate(query, pid, shared) for pid, shared in overlap.items()}
        # Ties are broken by id so that results never depend on set iteration order.
        pool_size = _POOL_FACTOR * self.max_candidates
        pool = set(heapq.nlargest(pool_size, estimates, key=_ranked(estimates)))
        for key in _place_keys(query):
            pool.update(pid for pid in self._postings.get(key, ()) if pid in estimates)
        weighed = {
            pid: estimates[pid] * place_factor(query.places, self._features[pid].places)
            for pid in pool
        }
        return heapq.nlargest(self.max_candidates, weighed, key=_ranked(weighed))

    def _estimate(self, query: Features, petition_id: str, shared: float) -> float:
        total = self._features[petition_id].total
        dice = 2 * shared / (query.total + total)
        containment = shared / min(query.total, total)
        return DICE_SHARE * dice + (1 - DICE_SHARE) * containment


def _ranked(scores: dict[str, float]) -> Callable[[str], tuple[float, str]]:
    return lambda petition_id: (scores[petition_id], petition_id)


def _keys(features: Features) -> Iterable[str]:
    yield from features.weights
    yield from _place_keys(features)


def _place_keys(features: Features) -> Iterable[str]:
    # "@" cannot start a content token, so place keys never collide with words.
    # Kind-free: "ấp Long Thuận" and "phường Long Thuận" share a key.
    for values in features.places.values():
        for value in values:
            yield f"@{value}"
