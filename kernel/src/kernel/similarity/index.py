"""An in-memory index of petitions that finds the ones saying the same thing.

`similar()` fully scores only petitions that can still make the result, in three steps:
1. gather, from an inverted index, the petitions sharing a content token with the
   query (a petition sharing no content word is never suggested, whatever the
   threshold). When the threshold is above CONFLICT_FACTOR, as the default is, a
   petition whose places conflict with the query's scores at most CONFLICT_FACTOR
   and so can never be suggested: set operations on the index of place values keep
   only petitions naming no place, or a place agreeing with one of the query's, less
   those naming only other values of a kind the query names ("ấp 3" vs "ấp 5").
   Without this, a token found in half the corpus enumerated half the corpus;
2. bound: each gathered petition gets an upper bound of its score from cheap parts
   (shared token weight, sizes, place factor); those below the threshold are dropped;
3. score best-first, by bound: stop once `limit` results are held and no bound left
   can beat the worst of them, or after `max_candidates` full scorings.
Steps 1 and 2 drop only petitions that could not reach the threshold, and step 3
stops only when no remaining one can enter the result, so `similar` returns what
`similar_exhaustive` returns unless the `max_candidates` cap is reached.

Thread safety: a SimilarityIndex is NOT thread-safe. It mutates plain dicts and
sets; the caller must hold one lock around every call, reads included
(`similar` reads structures that `add`/`remove` change). The module-level caches
it uses (`features.extract`, the phrase tables) are safe to share.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Mapping
from typing import TypeVar

from kernel.similarity.features import Features, extract
from kernel.similarity.scoring import (
    CONFLICT_FACTOR,
    content_bound,
    place_factor,
    score_features,
)

# Chosen on the dev half of tests/similarity/pairs.tsv (best F1; see
# evaluation.choose_threshold); benchmarks/similarity/evaluate.py re-derives it.
# An identical text about another place scores 0.5, just below it.
DEFAULT_THRESHOLD = 0.57
# The level a petition is classified at (petitions' JurisdictionLevel value) that makes a
# comparison central: a national policy, where the places named are where the voters live.
CENTRAL_LEVEL = "central"
DEFAULT_MAX_CANDIDATES = 200
# Bounds and scores are sums of floats computed in different orders: a margin keeps
# rounding from dropping a petition whose score equals its bound.
_MARGIN = 1e-9
_PLACELESS = "#"  # key of the petitions that name no place at all
_MAX_REMEMBERED_QUERIES = 4096  # query places whose factors with the groups are kept
Member = TypeVar("Member")
Places = Mapping[str, frozenset[str]]
Signature = tuple[tuple[str, tuple[str, ...]], ...]  # places in a hashable, canonical form


class _PlaceGroup:
    """The petitions naming exactly the same places. Hashed by identity: cheap in sets."""

    __slots__ = ("ids", "places")

    def __init__(self, places: Places) -> None:
        self.places = places
        self.ids: set[str] = set()


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
        self._postings: dict[str, set[str]] = {}  # content token, and "#" -> ids
        self._groups: dict[Signature, _PlaceGroup] = {}  # the petitions naming those places
        self._groups_at: dict[str, set[_PlaceGroup]] = {}  # "@value", "@<affix": _place_keys
        self._factors: dict[Signature, dict[_PlaceGroup, float]] = {}  # see _factors_for

    def __len__(self) -> int:
        return len(self._features)

    def __contains__(self, petition_id: object) -> bool:
        return petition_id in self._features

    @staticmethod
    def prepare(text: str) -> None:
        """Analyses `text` ahead of an `add` or `similar` of it. Needs no lock: the
        analysis is cached (`features.extract`), so the call made under the lock is cheap."""
        extract(text)

    def add(self, petition_id: str, text: str) -> None:
        """Index `text` under `petition_id`; an id already present is re-indexed."""
        self.add_features(petition_id, extract(text))

    def add_features(self, petition_id: str, features: Features) -> None:
        """As `add`, for a text already analysed (features kept in a database)."""
        if petition_id in self._features:
            self.remove(petition_id)
        self._features[petition_id] = features
        for key in _content_keys(features):
            self._postings.setdefault(key, set()).add(petition_id)
        if features.places:
            self._group_of(features.places).add(petition_id)

    def remove(self, petition_id: str) -> None:
        """Forget `petition_id`; an unknown id is ignored, so replays may repeat it."""
        features = self._features.pop(petition_id, None)
        if features is None:
            return
        for key in _content_keys(features):
            _unpost(self._postings, key, petition_id)
        if features.places:
            self._leave_group(features.places, petition_id)

    def _group_of(self, places: Places) -> set[str]:
        signature = _signature(places)
        group = self._groups.get(signature)
        if group is None:
            group = self._groups[signature] = _PlaceGroup(places)
            for key in _place_keys(places):
                self._groups_at.setdefault(key, set()).add(group)
        return group.ids

    def _leave_group(self, places: Places, petition_id: str) -> None:
        signature = _signature(places)
        group = self._groups.get(signature)
        if group is None:
            return
        group.ids.discard(petition_id)
        if group.ids:
            return
        del self._groups[signature]
        for key in _place_keys(places):
            _unpost(self._groups_at, key, group)

    def similar(
        self, text: str, limit: int = 5, exclude: Collection[str] = (),
        level: str | None = None,
    ) -> list[tuple[str, float]]:
        """Up to `limit` (id, score) with score >= threshold, best first, ties by id.

        `level`: the level the petition is classified at, when known. At CENTRAL_LEVEL the
        comparison sets places aside (the same national policy raised by voters of two
        provinces is one petition for the National Assembly's consolidation)."""
        _check_limit(limit)
        query = extract(text)
        central = level == CENTRAL_LEVEL
        gathered = self._gather(query, central)
        gathered.difference_update(exclude)
        return self._best_first(query, self._bounded(query, gathered, central), limit, central)

    def similar_exhaustive(
        self, text: str, limit: int = 5, exclude: Collection[str] = (),
        level: str | None = None,
    ) -> list[tuple[str, float]]:
        """As `similar`, but scoring every stored petition: slow, the reference
        that tests and the benchmark hold the candidate stage to."""
        _check_limit(limit)
        query = extract(text)
        central = level == CENTRAL_LEVEL
        scored: list[tuple[str, float]] = []
        for petition_id in self._features.keys() - set(exclude):
            score = score_features(query, self._features[petition_id], central=central)
            if score >= self.threshold:
                scored.append((petition_id, score))
        return _top(scored, limit)

    def _gather(self, query: Features, central: bool = False) -> set[str]:
        """Ids sharing a content token with the query and able to reach the threshold."""
        postings = [self._postings[t] for t in query.weights if t in self._postings]
        if central or not query.places or self.threshold <= CONFLICT_FACTOR:
            return set().union(*postings)
        groups = self._place_compatible(query)
        if _PLACELESS in self._postings:
            groups.append(self._postings[_PLACELESS])
        gathered: set[str] = set()
        for ids in postings:  # `&` walks the smaller set: never a whole large posting
            for group in groups:
                gathered |= ids & group
        return gathered

    def _place_compatible(self, query: Features) -> list[set[str]]:
        """The groups of petitions whose places give a place factor of 1.0 with the query's.

        With both sides naming places, a factor of 1.0 needs some value of one to agree
        with some value of the other, so only the groups found by the query's values are
        candidates; the factor itself is computed once per group.
        """
        groups: set[_PlaceGroup] = set()
        for value in (v for values in query.places.values() for v in values):
            for key in _lookup_keys(value):
                groups |= self._groups_at.get(key, set())
        floor = self.threshold - _MARGIN
        factors = self._factors_for(query.places)
        compatible = []
        for group in groups:
            factor = factors.get(group)
            if factor is None:
                factor = factors[group] = place_factor(query.places, group.places)
            if factor >= floor:
                compatible.append(group.ids)
        return compatible

    def _factors_for(self, places: Places) -> dict[_PlaceGroup, float]:
        """The place factors of the query's places with the groups, remembered: the same
        communes and hamlets come back query after query. A group emptied and made
        again is a new object, so nothing remembered outlives what it was computed on."""
        signature = _signature(places)
        factors = self._factors.get(signature)
        if factors is None:
            if len(self._factors) >= _MAX_REMEMBERED_QUERIES:
                self._factors.clear()
            factors = self._factors[signature] = {}
        return factors

    def _bounded(
        self, query: Features, ids: Iterable[str], central: bool = False
    ) -> list[tuple[float, str]]:
        """(bound, id) of the petitions whose bound reaches the threshold, highest first."""
        floor = self.threshold - _MARGIN
        weights = list(query.weights.items())
        bounded: list[tuple[float, str]] = []
        for petition_id in ids:
            features = self._features[petition_id]
            factor = 1.0 if central else place_factor(query.places, features.places)
            if factor < floor:  # the content score is at most 1
                continue
            shared = sum([w for token, w in weights if token in features.weights])
            bound = factor * content_bound(query, features, shared)
            if bound >= floor:
                bounded.append((bound, petition_id))
        bounded.sort(key=lambda item: (-item[0], item[1]))
        return bounded

    def _best_first(
        self, query: Features, bounded: list[tuple[float, str]], limit: int,
        central: bool = False,
    ) -> list[tuple[str, float]]:
        scored: list[tuple[str, float]] = []
        best: list[float] = []  # min-heap of the `limit` best scores so far
        for count, (bound, petition_id) in enumerate(bounded):
            if count >= self.max_candidates or (len(best) == limit and bound + _MARGIN < best[0]):
                break
            score = score_features(query, self._features[petition_id], central=central)
            if score >= self.threshold:
                scored.append((petition_id, score))
                if len(best) < limit:
                    heapq.heappush(best, score)
                else:
                    heapq.heappushpop(best, score)
        return _top(scored, limit)


def _unpost(postings: dict[str, set[Member]], key: str, member: Member) -> None:
    """Takes `member` off `key`'s posting, and the posting away once it is empty."""
    members = postings.get(key)
    if members is not None:
        members.discard(member)
        if not members:
            del postings[key]


def _check_limit(limit: int) -> None:
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")


def _top(scored: list[tuple[str, float]], limit: int) -> list[tuple[str, float]]:
    return heapq.nsmallest(limit, scored, key=lambda item: (-item[1], item[0]))


def _content_keys(features: Features) -> Iterable[str]:
    """Where a petition is posted for its words. "#" cannot start a content token."""
    yield from features.weights
    if not features.places:
        yield _PLACELESS


def _signature(places: Places) -> Signature:
    return tuple(sorted((kind, tuple(sorted(values))) for kind, values in places.items()))


def _place_keys(places: Places) -> Iterable[str]:
    """Where a group of places is found. Keys are kind-free ("ấp Long Thuận" and
    "phường Long Thuận" share one), and a value is also posted under each word-prefix
    and word-suffix ("@<an" for "an binh"), so that every value agreeing with a query's
    value (`scoring._agree`) is found by one of its `_lookup_keys`."""
    for values in places.values():
        for value in values:
            yield f"@{value}"
            yield from (f"@<{affix}" for affix in _affixes(value))


def _lookup_keys(value: str) -> list[str]:
    """The keys of the stored values that agree with `value`: itself, the longer values
    it is a word-prefix or -suffix of, and its own word-prefixes and -suffixes."""
    return [f"@{value}", f"@<{value}", *(f"@{affix}" for affix in _affixes(value))]


def _affixes(value: str) -> list[str]:
    """Strict word-prefixes and -suffixes: "an binh dong" -> an, binh dong, an binh, dong."""
    words = value.split()
    return [" ".join(part) for i in range(1, len(words))
            for part in (words[:i], words[i:])]
