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
from collections.abc import Collection, Iterable
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
