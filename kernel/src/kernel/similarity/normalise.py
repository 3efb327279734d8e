"""Unicode normalisation and tokenisation of Vietnamese petition text.

Vietnamese reaches us in several spellings of the same word: precomposed (NFC) or
decomposed (NFD) code points, old or new tone placement ("hòa" / "hoà"), or no
diacritics at all when typed without an input method ("duong" for "đường").
Every token therefore carries two forms: `text` (accented, canonical) and
`folded` (no diacritics, đ→d). Syllables are the tokens: Vietnamese writes one
syllable per space-separated word, and phrases are matched over syllables later.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kernel.similarity.lexicon import ABBREVIATIONS
from kernel.text import without_accents

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền sắc ngã hỏi nặng
_WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?;:\n]")
# "QL1A", "km12", "DT864": a known prefix glued to a number is split so the prefix
# can be expanded and the number read as a road code or a kilometre mark.
_GLUED_CODE = re.compile(r"^(ql|dt|dh|tl|hl|km)(\d+[a-z]?)$")
# Syllables whose tone moves to the first vowel of a final oa/oe/uy ("hoà"->"hòa").
_MOVABLE_TONE_ENDINGS = ("oa", "oe", "uy")


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # lower-case NFC, canonical tone placement
    folded: str  # lower-case, no diacritics, đ written d
    capitalised: bool  # starts with a capital and is not an all-capitals acronym
    boundary: bool  # punctuation (or the start of the text) precedes it
    sentence_start: bool  # first word of a sentence: its capital means nothing




@lru_cache(maxsize=8192)
def canonical_syllable(syllable: str) -> str:
    """The NFC lower-case syllable with the tone placed the old way ("hoà" -> "hòa")."""
    lowered = unicodedata.normalize("NFC", syllable.lower())
    decomposed = unicodedata.normalize("NFD", lowered)
    tones = [ch for ch in decomposed if ch in _TONE_MARKS]
    if len(tones) != 1:
        return lowered
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    for ending in _MOVABLE_TONE_ENDINGS:
        # "quý": after q the u is part of the consonant, the tone stays on y.
        if bare.endswith(ending) and not bare.endswith("q" + ending):
            cut = len(bare) - 1
            return unicodedata.normalize("NFC", bare[:cut] + tones[0] + bare[cut:])
    return lowered


def is_accented(text: str) -> bool:
    """True when the writer used diacritics (most Vietnamese syllables carry one)."""
    words = _WORD.findall(text)
    alphabetic = [w for w in words if not w.isdigit()]
    if not alphabetic:
        return False
    marked = sum(1 for w in alphabetic if without_accents(w) != w.lower())
    return marked / len(alphabetic) >= 0.2


def tokenize(text: str) -> list[Token]:
    """Split into syllable tokens, expanding abbreviations (UBND, TP., QL1A)."""
    text = unicodedata.normalize("NFC", text)
    tokens: list[Token] = []
    previous_end = 0
    previous_raw = ""
    for match in _WORD.finditer(text):
        raw = match.group()
        gap = text[previous_end : match.start()]
        boundary = not tokens or bool(gap.strip())
        sentence_start = not tokens or _ends_sentence(gap, previous_raw)
        tokens.extend(_expand(raw, boundary, sentence_start))
        previous_end, previous_raw = match.end(), raw
    return tokens


def _ends_sentence(gap: str, previous_raw: str) -> bool:
    # "TP. Mỹ Tho": the dot closes an abbreviation, not a sentence.
    if without_accents(previous_raw) in ABBREVIATIONS or len(previous_raw) == 1:
        return "\n" in gap
    return bool(_SENTENCE_END.search(gap))


@lru_cache(maxsize=65536)
def _expand(raw: str, boundary: bool, sentence_start: bool) -> tuple[Token, ...]:
    # Cached: the same syllables recur in every petition, and Tokens are immutable.
    folded = without_accents(raw)
    glued = _GLUED_CODE.match(folded)
    if glued:
        prefix, number = glued.groups()
        head = _expand(raw[: len(prefix)], boundary, sentence_start)
        return (*head, Token(number, number, False, False, False))
    expansion = ABBREVIATIONS.get(folded)
    if expansion is not None:
        syllables = expansion.split()
        return tuple(
            Token(
                canonical_syllable(syl), without_accents(syl), False, boundary and i == 0,
                sentence_start and i == 0,
            )
            for i, syl in enumerate(syllables)
        )
    acronym = len(raw) > 1 and raw.isupper()
    capitalised = raw[:1].isupper() and not acronym
    return (Token(canonical_syllable(raw), folded, capitalised, boundary, sentence_start),)
