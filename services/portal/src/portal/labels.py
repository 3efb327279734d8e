"""The names of the services' codes (statuses, agencies, fields, event types), in
Vietnamese and English. A clerk reads words, not codes: every code a service returns is
shown through ``label``; a code not listed here is shown as it is rather than breaking
the page."""

from __future__ import annotations

from contracts.vocabulary import AGENCY_NAMES, POLICY_FIELD_NAMES
from portal.words import Language

LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "agency": {agency.value: names for agency, names in AGENCY_NAMES.items()},
    "role": {
        "staff": ("Chuyên viên", "Staff"),
        "deputy": ("Đại biểu", "Deputy"),
        "leader": ("Lãnh đạo", "Leader"),
        "admin": ("Quản trị", "Administrator"),
        "system": ("Hệ thống", "System"),
    },
    "status": {
        "recorded": ("Đã ghi nhận", "Recorded"),
        "consolidated": ("Đã tổng hợp vào kiến nghị khác", "Merged into another"),
        "classified": ("Đã phân loại", "Classified"),
        "forwarded": ("Đã chuyển, chờ trả lời", "Forwarded, awaiting answer"),
        "answered": ("Đã trả lời", "Answered"),
        "published": ("Đã thông báo kết quả", "Answer published"),
        "withdrawn": ("Đã tách lại", "Split again"),
    },
    "channel": {
        "meeting": ("Hội nghị tiếp xúc cử tri", "Voter-contact meeting"),
        "deputy": ("Qua đại biểu", "Through a deputy"),
        "mail": ("Qua thư", "By letter"),
        "online": ("Trực tuyến", "Online"),
        "reception": ("Tiếp công dân", "Citizen reception"),
    },
    "field": {field.value: names for field, names in POLICY_FIELD_NAMES.items()},
    "level": {
        "central": ("Trung ương", "Central"),
        "province": ("Tỉnh", "Province"),
        "district": ("Huyện (trước 1/7/2025)", "District (before 1 July 2025)"),
        "commune": ("Xã, phường", "Commune"),
    },
    "record_kind": {  # what a review figure's record is (the review's "kind")
        "petition": ("Kiến nghị", "Petition"),
        "session": ("Kỳ họp", "Session"),
        "resolution": ("Nghị quyết", "Resolution"),
        "voter_contact": ("Hội nghị TXCT", "Voter-contact meeting"),
        "letter": ("Đơn thư", "Letter"),
        "topic": ("Chuyên đề giám sát", "Supervision topic"),
        "programme": ("Chương trình giám sát", "Supervision programme"),
        "recommendation": ("Kiến nghị sau giám sát", "Recommendation"),
        "overlap": ("Trùng lặp giám sát", "Overlap"),
        "document": ("Tài liệu kỳ họp", "Session document"),
        "notification": ("Thông báo", "Notification"),
    },
    "session_kind": {
        "regular": ("Thường lệ", "Regular"),
        "thematic": ("Chuyên đề", "Thematic"),
    },
    "session_status": {
        "planned": ("Đang chuẩn bị", "Being prepared"),
        "convened": ("Đã khai mạc", "In session"),
        "closed": ("Đã bế mạc", "Closed"),
    },
    "document_kind": {
        "submission": ("Tờ trình", "Submission"),
        "report": ("Báo cáo", "Report"),
        "scheme": ("Đề án", "Scheme"),
        "draft_resolution": ("Dự thảo nghị quyết", "Draft resolution"),
    },
    "organiser_kind": {
        "standing_committee": ("Thường trực HĐND", "HĐND Standing Committee"),
        "committee": ("Ban HĐND", "HĐND committee"),
        "ubnd": ("UBND tỉnh", "People's Committee"),
    },
    # oversight: who supervises, how an overlap was resolved, how far a recommendation is
    "supervising_body": {
        "standing_committee": ("Thường trực HĐND", "HĐND Standing Committee"),
        "committee": ("Ban HĐND", "HĐND committee"),
        "deputy_group": ("Tổ đại biểu HĐND", "HĐND deputy group"),
        "mttq": ("Ủy ban MTTQ Việt Nam tỉnh", "Fatherland Front"),
    },
    "overlap_resolution": {
        "joint": ("Giám sát liên tịch", "Joint supervision"),
        "rescheduled": ("Dời thời gian", "Rescheduled"),
        "accepted": ("Chấp nhận có lý do", "Accepted for a reason"),
    },
    "follow_up": {
        "open": ("Chờ trả lời", "Awaiting an answer"),
        "answered": ("Đã trả lời, chờ xem xét", "Answered, awaiting review"),
        "accepted": ("Đã chấp nhận, kết thúc theo dõi", "Accepted, follow-up ended"),
    },
    "outcome": {
        "implemented": ("Đã thực hiện", "Implemented"),
        "partly": ("Thực hiện một phần", "Partly implemented"),
        "not_yet": ("Chưa thực hiện", "Not yet implemented"),
    },
    # social criticism, draft-law comments, two-way reporting
    "criticism_stage": {
        "received": ("Đã nhận dự thảo", "Draft received"),
        "conference_held": ("Đã tổ chức hội nghị phản biện", "Conference held"),
        "sent": ("Đã gửi văn bản phản biện, chờ phản hồi", "Criticism sent, awaiting reply"),
        "replied": ("Cơ quan soạn thảo đã phản hồi", "Drafting body replied"),
    },
    "uptake": {
        "taken_in": ("Tiếp thu", "Taken in"),
        "partly": ("Tiếp thu một phần", "Partly taken in"),
        "explained": ("Giải trình, không tiếp thu", "Explained, not taken in"),
    },
    "comment_source": {
        "voter": ("Cử tri", "Voter"),
        "group": ("Tổ chức, đoàn thể, hội nghị", "Group or conference"),
    },
    "report_status": {
        "on_time": ("Đã nộp đúng hạn", "Submitted on time"),
        "late": ("Đã nộp trễ hạn", "Submitted late"),
        "overdue": ("Quá hạn, chưa nộp", "Overdue, not submitted"),
        "due": ("Chưa đến hạn", "Not yet due"),
    },
    "frequency": {
        "monthly": ("Hằng tháng", "Monthly"),
        "quarterly": ("Hằng quý", "Quarterly"),
        "half_yearly": ("6 tháng", "Six-monthly"),
        "yearly": ("Hằng năm", "Yearly"),
        "thematic": ("Chuyên đề", "Thematic"),
    },
    # the petition's stored events, as the timeline shows them
    "event": {
        "Recorded": ("Ghi nhận kiến nghị", "Recorded"),
        "Consolidated": ("Tổng hợp từ các kiến nghị trùng", "Consolidated from duplicates"),
        "MergedInto": ("Được tổng hợp vào kiến nghị khác", "Merged into another"),
        "Classified": ("Phân loại", "Classified"),
        "Forwarded": ("Chuyển cơ quan có thẩm quyền", "Forwarded"),
        "Reforwarded": ("Chuyển lại", "Re-forwarded"),
        "Answered": ("Trả lời", "Answered"),
        "AnswerPublished": ("Thông báo kết quả cho cử tri", "Answer published"),
        "ResolutionUpdated": ("Cập nhật kết quả giải quyết", "Resolution updated"),
        "Split": ("Tách kiến nghị đã tổng hợp", "Split"),
        "Restored": ("Khôi phục sau khi tách", "Restored after a split"),
        # sessions and resolutions
        "Planned": ("Lập kế hoạch kỳ họp", "Session planned"),
        "AgendaItemsRequested": ("Đề nghị nội dung chương trình", "Agenda items requested"),
        "AgendaItemProposed": ("Đề xuất nội dung chương trình", "Agenda item proposed"),
        "JointMeetingHeld": ("Họp liên tịch", "Joint meeting held"),
        "JointMeetingConfirmed": ("Xác nhận kết quả họp liên tịch", "Joint meeting confirmed"),
        "DocumentSubmitted": ("Gửi tài liệu", "Document submitted"),
        "DocumentSubmittedLate": ("Gửi tài liệu muộn", "Document submitted late"),
        "VettingReported": ("Báo cáo thẩm tra", "Vetting report"),
        "Convened": ("Khai mạc", "Convened"),
        "QuestionAsked": ("Chất vấn", "Question asked"),
        "QuestionAnswered": ("Trả lời chất vấn", "Question answered"),
        "QuestionFollowedUp": ("Chất vấn lại", "Follow-up question"),
        "ResolutionPassed": ("Thông qua nghị quyết", "Resolution passed"),
        "ResolutionRejected": ("Không thông qua dự thảo", "Draft rejected"),
        "Closed": ("Bế mạc", "Closed"),
        "Adopted": ("Thông qua nghị quyết", "Resolution adopted"),
        "GuidanceIssued": ("Ban hành văn bản hướng dẫn", "Guidance issued"),
        "DeploymentConferenceHeld": ("Hội nghị triển khai", "Deployment conference held"),
        # citizens' letters
        "Received": ("Tiếp nhận đơn", "Letter received"),
        "RepeatFlagged": ("Phát hiện đơn trùng", "Repeat letter flagged"),
        "Accepted": ("Thụ lý", "Accepted"),
        "DenouncerNotified": ("Thông báo cho người tố cáo", "Denouncer notified"),
        "Guided": ("Hướng dẫn người viết đơn", "Sender guided"),
        "Extended": ("Gia hạn giải quyết", "Extended"),
        "Decided": ("Quyết định giải quyết / kết luận", "Decided"),
        "Appealed": ("Khiếu nại lần hai", "Second complaint"),
        "Withdrawn": ("Rút khiếu nại", "Complaint withdrawn"),
        "ReceptionHeld": ("Tiếp công dân", "Citizen reception held"),
    },
    "letter_kind": {
        "complaint": ("Khiếu nại", "Complaint"),
        "denunciation": ("Tố cáo", "Denunciation"),
        "petition": ("Kiến nghị", "Petition"),
        "reflection": ("Phản ánh", "Reflection"),
        "information": ("Tố cáo nặc danh (thông tin)", "Anonymous denunciation (information)"),
    },
    "letter_status": {
        "received": ("Đã tiếp nhận, chờ xử lý", "Received, awaiting handling"),
        "accepted": ("Đã thụ lý, đang giải quyết", "Accepted, being resolved"),
        "forwarded": ("Đã chuyển cơ quan có thẩm quyền", "Forwarded to the competent body"),
        "guided": ("Đã hướng dẫn người viết đơn", "Sender guided elsewhere"),
        "decided": ("Đã giải quyết", "Decided"),
        "withdrawn": ("Đã rút khiếu nại", "Withdrawn"),
        "filed": ("Lưu đơn (thông tin)", "Filed as information"),
    },
    "letter_due": {
        "sap-den-han": ("Sắp đến hạn (trong 5 ngày)", "Due within 5 days"),
        "qua-han": ("Quá hạn", "Overdue"),
    },
    "reception_receiver": {
        "ubnd_chair_province": ("Chủ tịch UBND tỉnh",
                                "Chair of the provincial People's Committee"),
        "ubnd_chair_commune": ("Chủ tịch UBND xã", "Chair of a commune People's Committee"),
        "hdnd_standing_committee": ("Thường trực HĐND tỉnh",
                                    "Standing Committee of the People's Council"),
        "hdnd_deputy": ("Đại biểu HĐND", "People's Council deputy"),
    },
    "letter_channel": {
        "reception": ("Tiếp công dân", "Citizen reception"),
        "mail": ("Bưu chính, gửi trực tiếp", "By post or by hand"),
        "online": ("Tiếp công dân trực tuyến (từ 01/7/2026)", "Online (from 1 July 2026)"),
    },
}

SUGGESTED_UNITS = ("Sở Xây dựng", "Sở Giáo dục và Đào tạo", "Sở Y tế",
                   "Sở Nông nghiệp và Môi trường", "Sở Tài chính", "Công an tỉnh")


def label(kind: str, code: object, language: Language) -> str:
    """The words for a service's code; the code itself if it has none here."""
    if code is None:
        return ""
    words = LABELS.get(kind, {}).get(str(code))
    if words is None:
        return str(code)
    return words[1] if language == "en" else words[0]
