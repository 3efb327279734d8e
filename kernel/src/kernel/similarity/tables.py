"""Phrase lookup tables built from `lexicon`, lazily (nothing is built at import).

Each table has an accented side, used when the text was written with diacritics
(there "sửa" (repair) and "sữa" (milk) differ), and a folded side for text typed
without them. Folding merges some words; where a folded phrase would mean two
different things, the stop-word reading wins (it only drops the word), and an
ambiguity between two concepts drops the phrase (better no signal than a wrong one).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from kernel.similarity import lexicon
from kernel.similarity.normalise import Token, canonical_syllable
from kernel.text import without_accents

DROP = ""  # target of a stop phrase
_AMBIGUOUS = "\x00"


@dataclass(frozen=True, slots=True)
class Match:
    target: str
    length: int


class PhraseTable:
    """Longest-match lookup of syllable sequences, accented or folded."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        self._accented: dict[tuple[str, ...], str] = {}
        folded: dict[tuple[str, ...], str] = {}
        for phrase, target in entries:
            syllables = phrase.split()
            self._accented[tuple(canonical_syllable(s) for s in syllables)] = target
            key = tuple(without_accents(s) for s in syllables)
            folded[key] = _merge(folded.get(key), target)
        self._folded = {k: v for k, v in folded.items() if v != _AMBIGUOUS}
        # Every proper prefix of a phrase: the scan stops as soon as the syllables read
        # so far begin no longer phrase, instead of trying every window length.
        self._accented_prefixes = _proper_prefixes(self._accented)
        self._folded_prefixes = _proper_prefixes(self._folded)

    def match(self, tokens: Sequence[Token], start: int, accented: bool) -> Match | None:
        """The longest phrase starting at `start`, if any."""
        table = self._accented if accented else self._folded
        prefixes = self._accented_prefixes if accented else self._folded_prefixes
        found: Match | None = None
        key: tuple[str, ...] = ()
        for end in range(start, len(tokens)):  # indexing: a slice would copy the rest
            key = (*key, tokens[end].text if accented else tokens[end].folded)
            target = table.get(key)
            if target is not None:
                found = Match(target, len(key))
            if key not in prefixes:
                break
        return found


def _proper_prefixes(phrases: Iterable[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
    return frozenset(phrase[:end] for phrase in phrases for end in range(1, len(phrase)))


def _merge(existing: str | None, target: str) -> str:
    if existing is None or existing == target:
        return target
    if DROP in (existing, target):
        return DROP
    return _AMBIGUOUS


@cache
def content_table() -> PhraseTable:
    """Stop phrases (target DROP) and paraphrase groups (target: the concept token)."""
    stops = [(phrase, DROP) for phrase in lexicon.STOP_PHRASES]
    concepts = [(p, concept) for concept, group in lexicon.SYNONYMS.items() for p in group]
    # Concepts first, stops last: on an exact accented duplicate the stop reading wins.
    return PhraseTable([*concepts, *stops])


@cache
def marker_table() -> PhraseTable:
    """Words after which a place name or number follows; the target is its kind."""
    return PhraseTable(lexicon.PLACE_MARKERS.items())


@cache
def road_table() -> PhraseTable:
    """Road-code prefixes ("quốc lộ", "ĐT"); matched on folded text only."""
    return PhraseTable(lexicon.ROAD_PREFIXES.items())
