"""Which of the languages phoihop answers in a request prefers (``Accept-Language``).

RFC 9110 §12.5.4: a comma-separated list of language ranges, each with an optional weight
``;q=`` from 0 to 1 (1 when absent; 0 means "not this one"). A range names a language with
or without a region (``vi``, ``vi-VN``: both Vietnamese) or ``*`` (any other). A language
takes the weight of the first range that names it, else of ``*``; the heaviest wins, a tie
goes to the one listed first, and English answers when nothing listed is acceptable or
the header is absent or unreadable.
"""

from __future__ import annotations

import re

from kernel.errors import Language

SPOKEN: tuple[Language, ...] = ("en", "vi")
DEFAULT: Language = "en"
_WEIGHT = re.compile(r"q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)", re.IGNORECASE)


def preferred_language(accept_language: str | None) -> Language:
    weights: dict[str, tuple[float, int]] = {}  # range -> (weight, position)
    for position, item in enumerate((accept_language or "").split(",")):
        parsed = _range_and_weight(item)
        if parsed is not None and parsed[0] not in weights:
            weights[parsed[0]] = (parsed[1], position)
    best: tuple[float, int, Language] | None = None
    for language in SPOKEN:
        weight, position = weights.get(language, weights.get("*", (0.0, 0)))
        if weight > 0 and (best is None or (weight, -position) > (best[0], -best[1])):
            best = (weight, position, language)
    return best[2] if best else DEFAULT


def _range_and_weight(item: str) -> tuple[str, float] | None:
    """The primary language of one range (``vi-VN`` -> ``vi``) and its weight; None when
    the range cannot be read (then it counts for nothing)."""
    tag, *parameters = (part.strip() for part in item.split(";"))
    if not re.fullmatch(r"\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*", tag):
        return None
    weight = 1.0
    for parameter in parameters:
        matched = _WEIGHT.fullmatch(parameter)
        if matched is None:
            return None
        weight = float(matched.group(1))
    return tag.split("-")[0].lower(), weight
