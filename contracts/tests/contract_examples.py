"""One realistic example per integration event, every field filled (hypothesis is not installed).

Keyed by CloudEvents type, so a v2 of an event needs an example of its own; a test fails for
any registered event without one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from uuid import UUID

from letters_contract_examples import LETTERS_EXAMPLES
from oversight_contract_examples import OVERSIGHT_EXAMPLES
from sessions_contract_examples import SESSIONS_EXAMPLES

from contracts import IntegrationEvent
from contracts.petitions.v1 import PetitionSource
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus

VIETNAM = timezone(timedelta(hours=7))
JURISDICTION = "tien-giang"
SEQUENCE = 4_217
AT = datetime(2025, 11, 21, 3, 15, 42, 123_456, tzinfo=UTC)
TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

MEETING = UUID("6f1c2a52-8d7e-4c0b-9a51-2f3e4d5c6b7a")
PETITION = UUID("0b6d9e1f-3a2c-4f5e-8d7c-1a2b3c4d5e6f")
OTHER_PETITION = UUID("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b")
CONSOLIDATED = UUID("c4a1f0d2-7b3e-4d6a-9f8c-5e2d1b0a3c9f")
DEPUTIES = ["Nguyễn Thị Thu Hà", "Trần Văn Hùng"]
ROAD = (
    "Đề nghị sớm nâng cấp đường tỉnh 864 đoạn qua ấp Bình Hòa; mùa mưa ngập sâu, "
    "học sinh đi lại rất khó khăn."
)
ANSWER = (
    "Sở Xây dựng đã đưa tuyến đường vào kế hoạch đầu tư công trung hạn 2026–2030, "
    "dự kiến khởi công quý II/2026."
)

_EXAMPLES: dict[str, dict[str, Any]] = {
    "vn.phoihop.petitions.VoterContactMeetingPlanned.v1": {
        "meeting_id": MEETING,
        "title": "Tiếp xúc cử tri trước kỳ họp thứ 10 HĐND tỉnh khóa X",
        "scheduled_on": date(2025, 11, 20),
        "place": "Hội trường UBND xã Tân Phú Đông",
        "commune": "Tân Phú Đông",
        "deputies": DEPUTIES,
        "organised_by": Agency.MTTQ,
    },
    "vn.phoihop.petitions.VoterContactMeetingHeld.v1": {
        "meeting_id": MEETING,
        "held_on": date(2025, 11, 20),
        "place": "Hội trường UBND xã Tân Phú Đông",
        "commune": "Tân Phú Đông",
        "attendance": 142,
        "deputies": DEPUTIES,
    },
    "vn.phoihop.petitions.PetitionRecorded.v1": {
        "petition_id": PETITION,
        "text": ROAD,
        "meeting_id": MEETING,
        "commune": "Tân Phú Đông",
        "channel": "meeting",
        "deputy": "Trần Văn Hùng",
        "recorded_at": datetime(2025, 11, 20, 9, 45, tzinfo=VIETNAM),
    },
    "vn.phoihop.petitions.PetitionsConsolidated.v1": {
        "petition_id": CONSOLIDATED,
        "merged_petition_ids": [PETITION, OTHER_PETITION],
        "text": ROAD,
        "sources": [
            PetitionSource(petition_id=PETITION, meeting_id=MEETING, commune="Tân Phú Đông"),
            PetitionSource(petition_id=OTHER_PETITION, meeting_id=None, commune="Gò Công"),
        ],
        "meeting_count": 1,
        "commune_count": 2,
    },
    "vn.phoihop.petitions.PetitionConsolidationSplit.v1": {
        "petition_id": CONSOLIDATED,
        "restored_petition_ids": [PETITION, OTHER_PETITION],
        "reason": "Hai kiến nghị nói về hai tuyến đường khác nhau, không trùng lặp.",
    },
    "vn.phoihop.petitions.PetitionClassified.v1": {
        "petition_id": PETITION,
        "field": PolicyField.TRANSPORT,
        "level": JurisdictionLevel.PROVINCE,
        "competent_agency": Agency.UBND,
        "competent_unit": "Sở Xây dựng",
        "committee": "Ban Kinh tế - Ngân sách HĐND tỉnh",
    },
    "vn.phoihop.petitions.PetitionForwarded.v1": {
        "petition_id": PETITION,
        "text": ROAD,
        "to_agency": Agency.UBND,
        "to_unit": "Sở Xây dựng",
        "level": JurisdictionLevel.PROVINCE,
        "forwarded_on": date(2025, 11, 28),
        "due_date": date(2025, 12, 28),
        "rule_id": "petition-answer-local",
        "legal_source": "Quy chế phối hợp của tỉnh (mặc định 30 ngày)",
        "reforwarded": True,
        "reason": "Thuộc thẩm quyền cấp tỉnh, không phải UBND xã Tân Phú Đông.",
    },
    "vn.phoihop.petitions.PetitionAnswered.v1": {
        "petition_id": PETITION,
        "agency": Agency.UBND,
        "unit": "Sở Xây dựng",
        "answer": ANSWER,
        "answered_on": date(2025, 12, 19),
        "due_date": date(2025, 12, 28),
        "on_time": True,
    },
    "vn.phoihop.petitions.PetitionAnswerPublished.v1": {
        "petition_id": PETITION,
        "text": ROAD,
        "answer": ANSWER,
        "answered_by": Agency.UBND,
        "published_on": date(2026, 1, 5),
        "communes": ["Tân Phú Đông", "Gò Công"],
    },
    "vn.phoihop.petitions.PetitionResolutionUpdated.v1": {
        "petition_id": PETITION,
        "status": ResolutionStatus.IN_PROGRESS,
        "roadmap_date": date(2026, 6, 30),
        "note": "Đã bố trí vốn, đang lập hồ sơ thiết kế.",
        "updated_on": date(2026, 3, 2),
    },
}


_EXAMPLES.update(SESSIONS_EXAMPLES)
_EXAMPLES.update(OVERSIGHT_EXAMPLES)
_EXAMPLES.update(LETTERS_EXAMPLES)


# Every event may say the day its act happened and when it was recorded (optional, on the
# base class): recorded a week after the day, typed in Vietnam's afternoon.
OCCURRED = {"occurred_on": date(2025, 11, 14),
            "recorded_at": datetime(2025, 11, 21, 14, 5, 0, tzinfo=VIETNAM)}


def example_fields(model: type[IntegrationEvent]) -> dict[str, Any]:
    """Every field of ``model`` with a realistic value; KeyError names a missing example."""
    try:
        return OCCURRED | dict(_EXAMPLES[model.cloudevent_type()])
    except KeyError:
        raise KeyError(
            f"no example for {model.cloudevent_type()}: add one to contracts/tests/"
            "contract_examples.py"
        ) from None


def full_example(model: type[IntegrationEvent]) -> IntegrationEvent:
    return model(**example_fields(model))


def minimal_example(model: type[IntegrationEvent]) -> IntegrationEvent:
    """Only the required fields: what an older producer, or one that omits options, sends."""
    required = {name for name, field in model.model_fields.items() if field.is_required()}
    return model(**{k: v for k, v in example_fields(model).items() if k in required})


def subject_of(event: IntegrationEvent) -> str:
    """The CloudEvents ``subject``: the id of the aggregate the event is about."""
    aggregate_ids = ("petition_id", "meeting_id", "rating_id", "matter_id", "explanation_id",
                     "entry_id", "session_id", "resolution_id", "programme_id", "overlap_id",
                     "supervision_id", "recommendation_id", "letter_id", "reception_id",
                     "finding_id", "criticism_id", "consultation_id", "report_id")
    for name in aggregate_ids:
        if (value := getattr(event, name, None)) is not None:
            return str(value)
    raise AssertionError(f"{type(event).__name__}: say which field is its aggregate id")
