"""Vietnamese text without its accents: what people type when they search (tìm không dấu),
and what names are compared by."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def without_accents(text: str) -> str:
    """Lower-case ``text`` and drop every diacritic; đ (and a mistyped ð) become d.

    Cached: it is called on single words, of which a language has a few thousand.
    """
    lowered = text.lower().replace("đ", "d").replace("ð", "d")
    decomposed = unicodedata.normalize("NFD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """``text`` word by word without accents, one space between words: "Đường  số 3"
    becomes "duong so 3", so a search for "duong" finds it. A lone accent is no word."""
    return " ".join(word for word in map(without_accents, text.split()) if word)
