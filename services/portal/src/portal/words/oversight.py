"""Oversight: programmes and topics, overlaps, recommendations followed to the end."""

from __future__ import annotations

# (vi, en) for each interface text, by key.
TEXTS: dict[str, tuple[str, str]] = {
    # oversight: programmes and topics, overlaps, recommendations followed to the end
    "oversight_nav": ("Giám sát", "Supervision"),
    "programmes_title": ("Chương trình giám sát", "Supervision programmes"),
    "programmes_none": ("Chưa có chương trình giám sát nào.", "No supervision programme yet."),
    "programme_adopted": ("Thông qua ngày", "Adopted on"),
    "topics": ("Chuyên đề", "Topics"),
    "topic": ("Chuyên đề", "Topic"),
    "units_visited": ("Nơi, đơn vị giám sát", "Units to visit"),
    "window": ("Thời gian dự kiến", "Planned window"),
    "overlaps_title": ("Trùng lặp chưa xử lý", "Open overlaps"),
    "overlaps_none": ("Không có trùng lặp nào chưa xử lý.", "No open overlap."),
    "overlap_between": ("Trùng giữa", "Overlap between"),
    "shared_units": ("Đơn vị trùng", "Units both would visit"),
    "topic_similarity": ("Chuyên đề giống nhau", "Similar topics"),
    "overlap_period": ("Thời gian trùng", "Overlapping period"),
    "overlap_resolution": ("Cách xử lý", "How to resolve it"),
    "overlap_reason": ("Lý do (bắt buộc khi chấp nhận)", "Reason (required to accept)"),
    "resolve_button": ("Lưu cách xử lý", "Save the resolution"),
    "overlap_reschedule_hint": ("Muốn dời thời gian: sửa thời gian của một trong hai chuyên đề "
                                "trong chương trình giám sát.",
                                "To reschedule, move one of the two topics in its programme."),
    "recommendations_title": ("Kiến nghị sau giám sát", "Recommendations after supervision"),
    "recommendations_none": ("Không có kiến nghị nào.", "No recommendation."),
    "overdue_only": ("Chỉ kiến nghị quá hạn", "Overdue only"),
    "all_recommendations": ("Tất cả kiến nghị", "All recommendations"),
    "addressee": ("Cơ quan, đơn vị nhận", "Addressed to"),
    "recommendation_due": ("Hạn báo cáo kết quả", "Due on"),
    "overdue_mark": ("Quá hạn", "Overdue"),
    "issued_by": ("Chủ thể giám sát", "Issued by"),
    "responses": ("Kết quả thực hiện đã báo cáo", "Answers given"),
    "answer_title": ("Trả lời kiến nghị", "Answer the recommendation"),
    "outcome": ("Kết quả", "Outcome"),
    "done": ("Đã làm gì", "What was done"),
    "answer_send": ("Gửi trả lời", "Send the answer"),
    "accept_button": ("Chấp nhận kết quả", "Accept the answer"),
    "reopen_title": ("Yêu cầu tiếp tục thực hiện", "Ask for more"),
    "reopen_reason": ("Lý do", "Reason"),
    "reopen_due": ("Hạn mới", "New due date"),
    "reopen_button": ("Yêu cầu tiếp tục", "Reopen"),
    "reopenings": ("Số lần yêu cầu tiếp tục", "Times reopened"),
}
