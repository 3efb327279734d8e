"""Text as people type it: Vietnamese without its accents (tìm không dấu, what names are
searched by), one canonical key for names compared as identifiers (units, communes, places),
and the characters no stored text may hold."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

LINE_BREAKS_AND_TABS = frozenset("\t\n\r")
"""The only control characters multi-line text keeps."""


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


def identifier_key(text: str) -> str:
    """What two names of one thing (a unit, a commune, a place) are compared by: the same
    name typed in either Unicode form (NFC, or NFD as some keyboards and macOS send it), in
    any case and with any spacing gives the same key. Accents are kept: "Tân Phú" and
    "Tấn Phú" are different communes. (Unicode's canonical caseless match: NFD, case fold,
    then NFC for a compact key.)"""
    folded = unicodedata.normalize("NFD", text).casefold()
    return " ".join(unicodedata.normalize("NFC", folded).split())


def same_identifier(one: str | None, other: str | None) -> bool:
    """True when both are absent, or both name the same thing (``identifier_key``)."""
    if one is None or other is None:
        return one is other
    return identifier_key(one) == identifier_key(other)


def forbidden_character(text: str, *, multi_line: bool) -> str | None:
    """The first character ``text`` may not hold, or None: control characters (C0, DEL,
    C1; newlines and tabs too unless ``multi_line``), lone surrogates (no UTF-8 for them)
    and U+FFFE/U+FFFF. None of them is text a person meant, and XML 1.0 (the Atom feed)
    cannot carry them."""
    for ch in text:
        if ch in LINE_BREAKS_AND_TABS:
            if not multi_line:
                return ch
        elif unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff":
            return ch
    return None


def without_forbidden_characters(text: str) -> str:
    """``text`` without the characters ``forbidden_character`` names (line breaks and tabs
    kept): for text stored before the boundary refused them."""
    if forbidden_character(text, multi_line=True) is None:
        return text
    return "".join(ch for ch in text if forbidden_character(ch, multi_line=True) is None)


def nfc(text: str) -> str:
    """``text`` in Unicode's composed form, the one every stored text is in."""
    return unicodedata.normalize("NFC", text)
