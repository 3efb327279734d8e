"""The similar-petition index kept in database tables (the petitions read model's).

What a `SimilarityIndex` holds in dicts is kept in tables: each indexed petition's analysed
features (a text is analysed once, when it is indexed) with the signature of its places;
the content tokens it is found under (``=<token>``); and the groups of petitions naming
the same places, each found under its places' keys (``@value``, ``@<affix``), as the
index groups them. A query does what `SimilarityIndex._gather` does, in SQL: it finds the
groups by the query's place keys, keeps those whose place factor can reach the threshold
(computed once per group), and selects the petitions sharing a content token that are in
one of those groups or name no place. Their features go into a `SimilarityIndex` of only
those, which is asked: it gathers, bounds, scores best-first and caps exactly the
petitions the full in-memory index would, so the suggestions are the same.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache

from kernel.similarity.features import Features, build
from kernel.similarity.index import (
    _MARGIN,
    _MAX_REMEMBERED_QUERIES,
    Places,
    SimilarityIndex,
    _lookup_keys,
    _place_keys,
    _signature,
)
from kernel.similarity.scoring import CONFLICT_FACTOR, place_factor

_CONTENT = "="  # prefix of a content token's key


def features_to_json(features: Features) -> str:
    """What `build` needs to make the same features again: content tokens and places."""
    places = {kind: sorted(values) for kind, values in features.places.items()}
    return json.dumps({"content": list(features.content), "places": places},
                      ensure_ascii=False, separators=(",", ":"))


def features_from_json(text: str) -> Features:
    stored = json.loads(text)
    places = {kind: frozenset(values) for kind, values in stored["places"].items()}
    return build(tuple(stored["content"]), places)


def content_keys(features: Features) -> list[str]:
    """The keys a petition is found under for its words."""
    return [_CONTENT + token for token in features.weights]


def place_signature(places: Places) -> str:
    """The petitions naming exactly these places form one group: its key ("" for none)."""
    return json.dumps(_signature(places), ensure_ascii=False, separators=(",", ":")) \
        if places else ""


def places_to_json(places: Places) -> str:
    return json.dumps({kind: sorted(values) for kind, values in places.items()},
                      ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=8192)
def places_from_json(text: str) -> Places:
    """Cached: the same groups are read query after query (their places never change)."""
    return {kind: frozenset(values) for kind, values in json.loads(text).items()}


def group_keys(places: Places) -> list[str]:
    """The keys a group of places is found under (``@value``, ``@<affix``)."""
    return sorted(set(_place_keys(places)))


def place_lookup_keys(query: Features, threshold: float) -> list[str] | None:
    """The keys of the groups whose places may agree with the query's; ``None`` when places
    rule nothing out (the query names none, or a conflict still reaches the threshold)."""
    if not query.places or threshold <= CONFLICT_FACTOR:
        return None
    return sorted({key for values in query.places.values() for value in values
                   for key in _lookup_keys(value)})


def compatible(query: Features, groups: Iterable[tuple[str, Places]], threshold: float
               ) -> list[str]:
    """The signatures of the groups whose places can let a petition reach the threshold
    (`SimilarityIndex._place_compatible`, over groups read from the tables). Factors are
    remembered per query places and group, as the index does: the same communes and
    hamlets come back query after query, and a group's places never change."""
    floor = threshold - _MARGIN
    factors = _factors_for(place_signature(query.places))
    found = []
    for signature, places in groups:
        factor = factors.get(signature)
        if factor is None:
            factor = factors[signature] = place_factor(query.places, places)
        if factor >= floor:
            found.append(signature)
    return found


_factors: dict[str, dict[str, float]] = {}  # query places' signature -> group -> factor


def _factors_for(query_signature: str) -> dict[str, float]:
    factors = _factors.get(query_signature)
    if factors is None:
        if len(_factors) >= _MAX_REMEMBERED_QUERIES:
            _factors.clear()
        factors = _factors[query_signature] = {}
    return factors


def similar_among(
    candidates: Iterable[tuple[str, Features]], text: str, *, threshold: float, limit: int,
    exclude: Collection[str] = (),
) -> list[tuple[str, float]]:
    """`SimilarityIndex.similar` over the selected candidates only."""
    index = SimilarityIndex(threshold=threshold)
    for petition_id, features in candidates:
        index.add_features(petition_id, features)
    return index.similar(text, limit=limit, exclude=exclude)


class GroupTokens:
    """How many petitions of each group of places are found under each content key: held
    in process, so that a query learns without reading the tables which groups can hold a
    candidate, and most often that none can.

    A candidate shares a content key with the query and lies in a group whose places can
    reach the threshold (or names no place, group ""). A group holding none of the query's
    keys, the excluded petitions aside, holds no candidate, so the tables are asked only
    about the groups that do, and not at all when none does: the same candidates, so the
    same suggestions.

    The counts may only be too high, never too low: a petition taken out (merged away) or
    indexed again keeps its old counts until the next load, and a count too high only costs
    a query that finds nothing. One entry per group and key, far fewer than the petitions'
    keys when petitions name the same places. Not thread-safe: hold one lock around it."""

    def __init__(self) -> None:
        self._places: dict[str, Places] = {}  # signature -> places ("" names none)
        self._at: dict[str, set[str]] = {}  # group key (group_keys) -> signatures
        self._counts: dict[str, dict[str, int]] = {}  # signature -> content key -> petitions
        self._everywhere: dict[str, int] = {}  # content key -> petitions, in any group
        self.entries = 0  # (group, key) pairs held: what its size grows with

    def add(self, signature: str, places: Places, counts: Mapping[str, int]) -> None:
        """``counts[key]`` more petitions of the group ``signature`` (naming ``places``)
        are found under ``key``."""
        held = self._counts.get(signature)
        if held is None:
            held = self._counts[signature] = {}
            self._places[signature] = places
            for key in group_keys(places) if places else ():
                self._at.setdefault(key, set()).add(signature)
        for key, count in counts.items():
            if key not in held:
                self.entries += 1
            held[key] = held.get(key, 0) + count
            self._everywhere[key] = self._everywhere.get(key, 0) + count

    def merge(self, other: GroupTokens) -> None:
        for signature, counts in other._counts.items():
            self.add(signature, other._places[signature], counts)

    def searched(self, query: Features, threshold: float,
                 excluded: Iterable[tuple[str, Collection[str]]] = ()) -> list[str] | None:
        """The signatures of the groups that may hold a candidate of ``query`` (``[]``:
        none may), or None when any group may (places rule nothing out) and some petition
        shares a key with it. ``excluded``: the group and keys of petitions the query
        excludes, each counted here (they are not candidates)."""
        keys = content_keys(query)
        minus: dict[tuple[str, str], int] = {}
        for signature, its_keys in excluded:
            for key in its_keys:
                minus[signature, key] = minus.get((signature, key), 0) + 1
        lookup = place_lookup_keys(query, threshold)
        if lookup is None:
            others = {key: sum(n for (_, k), n in minus.items() if k == key) for key in keys}
            return None if any(self._everywhere.get(key, 0) > others[key] for key in keys) \
                else []
        found = {signature for key in lookup for signature in self._at.get(key, ())}
        groups = [(signature, self._places[signature]) for signature in found]
        return [signature for signature in ["", *compatible(query, groups, threshold)]
                if self._holds(signature, keys, minus)]

    def _holds(self, signature: str, keys: list[str], minus: dict[tuple[str, str], int],
               ) -> bool:
        held = self._counts.get(signature)
        return held is not None and any(
            held.get(key, 0) > minus.get((signature, key), 0) for key in keys)
