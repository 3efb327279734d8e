"""One realistic example per sessions v1 integration event, every field filled.

Keyed by CloudEvents type; merged into ``contract_examples`` so that the contracts suite
has an example of every registered event.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from contracts.sessions.v1 import AgendaItem
from contracts.vocabulary import Agency, PolicyField

SESSION = UUID("5a0c8f3e-1d2b-4c6a-9e7f-3b4d5c6e7f80")
RESOLUTION = UUID("7d3e2f1a-0b9c-4d8e-a7f6-5e4d3c2b1a09")
DRAFT = UUID("2c4e6a8b-0d1f-4a3b-8c5d-7e9f1a2b3c4d")
QUESTION = UUID("8b7a6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d")
EXPLANATION = UUID("3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f")
MATTER = UUID("4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b")
RATING = UUID("6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d")
ENTRY = UUID("9c8b7a6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d")
OTHER_ENTRY = UUID("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")
RULE = {"rule_id": "session.resolution.pass_share",
        "legal_source": "Luật Tổ chức chính quyền địa phương 2015, Điều 91"}
DEADLINE = {"rule_id": "session.documents.before_opening",
            "legal_source": "Luật Ban hành văn bản quy phạm pháp luật (cũ)"}
COUNTS = {"yes": 45, "no": 2, "abstain": 1, "absent": 2, "total_deputies": 50}
TYPE = "vn.phoihop.sessions.{}.v1"

SESSIONS_EXAMPLES: dict[str, dict[str, Any]] = {
    TYPE.format("SessionPlanned"): {
        "session_id": SESSION, "number": 12, "term": "X, 2021–2026",
        "title": "Kỳ họp thứ 12 (chuyên đề)", "kind": "thematic",
        "planned_opening": date(2025, 7, 14), "planned_closing": date(2025, 7, 16),
        "place": "Hội trường HĐND tỉnh", "total_deputies": 50, "requested_by": "deputies",
        "requesting_deputies": 18,
    },
    TYPE.format("AgendaItemsRequested"): {
        "session_id": SESSION, "requested_from": Agency.UBND, "due_on": date(2025, 6, 10),
        "note": "Đề nghị UBND gửi danh mục tờ trình, dự thảo nghị quyết trình kỳ họp.",
    },
    TYPE.format("JointMeetingHeld"): {
        "session_id": SESSION, "held_on": date(2025, 6, 20),
        "attending": [Agency.HDND, Agency.UBND, Agency.MTTQ],
        "agreed_opening": date(2025, 7, 15), "agreed_closing": date(2025, 7, 17),
        "agenda": [AgendaItem(
            item_id=DRAFT, title="Dự thảo nghị quyết về bảng giá đất", kind="draft_resolution",
            prepared_by=Agency.UBND, preparing_unit="Sở Tài chính",
            vetting_committee="Ban Kinh tế - Ngân sách")],
    },
    TYPE.format("DocumentSubmitted"): {
        "session_id": SESSION, "document_id": DRAFT, "kind": "draft_resolution",
        "title": "Dự thảo nghị quyết về bảng giá đất", "field": PolicyField.LAND,
        "submitted_by": Agency.UBND, "submitting_unit": "Sở Tài chính",
        "submitted_on": date(2025, 7, 12), "due_on": date(2025, 7, 10), "on_time": False,
        **DEADLINE,
    },
    TYPE.format("DocumentSubmittedLate"): {
        "session_id": SESSION, "document_id": DRAFT,
        "title": "Dự thảo nghị quyết về bảng giá đất", "submitted_by": Agency.UBND,
        "submitted_on": date(2025, 7, 12), "due_on": date(2025, 7, 10), "days_late": 2,
        "opening_on": date(2025, 7, 15), **DEADLINE,
    },
    TYPE.format("VettingReported"): {
        "session_id": SESSION, "document_id": DRAFT, "committee": "Ban Kinh tế - Ngân sách",
        "reported_on": date(2025, 7, 13), "conclusion": "Đủ điều kiện trình kỳ họp.",
    },
    TYPE.format("SessionConvened"): {
        "session_id": SESSION, "opened_on": date(2025, 7, 15), "total_deputies": 50,
        "present": 48, "absent_deputies": ["Nguyễn Văn An", "Lê Thị Bình"],
    },
    TYPE.format("QuestionAsked"): {
        "session_id": SESSION, "question_id": QUESTION, "deputy": "Trần Thị Cúc",
        "question": "Vì sao dự án đường tỉnh 864 chậm tiến độ?", "official": "Lê Văn Dũng",
        "official_position": "Giám đốc Sở Xây dựng", "asked_on": date(2025, 7, 16),
    },
    TYPE.format("QuestionAnswered"): {
        "session_id": SESSION, "question_id": QUESTION, "official": "Lê Văn Dũng",
        "answer": "Vướng giải phóng mặt bằng ở hai xã; dự kiến xong quý IV/2025.",
        "answered_on": date(2025, 7, 16),
    },
    TYPE.format("ResolutionPassed"): {
        "session_id": SESSION, "resolution_id": RESOLUTION, "document_id": DRAFT,
        "number": "15/2025/NQ-HĐND", "title": "Nghị quyết về bảng giá đất",
        "field": PolicyField.LAND, "passed_on": date(2025, 7, 16), **COUNTS, **RULE,
    },
    TYPE.format("ResolutionRejected"): {
        "session_id": SESSION, "document_id": DRAFT, "title": "Dự thảo nghị quyết về phí",
        "field": PolicyField.ECONOMY, "voted_on": date(2025, 7, 16), "yes": 25, "no": 20,
        "abstain": 3, "absent": 2, "total_deputies": 50, **RULE,
    },
    TYPE.format("SessionClosed"): {
        "session_id": SESSION, "closed_on": date(2025, 7, 17), "resolutions_passed": 9,
        "drafts_rejected": 1, "questions_asked": 6,
    },
    TYPE.format("ResolutionGuidanceIssued"): {
        "resolution_id": RESOLUTION, "resolution_number": "15/2025/NQ-HĐND",
        "guidance_number": "2345/UBND-KT", "guidance_title": "Hướng dẫn thực hiện",
        "issued_on": date(2025, 8, 20), "issued_by": Agency.UBND,
        "issuing_unit": "Sở Tài chính", "passed_on": date(2025, 7, 16), "lag_days": 35,
        "first": True,
    },
    TYPE.format("ResolutionDeploymentConferenceHeld"): {
        "resolution_id": RESOLUTION, "resolution_number": "15/2025/NQ-HĐND",
        "held_on": date(2025, 8, 5), "place": "Hội trường UBND tỉnh", "lag_days": 20,
    },
    TYPE.format("ExplanationSessionHeld"): {
        "explanation_id": EXPLANATION, "topic": "Chậm giải ngân vốn đầu tư công",
        "field": PolicyField.ECONOMY, "held_on": date(2025, 9, 10),
        "explaining": ["Sở Tài chính", "Ban Quản lý dự án tỉnh"],
        "conclusions": "Đẩy nhanh giải ngân, báo cáo tiến độ hằng tháng.",
        "commitments": ["Giải ngân 95% kế hoạch vốn trong năm"],
    },
    TYPE.format("BetweenSessionMatterDecided"): {
        "matter_id": MATTER, "title": "Bổ sung dự toán chi phòng, chống thiên tai",
        "field": PolicyField.ECONOMY, "decided_on": date(2025, 5, 2),
        "decision_number": "45/NQ-TTHĐND", "summary": "Thống nhất bổ sung 20 tỷ đồng.",
    },
    TYPE.format("BetweenSessionMatterReported"): {
        "matter_id": MATTER, "session_id": SESSION, "reported_on": date(2025, 7, 15),
    },
    TYPE.format("ConfidenceRated"): {
        "rating_id": RATING, "session_id": SESSION, "official": "Phạm Văn Em",
        "position": "Phó Chủ tịch UBND tỉnh", "rated_on": date(2025, 7, 16), "high": 5,
        "confidence": 14, "low": 30, "total_deputies": 50, "outcome": "may_resign",
        "rule_id": "confidence.low_share.may_resign", "legal_source": "NQ 96/2023/QH15",
    },
    TYPE.format("ConfidenceVoteHeld"): {
        "rating_id": RATING, "official": "Phạm Văn Em", "voted_on": date(2025, 7, 17),
        "no_confidence": 20, "total_deputies": 50, "failed": False,
        "rule_id": "confidence.vote.no_confidence_share", "legal_source": "NQ 96/2023/QH15",
    },
    TYPE.format("OfficialResigned"): {
        "rating_id": RATING, "official": "Phạm Văn Em", "resigned_on": date(2025, 7, 18),
    },
    TYPE.format("MeetingScheduled"): {
        "entry_id": ENTRY, "organiser_kind": "ubnd", "organiser": "UBND tỉnh",
        "title": "Họp UBND tỉnh thường kỳ tháng 8",
        "starts_at": datetime(2025, 8, 5, 1, 0, tzinfo=UTC),
        "ends_at": datetime(2025, 8, 5, 5, 0, tzinfo=UTC), "place": "Phòng họp UBND tỉnh",
        "participants": ["Chủ tịch UBND tỉnh", "Giám đốc Sở Tài chính"],
    },
    TYPE.format("MeetingCancelled"): {"entry_id": ENTRY, "reason": "Dời sang buổi chiều"},
    TYPE.format("CalendarClashDetected"): {
        "entry_id": ENTRY, "other_entry_id": OTHER_ENTRY, "organiser": "UBND tỉnh",
        "other_organiser": "Thường trực HĐND", "overlap_start": datetime(2025, 8, 5, 3, tzinfo=UTC),
        "overlap_end": datetime(2025, 8, 5, 4, tzinfo=UTC), "same_body": False,
        "shared_participants": ["Chủ tịch UBND tỉnh"],
    },
}
