"""One realistic example per oversight v1 integration event, every field filled.

Keyed by CloudEvents type; merged into ``contract_examples`` so that the contracts suite
has an example of every registered event.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from contracts.oversight.v1 import PlannedTopic, ProgrammeTopic
from contracts.vocabulary import Agency, PolicyField

PROGRAMME = UUID("1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b")
MTTQ_PROGRAMME = UUID("2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d")
ITEM = UUID("3b4c5d6e-7f8a-4b9c-8d0e-2f3a4b5c6d7e")
MTTQ_ITEM = UUID("4c5d6e7f-8a9b-4c0d-9e1f-3a4b5c6d7e8f")
OVERLAP = UUID("5d6e7f8a-9b0c-4d1e-8f2a-4b5c6d7e8f9a")
TOPIC = {
    "item_id": ITEM, "topic": "Việc thực hiện chính sách hỗ trợ học sinh vùng khó khăn",
    "field": PolicyField.EDUCATION, "units": ["Sở Giáo dục và Đào tạo", "Xã Tân Phú"],
    "window_start": date(2026, 4, 1), "window_end": date(2026, 4, 30),
}
MTTQ_TOPIC = {
    "item_id": MTTQ_ITEM, "topic": "Chính sách hỗ trợ học sinh vùng khó khăn",
    "field": PolicyField.EDUCATION, "units": ["Xã Tân Phú"],
    "window_start": date(2026, 4, 15), "window_end": date(2026, 5, 15),
}
TYPE = "vn.phoihop.oversight.{}.v1"
CRITICISM = UUID("8a9b0c1d-2e3f-4a4b-9c5d-7e8f9a0b1c2d")
CONSULTATION = UUID("9b0c1d2e-3f4a-4b5c-8d6e-8f9a0b1c2d3e")
OBLIGATION_REPORT = {
    "report_id": UUID("a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d"),
    "obligation_id": "ubnd.socioeconomic.monthly",
    "title": "Báo cáo tình hình kinh tế - xã hội hằng tháng", "from_agency": Agency.UBND,
    "to_agencies": [Agency.HDND, Agency.MTTQ], "period_label": "2026-03",
    "period_start": date(2026, 3, 1), "period_end": date(2026, 3, 31),
    "due_on": date(2026, 4, 5),
}
DRAFT = "Dự thảo Nghị quyết quy định mức hỗ trợ học sinh vùng khó khăn"

OVERSIGHT_EXAMPLES: dict[str, dict[str, Any]] = {
    TYPE.format("SupervisionProgrammeAdopted"): {
        "programme_id": PROGRAMME, "year": 2026, "body": "committee",
        "body_name": "Ban Văn hóa - Xã hội", "adopted_on": date(2025, 12, 10),
        "topics": [ProgrammeTopic(**TOPIC)],
    },
    TYPE.format("SupervisionTopicAdded"): {
        "programme_id": PROGRAMME, "topic": ProgrammeTopic(**TOPIC),
    },
    TYPE.format("SupervisionTopicRescheduled"): {
        "programme_id": PROGRAMME, "item_id": ITEM, "topic": TOPIC["topic"],
        "window_start": date(2026, 6, 1), "window_end": date(2026, 6, 30),
        "previous_start": date(2026, 4, 1), "previous_end": date(2026, 4, 30),
        "reason": "Tránh trùng với đoàn giám sát của MTTQ tại xã Tân Phú",
    },
    TYPE.format("OverlapDetected"): {
        "overlap_id": OVERLAP,
        "first": PlannedTopic(programme_id=PROGRAMME, body="committee",
                              body_name="Ban Văn hóa - Xã hội", **TOPIC),
        "second": PlannedTopic(programme_id=MTTQ_PROGRAMME, body="mttq",
                               body_name="Ủy ban MTTQ Việt Nam", **MTTQ_TOPIC),
        "bodies": ["Ban Văn hóa - Xã hội", "Ủy ban MTTQ Việt Nam"],
        "topics": [TOPIC["topic"], MTTQ_TOPIC["topic"]],
        "shared_units": ["Xã Tân Phú"], "topic_similarity": 0.81,
        "period_start": date(2026, 4, 15), "period_end": date(2026, 4, 30),
    },
    TYPE.format("OverlapResolved"): {
        "overlap_id": OVERLAP, "resolution": "accepted",
        "reason": "Hai đoàn giám sát hai nội dung khác nhau tại xã",
    },
}

SUPERVISION = UUID("6e7f8a9b-0c1d-4e2f-9a3b-5c6d7e8f9a0b")
RECOMMENDATION = UUID("7f8a9b0c-1d2e-4f3a-8b4c-6d7e8f9a0b1c")
OVERSIGHT_EXAMPLES.update({
    TYPE.format("SupervisionConducted"): {
        "supervision_id": SUPERVISION, "programme_id": PROGRAMME, "item_id": ITEM,
        "body": "committee", "body_name": "Ban Văn hóa - Xã hội", "topic": TOPIC["topic"],
        "field": PolicyField.EDUCATION, "members": ["Nguyễn Thị Lan", "Trần Văn Minh"],
        "started_on": date(2026, 4, 6), "ended_on": date(2026, 4, 8),
        "units_visited": ["Sở Giáo dục và Đào tạo", "Trường THPT Tân Phú"],
    },
    TYPE.format("SupervisionReported"): {
        "supervision_id": SUPERVISION, "reported_on": date(2026, 4, 20),
        "findings": "Chi trả hỗ trợ học sinh chậm 3 tháng ở 2 trường.",
        "causes": "Hồ sơ xét duyệt kéo dài; kinh phí phân bổ muộn.",
        "responsibility": "Sở Giáo dục và Đào tạo; UBND xã Tân Phú.",
        "recommendation_ids": [RECOMMENDATION],
    },
    TYPE.format("RecommendationIssued"): {
        "recommendation_id": RECOMMENDATION, "supervision_id": SUPERVISION,
        "body": "committee", "body_name": "Ban Văn hóa - Xã hội", "topic": TOPIC["topic"],
        "addressee_agency": Agency.UBND, "addressee_unit": "Sở Giáo dục và Đào tạo",
        "action": "Chi trả dứt điểm tiền hỗ trợ còn nợ học sinh.",
        "issued_on": date(2026, 4, 20), "due_on": date(2026, 6, 19),
        "rule_id": "oversight.recommendation.response",
        "legal_source": "Luật 121/2025/QH15 (theo dõi sau giám sát)",
    },
    TYPE.format("RecommendationAnswered"): {
        "recommendation_id": RECOMMENDATION, "addressee_agency": Agency.UBND,
        "addressee_unit": "Sở Giáo dục và Đào tạo", "outcome": "partly",
        "done": "Đã chi trả cho 1 trong 2 trường.", "responded_on": date(2026, 6, 25),
        "due_on": date(2026, 6, 19), "on_time": False,
    },
    TYPE.format("RecommendationAccepted"): {
        "recommendation_id": RECOMMENDATION, "accepted_on": date(2026, 7, 1),
        "note": "Kết thúc theo dõi.",
    },
    TYPE.format("RecommendationReopened"): {
        "recommendation_id": RECOMMENDATION, "reopened_on": date(2026, 7, 1),
        "reason": "Còn một trường chưa được chi trả.", "due_on": date(2026, 8, 1),
        "addressee_agency": Agency.UBND, "addressee_unit": "Sở Giáo dục và Đào tạo",
        "body_name": "Thường trực HĐND", "topic": "Chính sách hỗ trợ học sinh",
        "action": "Chi trả dứt điểm cho học sinh",
    },
    TYPE.format("RecommendationReviewedAtSession"): {
        "recommendation_id": RECOMMENDATION,
        "session_id": UUID("b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"),
        "session_title": "Kỳ họp thứ 12", "reviewed_on": date(2026, 7, 15),
        "conclusion": "Tiếp tục theo dõi đến khi chi trả đủ.",
    },
    TYPE.format("PetitionAnswerOverdue"): {
        "petition_id": UUID("6e7f8a9b-0c1d-4e2f-9a3b-5c6d7e8f9a0b"), "agency": Agency.UBND,
        "unit": "Sở Giao thông vận tải", "forwarded_on": date(2026, 3, 2),
        "due_date": date(2026, 4, 1), "found_on": date(2026, 4, 2),
    },
    TYPE.format("ResolutionGuidanceOverdue"): {
        "resolution_id": UUID("7f8a9b0c-1d2e-4f3a-8b4c-6d7e8f9a0b1c"),
        "number": "15/2026/NQ-HĐND", "title": "Nghị quyết quy định mức hỗ trợ học sinh",
        "passed_on": date(2026, 7, 10), "guidance_due": date(2026, 8, 9),
        "rule_id": "oversight.resolution.guidance",
        "legal_source": "Mặc định của quy chế phối hợp, cần xác nhận",
        "found_on": date(2026, 8, 10),
    },
    TYPE.format("SocialCriticismDraftReceived"): {
        "criticism_id": CRITICISM, "draft_title": DRAFT, "drafting_agency": Agency.UBND,
        "drafting_unit": "Sở Giáo dục và Đào tạo", "received_on": date(2026, 3, 2),
    },
    TYPE.format("SocialCriticismConferenceHeld"): {
        "criticism_id": CRITICISM, "held_on": date(2026, 3, 12), "participants": 42,
        "summary": "Đề nghị làm rõ đối tượng được hỗ trợ.",
    },
    TYPE.format("SocialCriticismSent"): {
        "criticism_id": CRITICISM, "draft_title": DRAFT, "drafting_agency": Agency.UBND,
        "drafting_unit": "Sở Giáo dục và Đào tạo", "sent_on": date(2026, 3, 20),
        "document_number": "15/MTTQ-BTT", "content": "Đề nghị mở rộng đối tượng hỗ trợ.",
    },
    TYPE.format("SocialCriticismReplied"): {
        "criticism_id": CRITICISM, "replied_on": date(2026, 4, 2), "uptake": "partly",
        "reply": "Tiếp thu một phần; giải trình về nguồn kinh phí.",
    },
    TYPE.format("DraftLawConsultationOpened"): {
        "consultation_id": CONSULTATION, "law_title": "Dự thảo Luật Nhà giáo",
        "collector": Agency.DBQH, "opened_on": date(2026, 3, 2),
    },
    TYPE.format("DraftLawCommentsSent"): {
        "consultation_id": CONSULTATION, "law_title": "Dự thảo Luật Nhà giáo",
        "collector": Agency.DBQH, "sent_on": date(2026, 3, 30),
        "sent_to": "Ủy ban Văn hóa và Giáo dục của Quốc hội",
        "summary": "Cử tri đề nghị quy định rõ chế độ phụ cấp.", "comment_count": 12,
        "from_voters": 9, "from_groups": 3,
    },
    TYPE.format("ObligationReportSubmitted"): {
        **OBLIGATION_REPORT, "submitted_on": date(2026, 4, 7), "on_time": False,
        "summary": "Tình hình kinh tế - xã hội tháng 3 ổn định.", "document_number": "85/BC-UBND",
    },
    TYPE.format("ObligationReportOverdue"): {**OBLIGATION_REPORT, "found_on": date(2026, 4, 6)},
})
