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

from petitions.similarity import lexicon
from petitions.similarity.normalise import Token, canonical_syllable, fold

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
            key = tuple(fold(s) for s in syllables)
            folded[key] = _merge(folded.get(key), target)
        self._folded = {k: v for k, v in folded.items() if v != _AMBIGUOUS}
        self._longest = max((len(k) for k in self._accented), default=0)

    def match(self, tokens: Sequence[Token], start: int, accented: bool) -> Match | None:
        table = self._accented if accented else self._folded
        stop = min(len(tokens), start + self._longest)
        for end in range(stop, start, -1):
            window = tokens[start:end]
            key = tuple(t.text if accented else t.folded for t in window)
            target = table.get(key)
            if target is not None:
                return Match(target, end - start)
        return None


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
