"""The similarity score of two petitions, in [0, 1].

score = content similarity x place agreement.

Content similarity blends three views of what is asked, each order-free or nearly:
weighted overlap of content tokens (a mix of Dice, which wants both texts to say
the same, and containment, which forgives one record being a terse summary of the
other), overlap of adjacent-token pairs (phrasing), and a character-level
token-sort ratio (typos, syllables the lexicon does not know).

Place agreement: petitions about commune A and commune B are different petitions
however alike their words, so a disagreement on places multiplies the score down.
"""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import fuzz

from kernel.similarity.features import NAME, Features, build, extract

# Tuned on the dev halves of tests/similarity/pairs.tsv and of the real petitions
# (benchmarks/similarity/real_pairs.json) only.
TOKEN_WEIGHT = 0.80
BIGRAM_WEIGHT = 0.10
CHARACTER_WEIGHT = 0.10
DICE_SHARE = 0.2  # of the token view; the rest is containment
CONFLICT_FACTOR = 0.5  # commune A vs commune B, QL1A vs QL30, two different names


def similarity(a: str, b: str, *, central: bool = False) -> float:
    """How alike two petition texts are: 1.0 says the same thing, 0.0 nothing shared.

    `central`: both petitions are classified central-level (a national policy, for the
    National Assembly's consolidation). Then the places they name are where the voters
    live, not what they ask about, and do not set them apart.
    """
    return score_features(extract(a), extract(b), central=central)


def score_features(a: Features, b: Features, *, central: bool = False) -> float:
    factor = 1.0 if central else place_factor(a.places, b.places)
    # A name capitalised on one side ("Long Định") and typed in lower case on the
    # other ("long dinh") is a place there and plain words here: drop the words.
    a, b = _without(a, b.place_syllables), _without(b, a.place_syllables)
    return content_similarity(a, b) * factor


def content_similarity(a: Features, b: Features) -> float:
    if a.total <= 0 or b.total <= 0:
        return 0.0
    shared = sum(w for token, w in a.weights.items() if token in b.weights)
    dice = 2 * shared / (a.total + b.total)
    containment = shared / min(a.total, b.total)
    tokens = DICE_SHARE * dice + (1 - DICE_SHARE) * containment
    # A text of a single content token has no pairs: let the token view stand in.
    bigrams = _dice(a.bigrams, b.bigrams) if a.bigrams and b.bigrams else tokens
    characters = fuzz.token_sort_ratio(a.sorted_text, b.sorted_text) / 100
    score = TOKEN_WEIGHT * tokens + BIGRAM_WEIGHT * bigrams + CHARACTER_WEIGHT * characters
    return min(1.0, max(0.0, score))


def content_bound(a: Features, b: Features, shared: float) -> float:
    """An upper bound of `content_similarity` after `_without`, from sizes alone.

    `shared` is the weight of the content tokens the two have in common. Used by the
    index to skip, or put off, the full score of petitions that cannot reach it.
    Each view is bounded by its own formula: a Dice coefficient or an Indel ratio
    is at most 2 min(size) / (sum of sizes).
    """
    if a.total <= 0 or b.total <= 0:
        return 0.0
    if not (a.place_syllables.isdisjoint(b.weights) and b.place_syllables.isdisjoint(a.weights)):
        return 1.0  # `_without` will drop words and change the token view: no cheap bound
    dice = 2 * shared / (a.total + b.total)
    tokens = DICE_SHARE * dice + (1 - DICE_SHARE) * shared / min(a.total, b.total)
    bigrams = _size_bound(len(a.bigrams), len(b.bigrams)) if a.bigrams and b.bigrams else tokens
    characters = _size_bound(len(a.sorted_text), len(b.sorted_text))
    return min(1.0, TOKEN_WEIGHT * tokens + BIGRAM_WEIGHT * bigrams + CHARACTER_WEIGHT * characters)


def _size_bound(left: int, right: int) -> float:
    return 2 * min(left, right) / (left + right)


def place_factor(a: Mapping[str, frozenset[str]], b: Mapping[str, frozenset[str]]) -> float:
    """1.0 unless the two texts point at different places.

    Per kind, a conflict needs each side to name a place the other lacks: one text
    naming more places than the other is detail, not disagreement. Names without
    a marker word, and places of different kinds, conflict only if nothing at all
    is shared.
    """
    if not a or not b or a == b:
        return 1.0  # the common cases, without building sets
    # One company on both sides (it pays for the sugarcane, it pollutes): the communes
    # and hamlets named are where the voters live, not what they ask about. Not so for a
    # river or a canal, which runs through many communes: each commune's bank is a work.
    same_object = _same_object(a, b)
    for kind in a.keys() & b.keys():
        if kind == NAME or (same_object and kind not in _OBJECT_KINDS):
            continue
        if _each_has_its_own(a[kind], b[kind]):
            return CONFLICT_FACTOR
    if same_object:
        return 1.0
    every_a = frozenset().union(*a.values())
    every_b = frozenset().union(*b.values())
    if every_a and every_b and not any(_agree(u, v) for u in every_a for v in every_b):
        return CONFLICT_FACTOR
    return 1.0


_OBJECT = "company"
_OBJECT_KINDS = frozenset({_OBJECT, "landmark", "street", "road", "km"})


def _same_object(a: Mapping[str, frozenset[str]], b: Mapping[str, frozenset[str]]) -> bool:
    left, right = a.get(_OBJECT), b.get(_OBJECT)
    if not left or not right:
        return False
    return any(_agree(u, v) for u in left for v in right)


def _each_has_its_own(left: frozenset[str], right: frozenset[str]) -> bool:
    left_own = any(not any(_agree(u, v) for v in right) for u in left)
    right_own = any(not any(_agree(u, v) for u in left) for v in right)
    return left_own and right_own


def _agree(u: str, v: str) -> bool:
    """Same place, allowing one spelling to be part of the other ("an" / "an binh")."""
    if u == v:
        return True
    short, long = (u, v) if len(u) < len(v) else (v, u)
    return long.startswith(short + " ") or long.endswith(" " + short)


def _without(features: Features, excluded: frozenset[str]) -> Features:
    if excluded.isdisjoint(features.weights):
        return features
    kept = tuple(token for token in features.content if token not in excluded)
    return build(kept, features.places)


def _dice(left: frozenset[str], right: frozenset[str]) -> float:
    return 2 * len(left & right) / (len(left) + len(right))
