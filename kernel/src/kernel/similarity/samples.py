"""Texts to exercise an index with: the labelled set's texts, and variants of them with
other places and numbers (some with no place at all), as a store fills with petitions that
share their wording but not their commune. Used by the tests of the in-memory index and of
the index kept in a read model's tables, which must suggest the same."""

from __future__ import annotations

import random
import re
from pathlib import Path

from kernel.similarity.evaluation import load_pairs

NAMES = ["Tân", "Long", "Bình", "Phú", "Mỹ", "Hòa", "Thạnh", "An", "Phước", "Hưng"]
_PLACE = re.compile(r"\b(xã|ấp|phường|huyện) (\w+ \w+)")


def labelled_texts(pairs: Path) -> list[str]:
    """Every text of a labelled pairs file, once, in a stable order."""
    return sorted({text for p in load_pairs(pairs) for text in (p.text_a, p.text_b)})


def place_variants(bases: list[str], size: int, seed: int) -> list[str]:
    """`size` texts drawn from `bases` with places and numbers changed, one in ten with
    its places removed."""
    rng = random.Random(seed)

    def rename(match: re.Match[str]) -> str:
        # Sometimes one syllable, so that "xã Tân" meets "xã Tân Phú" (a word-prefix).
        syllables = rng.sample(NAMES, rng.choice((1, 2, 2)))
        return f"{match.group(1)} {' '.join(syllables)}"

    texts = []
    for _ in range(size):
        text = _PLACE.sub(rename, re.sub(r"\d+", lambda _m: str(rng.randint(1, 9)),
                                         rng.choice(bases)))
        texts.append(text if rng.random() > 0.1 else _PLACE.sub("", text))
    return texts
