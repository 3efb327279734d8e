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
    "letter_extend": ("Gia hạn giải quyết tố cáo", "Extend the denunciation's limit"),
    "letter_extend_note": ("Vụ việc phức tạp: gia hạn 30 ngày, tối đa hai lần.",
                           "A complex case: 30 more days, at most twice."),
    "letter_extensions_made": ("đã gia hạn", "extensions so far"),
    "letter_extensions_count": ("Số lần gia hạn", "Extensions"),
    "letter_extend_reason": ("Lý do gia hạn", "Why it is extended"),
    "letter_extended_on": ("Ngày gia hạn", "Extended on"),
    "letter_extend_button": ("Gia hạn", "Extend"),
    "letter_decide": ("Quyết định giải quyết / kết luận nội dung tố cáo",
                      "The decision, or the denunciation's conclusion"),
    "letter_outcome": ("Nội dung quyết định hoặc kết luận", "The decision or conclusion"),
    "letter_decided_on": ("Ngày ban hành", "Issued on"),
    "letter_decide_button": ("Ghi nhận kết quả giải quyết", "Record the result"),
    "letter_withdraw": ("Rút khiếu nại", "Withdraw the complaint"),
    "letter_withdraw_note": ("Người khiếu nại rút đơn (Luật 136/2025, áp dụng với khiếu nại "
                             "nhận từ ngày 01/7/2026).",
                             "The complainant withdraws it (Law 136/2025, for complaints "
                             "received from 1 July 2026)."),
    "letter_withdraw_reason": ("Lý do rút khiếu nại", "Why it is withdrawn"),
    "letter_withdrawn_on": ("Ngày rút", "Withdrawn on"),
    "letter_withdraw_button": ("Ghi nhận rút khiếu nại", "Record the withdrawal"),
    "letter_appeal": ("Khiếu nại lần hai", "Second complaint"),
    "letter_appeal_note": (
        "Người khiếu nại không đồng ý với quyết định lần đầu, hoặc hết hạn mà chưa được giải "
        "quyết: đơn khiếu nại lần hai do cơ quan của bạn tiếp nhận (trong 30 ngày, vùng sâu "
        "vùng xa 45 ngày).",
        "The complainant disagrees with the first decision, or its limit passed without one: "
        "the second complaint is received by your body (within 30 days, remote areas 45)."),
    "letter_appeal_received_on": ("Ngày nhận đơn khiếu nại lần hai",
                                  "Second complaint received on"),
    "letter_appeal_summary": ("Nội dung khiếu nại lần hai", "What the second complaint says"),
    "letter_appeal_button": ("Tiếp nhận khiếu nại lần hai", "Record the second complaint"),
    "letter_is_appeal": ("Khiếu nại lần hai đối với đơn", "Second complaint against"),
    "letter_was_appealed": ("Đã có khiếu nại lần hai", "Appealed by"),
    "letter_limit_rule": ("Căn cứ", "Rule"),
    # citizen reception (tiếp công dân)
    "reception_nav": ("Tiếp công dân", "Citizen reception"),
    "reception_title": ("Tiếp công dân định kỳ", "Citizen reception days"),
    "reception_intro": (
        "Các buổi tiếp công dân của Chủ tịch UBND tỉnh, xã, Thường trực HĐND và đại biểu "
        "HĐND, và các kỳ chưa đủ số ngày tiếp theo quy định.",
        "The reception days of the provincial and commune chairs, the HĐND Standing "
        "Committee and deputies, and the periods short of the days the law asks."),
    "reception_missed": ("Các kỳ chưa đủ ngày tiếp công dân", "Periods short of reception days"),
    "reception_missed_note": (
        "Tỉnh: ít nhất 1 ngày mỗi tháng; xã: 1 ngày mỗi tuần; theo quy định có hiệu lực vào "
        "ngày đầu kỳ.", "Province: at least 1 day a month; commune: 1 a week; under the "
        "rule in force on the period's first day."),
    "reception_missed_none": ("Không có kỳ nào thiếu ngày tiếp công dân.",
                              "No period is short of reception days."),
    "reception_period": ("Kỳ", "Period"),
    "reception_days_held": ("Đã tiếp / quy định (ngày)", "Held / required (days)"),
    "reception_days": ("Các buổi tiếp đã ghi nhận", "Reception days recorded"),
    "reception_days_none": ("Chưa có buổi tiếp nào.", "No reception day yet."),
    "reception_online": ("Trực tuyến", "Online"),
    "reception_in_person": ("Trực tiếp", "In person"),
    "reception_citizens_unit": ("lượt công dân", "citizens"),
    "reception_letters_unit": ("đơn", "letters"),
    "reception_record": ("Ghi nhận buổi tiếp công dân", "Record a reception day"),
    "reception_receiver": ("Người có trách nhiệm tiếp", "Whose reception day"),
    "reception_holder": ("Xã hoặc đại biểu", "Commune or deputy"),
    "reception_holder_hint": ("Tên xã (với Chủ tịch UBND xã) hoặc họ tên đại biểu; bỏ trống "
                              "với cấp tỉnh.", "The commune (for a commune chair) or the "
                              "deputy's name; empty for the province's own."),
    "reception_held_on": ("Ngày tiếp", "Held on"),
    "reception_received_by": ("Người trực tiếp tiếp (họ tên, chức vụ)",
                              "Who received (name, office)"),
    "reception_online_pick": ("Tiếp trực tuyến", "Held online"),
    "reception_online_hint": ("Từ ngày 01/7/2026 (Luật 136/2025).",
                              "From 1 July 2026 (Law 136/2025)."),
    "reception_place": ("Địa điểm", "Place"),
    "reception_place_hint": ("Bắt buộc khi tiếp trực tiếp.", "Required when held in person."),
    "reception_citizens": ("Số lượt công dân được tiếp", "Citizens received"),
    "reception_letters": ("Đơn tiếp nhận tại buổi tiếp", "Letters received at it"),
    "reception_letters_none": ("Không có đơn nào tiếp nhận qua tiếp công dân trong 31 ngày "
                               "qua.", "No letter received at a reception in the last 31 "
                               "days."),
    "reception_record_button": ("Ghi nhận buổi tiếp", "Record the reception day"),
    "unavailable": ("Dịch vụ tạm thời không truy cập được", "A service is unreachable"),
    "not_found_page": ("Không tìm thấy trang", "Page not found"),
}
