"""Citizens' letters: reception, classification, acceptance, forwarding and limits."""

from __future__ import annotations

# (vi, en) for each interface text, by key.
TEXTS: dict[str, tuple[str, str]] = {
    # citizens' letters
    "letters_nav": ("Đơn thư", "Letters"),
    "letters_title": ("Đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh",
                      "Complaints, denunciations, petitions and reflections"),
    "letters_intro": ("Đơn thư cơ quan của bạn đang giữ, hạn xử lý hoặc giải quyết gần nhất "
                      "trước.", "The letters your body holds, the nearest limit first."),
    "letters_none": ("Không có đơn thư nào khớp.", "No letter matches."),
    "letters_filter": ("Lọc", "Filter"),
    "letter_kind": ("Loại đơn", "Kind"),
    "letter_status": ("Trạng thái", "State"),
    "letter_due_filter": ("Hạn", "Limit"),
    "letter_any": ("Tất cả", "All"),
    "letter_bad_filter": ("Bộ lọc không hợp lệ; hãy chọn trong danh sách.",
                          "A filter is not one of the choices; pick one from the list."),
    "letter_received_on": ("Ngày nhận đơn", "Received on"),
    "letter_summary": ("Tóm tắt nội dung đơn", "Summary of the letter"),
    "letter_channel": ("Hình thức tiếp nhận", "Received through"),
    "letter_sender": ("Người khiếu nại, kiến nghị, phản ánh", "Complainant or petitioner"),
    "letter_sender_hint": ("Không dùng cho đơn tố cáo: thông tin người tố cáo nhập ở phần "
                           "riêng bên dưới.", "Not for a denunciation: the denouncer has "
                           "the section of their own below."),
    "letter_denouncer": ("Người tố cáo (chỉ với đơn tố cáo)", "Denouncer (denunciations only)"),
    "letter_denouncer_note": (
        "Thông tin người tố cáo được mã hóa và lưu riêng, được giữ bí mật theo Luật Tố cáo; "
        "sau khi ghi nhận, cổng không bao giờ hiển thị lại. Bỏ trống nếu đơn nặc danh.",
        "The denouncer's identity is encrypted and kept apart, confidential under the Law "
        "on Denunciations; once recorded, the portal never shows it again. Leave it empty "
        "for an anonymous letter."),
    "letter_denouncer_again": (
        "Để giữ bí mật, thông tin người tố cáo đã nhập không được hiển thị lại: xin nhập lại.",
        "To keep it confidential, the denouncer's identity typed is not shown again: please "
        "type it again."),
    "denouncer_name": ("Họ và tên người tố cáo", "Denouncer's full name"),
    "denouncer_identity_number": ("Số CCCD/CMND", "Identity number"),
    "denouncer_address": ("Địa chỉ", "Address"),
    "denouncer_phone": ("Số điện thoại", "Phone"),
    "denouncer_email": ("Thư điện tử", "E-mail"),
    "letter_remote": ("Vùng sâu, vùng xa", "Remote area"),
    "letter_complex": ("Vụ việc phức tạp", "Complex case"),
    "letter_several_places": ("Xác minh tại nhiều địa điểm", "Verified in several places"),
    "letter_record": ("Tiếp nhận đơn", "Record a letter"),
    "letter_record_button": ("Ghi nhận đơn", "Record the letter"),
    "letter_in_vault": ("Có thông tin người tố cáo (được giữ bí mật, không hiển thị)",
                        "The denouncer is on record (kept confidential, never shown)"),
    "letter_anonymous": ("Đơn nặc danh: không thụ lý như tố cáo, được dùng làm thông tin.",
                         "Anonymous: not accepted as a denunciation, kept as information."),
    "letter_reveal_note": (
        "Chỉ lãnh đạo cơ quan giải quyết tố cáo mới được xem người tố cáo, qua giao diện "
        "lập trình của dịch vụ đơn thư; mỗi lần xem đều được ghi lại. Cổng không có trang này.",
        "Only the leader of the body resolving the denunciation may see the denouncer, "
        "through the letters service's API; every look is recorded. The portal has no such "
        "page."),
    "letter_handling_due": ("Hạn xử lý đơn (thụ lý, chuyển, hướng dẫn)",
                            "Handling due (accept, forward, guide)"),
    "letter_resolve_due": ("Hạn giải quyết", "Resolution due"),
    "letter_notify_due": ("Hạn thông báo cho người tố cáo", "Denouncer to be notified by"),
    "letter_handler": ("Cơ quan đang giữ đơn", "Held by"),
    "letter_repeats": ("Đơn trùng nội dung đã có", "Earlier letters on the same matter"),
    "letter_guidance": ("Hướng dẫn đã gửi", "Guidance sent"),
    "letter_accept": ("Thụ lý", "Accept"),
    "letter_accept_button": ("Thụ lý đơn", "Accept the letter"),
    "letter_accepted_on": ("Ngày thụ lý", "Accepted on"),
    "letter_forward": ("Chuyển đơn đến cơ quan có thẩm quyền", "Forward to the competent body"),
    "letter_forward_to": ("Cơ quan có thẩm quyền", "Competent body"),
    "letter_forward_button": ("Chuyển đơn", "Forward"),
    "letter_guide": ("Hướng dẫn người viết đơn", "Guide the sender"),
    "letter_guide_button": ("Gửi hướng dẫn", "Send the guidance"),
    "letter_reason": ("Lý do", "Reason"),
    "letter_guide_reason": ("Hướng dẫn và lý do (gửi người viết đơn)",
                            "Guidance and reason (sent to the sender)"),
    "letter_day_hint": ("Bỏ trống: hôm nay.", "Empty: today."),
    "letter_limit_rule": ("Căn cứ", "Rule"),
    "unavailable": ("Dịch vụ tạm thời không truy cập được", "A service is unreachable"),
    "not_found_page": ("Không tìm thấy trang", "Page not found"),
}
