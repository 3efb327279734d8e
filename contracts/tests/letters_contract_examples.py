"""One realistic example per letters v1 integration event, every field filled.

Keyed by CloudEvents type; merged into ``contract_examples`` so that the contracts suite
has an example of every registered event.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from contracts.vocabulary import Agency

LETTER = UUID("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f")
EARLIER = UUID("2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a")
SECOND = UUID("3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b")
RECEPTION = UUID("4f5a6b7c-8d9e-4f0a-9b1c-2d3e4f5a6b7c")
FINDING = UUID("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d")
COMMUNE_DUTY = "Luật Tiếp công dân 2013, Điều 12, sửa đổi bởi Luật 136/2025/QH15"
TYPE = "vn.phoihop.letters.{}.v1"
RESOLVE = {"rule_id": "denunciation.resolve", "legal_source": "Luật Tố cáo 2018, Điều 30"}

LETTERS_EXAMPLES: dict[str, dict[str, Any]] = {
    TYPE.format("LetterReceived"): {
        "letter_id": LETTER, "kind": "denunciation", "treated_as": "denunciation",
        "channel": "reception", "received_on": date(2026, 4, 28), "handler": Agency.UBND,
        "instance": 1, "appeal_of": None, "handling_due_on": date(2026, 5, 11),
        "rule_id": "denunciation.initial_handling",
        "legal_source": "Luật Tố cáo 2018, Điều 29",
    },
    TYPE.format("LetterRepeatFlagged"): {"letter_id": LETTER, "similar_to": [EARLIER]},
    TYPE.format("LetterAccepted"): {
        "letter_id": LETTER, "handler": Agency.UBND, "accepted_on": date(2026, 5, 4),
        "on_time": True, "due_on": date(2026, 6, 3), **RESOLVE,
        "notify_due_on": date(2026, 5, 11),
    },
    TYPE.format("LetterForwarded"): {
        "letter_id": LETTER, "handler": Agency.HDND, "forwarded_on": date(2026, 4, 30),
        "due_on": date(2026, 5, 6), "on_time": True, "handling_due_on": date(2026, 5, 13),
        "rule_id": "letter.forward_outside_competence",
        "legal_source": "Luật Tố cáo 2018, Điều 24",
    },
    TYPE.format("LetterGuided"): {"letter_id": LETTER, "handler": Agency.UBND,
                                  "guided_on": date(2026, 5, 4)},
    TYPE.format("LetterExtended"): {
        "letter_id": LETTER, "handler": Agency.UBND, "number": 1, "due_on": date(2026, 7, 3),
        "rule_id": "denunciation.extension", "legal_source": "Luật Tố cáo 2018, Điều 30",
    },
    TYPE.format("LetterDecided"): {"letter_id": LETTER, "handler": Agency.UBND,
                                   "decided_on": date(2026, 6, 30), "on_time": True},
    TYPE.format("LetterAppealed"): {"letter_id": LETTER, "second_letter_id": SECOND,
                                    "appealed_on": date(2026, 7, 20)},
    TYPE.format("ComplaintWithdrawn"): {"letter_id": LETTER, "handler": Agency.UBND,
                                        "withdrawn_on": date(2026, 8, 3)},
    TYPE.format("DenouncerNotified"): {"letter_id": LETTER, "handler": Agency.UBND,
                                       "notified_on": date(2026, 5, 6), "on_time": True},
    TYPE.format("CitizenReceptionHeld"): {
        "reception_id": RECEPTION, "receiver": "ubnd_chair_commune", "holder": "Xã Vĩnh Kim",
        "held_on": date(2026, 7, 7), "online": True, "citizens": 6, "letters": 2,
        "rule_id": "reception.ubnd_chair.commune", "legal_source": COMMUNE_DUTY,
    },
    TYPE.format("ReceptionObligationMissed"): {
        "finding_id": FINDING, "receiver": "ubnd_chair_commune", "holder": "Xã Vĩnh Kim",
        "agency": Agency.UBND, "period_start": date(2026, 7, 13),
        "period_end": date(2026, 7, 19), "required_days": 1, "held_days": 0,
        "found_on": date(2026, 7, 20), "rule_id": "reception.ubnd_chair.commune",
        "legal_source": COMMUNE_DUTY,
    },
}
