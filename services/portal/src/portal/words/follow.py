"""Following by e-mail without an account: the form on a petition's, a resolution's and a
session's page, the confirmation and unsubscribe pages, how often, and the clerk's offer
at a meeting."""

from __future__ import annotations

# (vi, en) for each interface text, by key.
TEXTS: dict[str, tuple[str, str]] = {
    "follow_title": ("Nhận tin qua thư điện tử", "Get news by e-mail"),
    "follow_intro": (
        "Nhập địa chỉ thư điện tử để được báo mỗi khi nội dung này có tiến triển: chuyển "
        "đến cơ quan nào, hạn trả lời, trả lời, công bố. Không cần tài khoản. Chúng tôi gửi "
        "một thư xác nhận trước; không xác nhận thì không gửi gì thêm.",
        "Give an e-mail address to be told when this moves on: where it was forwarded, the "
        "due date, the answer, its publication. No account needed. A confirmation is sent "
        "first; nothing more is sent until it is used."),
    "follow_email": ("Địa chỉ thư điện tử", "E-mail address"),
    "follow_language": ("Ngôn ngữ của thư", "Language of the e-mails"),
    "follow_language_vi": ("Tiếng Việt", "Vietnamese"),
    "follow_language_en": ("Tiếng Anh trước, rồi tiếng Việt", "English first, then Vietnamese"),
    "follow_button": ("Theo dõi", "Follow"),
    "follow_privacy": (
        "Địa chỉ của bạn được mã hóa, chỉ dùng để gửi tin này, và bạn có thể xóa hẳn bất cứ "
        "lúc nào bằng đường dẫn trong thư.",
        "Your address is encrypted, used only to send this news, and you can erase it for "
        "good at any time from the link in the e-mails."),
    "follow_sent_title": ("Hãy kiểm tra hộp thư của bạn", "Check your mailbox"),
    "follow_sent": (
        "Nếu địa chỉ đúng, một thư xác nhận vừa được gửi đến đó. Hãy mở đường dẫn trong thư "
        "để bắt đầu nhận tin.",
        "If the address is right, a confirmation was just sent to it. Open the link in it to "
        "start receiving news."),
    "follow_back": ("Quay lại trang đang theo dõi", "Back to what you follow"),
    "follow_confirm_title": ("Xác nhận theo dõi", "Confirm following"),
    "follow_confirm_intro": ("Bấm nút dưới đây để xác nhận bạn muốn nhận tin qua thư điện tử.",
                             "Press the button to confirm that you want news by e-mail."),
    "follow_confirm_button": ("Xác nhận", "Confirm"),
    "follow_confirmed_title": ("Đã xác nhận", "Confirmed"),
    "follow_confirmed": ("Từ nay bạn sẽ nhận tin qua thư điện tử. Mỗi thư đều có đường dẫn để "
                         "hủy theo dõi.",
                         "You will now get news by e-mail. Every message has a link to stop."),
    "follow_view_item": ("Xem nội dung đang theo dõi", "See what you follow"),
    "follow_manage_title": ("Tin bạn đang nhận", "The news you receive"),
    "follow_following": ("Bạn đang theo dõi", "You follow"),
    "follow_nothing": ("Bạn không còn theo dõi nội dung nào.", "You follow nothing any more."),
    "follow_kind_petition": ("Kiến nghị", "Petition"),
    "follow_kind_resolution": ("Nghị quyết", "Resolution"),
    "follow_kind_session": ("Kỳ họp", "Session"),
    "follow_kind_topic": ("Nội dung giám sát", "Supervision topic"),
    "follow_pending": ("chờ xác nhận", "awaiting confirmation"),
    "follow_settings": ("Cách nhận tin", "How you get the news"),
    "follow_cadence": ("Bao lâu nhận một lần", "How often"),
    "follow_cadence_immediate": ("Mỗi khi có tin", "Each time there is news"),
    "follow_cadence_daily": ("Một bản tin mỗi ngày", "One digest a day"),
    "follow_cadence_weekly": ("Một bản tin mỗi tuần", "One digest a week"),
    "follow_save": ("Lưu", "Save"),
    "follow_saved": ("Đã lưu.", "Saved."),
    "follow_unsubscribe_title": ("Hủy theo dõi", "Unsubscribe"),
    "follow_unsubscribe_intro": ("Bấm nút để ngừng nhận mọi tin qua thư điện tử.",
                                 "Press the button to stop every e-mail."),
    "follow_unsubscribe_button": ("Hủy theo dõi", "Unsubscribe"),
    "follow_unsubscribed": ("Bạn đã hủy theo dõi. Chúng tôi sẽ không gửi thư nào nữa.",
                            "You are unsubscribed. No more e-mail will be sent."),
    "follow_erase_title": ("Xóa hẳn địa chỉ của tôi", "Erase my address for good"),
    "follow_erase_intro": (
        "Địa chỉ của bạn bị xóa vĩnh viễn, không ai khôi phục được; bạn sẽ không nhận thư nào "
        "nữa.", "Your address is destroyed for good; nobody can recover it, and no e-mail "
        "will be sent."),
    "follow_erase_button": ("Xóa địa chỉ", "Erase the address"),
    "follow_erased": ("Địa chỉ của bạn đã bị xóa vĩnh viễn.",
                      "Your address was erased for good."),
    "follow_bad_link": ("Đường dẫn không hợp lệ hoặc đã hết hiệu lực.",
                        "This link is not valid, or no longer is."),
    # staff: how often their agency's (or unit's) e-mail comes
    "inbox_cadence": ("Thư điện tử của đơn vị", "Your unit's e-mail"),
    "inbox_cadence_intro": (
        "Hộp thư này luôn giữ mọi thông báo; chọn nhận thư điện tử mỗi khi có tin, hay một "
        "bản tin tổng hợp mỗi ngày hoặc mỗi tuần.",
        "This inbox keeps every notification; choose e-mail each time, or one digest a day "
        "or a week."),
    # the clerk's offer at a meeting
    "follow_offer": ("Cử tri muốn nhận tin qua thư điện tử (không bắt buộc)",
                     "The voter wants news by e-mail (optional)"),
    "follow_offer_hint": ("Cử tri sẽ nhận một thư xác nhận; chỉ khi họ xác nhận mới được gửi "
                          "tin.", "The voter gets a confirmation; news is sent only once they "
                          "confirm."),
    "follow_consent": ("Cử tri đồng ý nhận tin qua địa chỉ này",
                       "The voter agreed to get news at this address"),
    "follow_offer_failed": (
        "Kiến nghị đã được ghi nhận, nhưng chưa đăng ký nhận tin được cho cử tri",
        "The petition was recorded, but the voter's follow could not be registered"),
    "follow_offer_consent_missing": (
        "Kiến nghị đã được ghi nhận; chưa đăng ký nhận tin vì cử tri chưa đồng ý.",
        "The petition was recorded; no follow was registered: the voter's consent is not "
        "ticked."),
}
