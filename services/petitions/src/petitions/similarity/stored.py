"""The similar-petition index kept in database tables (the petitions read model's).

What a `SimilarityIndex` holds in dicts is kept in two tables: each indexed petition's
analysed features (a text is analysed once, when it is indexed) and the keys it is found
under: ``=<content token>``, ``#`` when it names no place, and its places' keys (``@value``,
``@<affix``, as the index groups them). A query selects in SQL the petitions that
`SimilarityIndex._gather` could return (sharing a content token; and, when places can
rule petitions out, naming no place or sharing a place key), loads their features into a
`SimilarityIndex` of only those and asks it. Every petition the full index would gather is
loaded, and the ones loaded beyond those (sharing a place key without agreeing places) are
gathered by neither, so bounds, best-first order and the `max_candidates` cap meet the
same petitions: the suggestions are the ones the full in-memory index gives.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable

from petitions.similarity.features import Features, build
from petitions.similarity.index import (
    _PLACELESS,
    SimilarityIndex,
    _content_keys,
    _lookup_keys,
    _place_keys,
)
from petitions.similarity.scoring import CONFLICT_FACTOR

_CONTENT = "="  # prefix of a content token's key: never confused with "#" or "@..."


def features_to_json(features: Features) -> str:
    """What `build` needs to make the same features again: content tokens and places."""
    places = {kind: sorted(values) for kind, values in features.places.items()}
    return json.dumps({"content": list(features.content), "places": places},
                      ensure_ascii=False, separators=(",", ":"))


def features_from_json(text: str) -> Features:
    stored = json.loads(text)
    places = {kind: frozenset(values) for kind, values in stored["places"].items()}
    return build(tuple(stored["content"]), places)


def index_keys(features: Features) -> list[str]:
    """The keys a petition with ``features`` is found under."""
    keys = [key if key == _PLACELESS else _CONTENT + key for key in _content_keys(features)]
    return keys + sorted(set(_place_keys(features.places)))


def candidate_keys(query: Features, threshold: float) -> tuple[list[str], list[str] | None]:
    """The content keys a candidate must have one of, and the place keys (or ``#``) it must
    have one of: ``None`` when places rule nothing out (the query names none, or a place
    conflict still scores above the threshold)."""
    content = [_CONTENT + token for token in query.weights]
    if not query.places or threshold <= CONFLICT_FACTOR:
        return content, None
    places = {key for values in query.places.values() for value in values
              for key in _lookup_keys(value)}
    return content, [_PLACELESS, *sorted(places)]


def similar_among(
    candidates: Iterable[tuple[str, Features]], text: str, *, threshold: float, limit: int,
    exclude: Collection[str] = (),
) -> list[tuple[str, float]]:
    """`SimilarityIndex.similar` over the selected candidates only."""
    index = SimilarityIndex(threshold=threshold)
    for petition_id, features in candidates:
        index.add_features(petition_id, features)
    return index.similar(text, limit=limit, exclude=exclude)
