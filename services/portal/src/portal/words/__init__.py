"""What the pages say, in Vietnamese first and in English: the interface's words (the
names of the services' codes are in ``labels``, dates and numbers in ``formats``).

Each area keeps its words in a module of its own (``common``, ``petitions``, ``sessions``,
``letters``, ``oversight``, ``review``); a new capability adds its module to ``AREAS``. A key is
defined once: two areas naming the same key fail at import, not by one silently winning.
"""

from __future__ import annotations

from types import ModuleType
from typing import Literal

from portal.words import common, letters, oversight, petitions, review, sessions

Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = ("vi", "en")

AREAS: tuple[ModuleType, ...] = (common, petitions, sessions, letters, oversight, review)


def _all_texts(areas: tuple[ModuleType, ...]) -> dict[str, tuple[str, str]]:
    texts: dict[str, tuple[str, str]] = {}
    for area in areas:
        twice = texts.keys() & area.TEXTS.keys()
        if twice:
            raise ValueError(f"interface texts defined twice ({area.__name__}): {sorted(twice)}")
        texts.update(area.TEXTS)
    return texts


# (vi, en) for each interface text, by key.
TEXTS: dict[str, tuple[str, str]] = _all_texts(AREAS)

def text(key: str, language: Language) -> str:
    vi, en = TEXTS[key]
    return en if language == "en" else vi


FIELD_TEXTS = {"petition_ids": "consolidate_pick", "text": "text", "agenda": "agenda_lines",
               "document_id": "draft", "present": "present", "kind": "kind",
               "resolution": "overlap_resolution", "reason": "reopen_reason",
               "outcome": "outcome", "done": "done", "due_on": "reopen_due",
               "received_on": "letter_received_on", "summary": "letter_summary",
               "channel": "letter_channel", "sender_name": "letter_sender",
               "denouncer": "letter_denouncer", "to": "letter_forward_to"}


def field_name(name: str, language: Language) -> str:
    """The label of a form field a service found invalid (its name in the request)."""
    key = FIELD_TEXTS.get(name, name)
    return text(key, language) if key in TEXTS else name
