"""What the pages say, in Vietnamese first and in English: the interface's words (the
names of the services' codes are in ``labels``, dates and numbers in ``formats``).

Each area keeps its words in a module of its own (``common``, ``petitions``, ``sessions``,
``letters``, ``oversight``, ``follow``, ``review``); a new capability adds its module to
``AREAS``. A key is defined once: two areas naming the same key fail at import, not by one
silently winning.
"""

from __future__ import annotations

from types import ModuleType
from typing import Literal

from portal.words import common, follow, letters, oversight, petitions, review, sessions

Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = ("vi", "en")

AREAS: tuple[ModuleType, ...] = (common, petitions, sessions, letters, oversight, follow,
                                 review)


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
               "denouncer": "letter_denouncer", "to": "letter_forward_to",
               "receiver": "reception_receiver", "holder": "reception_holder",
               "received_by": "reception_received_by",
               "place": "reception_place", "citizens": "reception_citizens",
               "letter_ids": "reception_letters",
               "email": "follow_email", "language": "follow_language",
               "cadence": "follow_cadence", "follow_email": "follow_email",
               "follow_consent": "follow_consent",
               # oversight's forms (a field the service names, as the form labels it)
               "year": "year", "body": "supervising_body_field",
               "body_name": "body_name_field", "adopted_on": "adopted_on_field",
               "topic": "topic_field", "field": "policy_field", "units": "units_field",
               "window_start": "window_start_field", "window_end": "window_end_field",
               "draft_title": "draft_title_field", "drafting_agency": "drafting_agency_field",
               "drafting_unit": "drafting_unit_field", "participants": "participants_field",
               "held_on": "held_on_field", "content": "criticism_content_field",
               "document_number": "document_number_field", "sent_on": "sent_on_field",
               "uptake": "uptake_field", "reply": "reply_field",
               "replied_on": "replied_on_field", "law_title": "law_title_field",
               "opened_on": "opened_on_field", "source": "comment_source_field",
               "source_name": "source_name_field", "sent_to": "sent_to_field",
               "submitted_on": "submitted_on_field"}


def field_name(name: str, language: Language) -> str:
    """The label of a form field a service found invalid (its name in the request)."""
    key = FIELD_TEXTS.get(name, name)
    return text(key, language) if key in TEXTS else name
