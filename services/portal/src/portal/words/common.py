"""Words every page shares: the site, its navigation, signing in, forms and errors."""

from __future__ import annotations

# (vi, en) for each interface text, by key.
TEXTS: dict[str, tuple[str, str]] = {
    "site": ("Cổng phối hợp HĐND – UBND – Đoàn ĐBQH – MTTQ",
             "Coordination portal: council, committee, deputies, front"),
    "skip": ("Bỏ qua, đến nội dung chính", "Skip to main content"),
    "home": ("Trang chủ", "Home"),
    "search": ("Tra cứu kiến nghị", "Search petitions"),
    "search_label": ("Từ khóa trong nội dung kiến nghị", "Words in the petition"),
    "search_button": ("Tìm", "Search"),
    "search_hint": ("Gõ có dấu hoặc không dấu đều được.", "With or without accents."),
    "results": ("kết quả", "results"),
    "no_results": ("Không có kiến nghị nào khớp.", "No petition matches."),
    "workbench": ("Bàn làm việc", "Workbench"),
    "inbox": ("Hộp thư", "Inbox"),
    "inbox_live": ("Hộp thư tự cập nhật khi có thông báo mới.",
                   "The inbox updates by itself when a notification arrives."),
    "inbox_empty": ("Chưa có thông báo.", "No notification yet."),
    "sign_in": ("Đăng nhập", "Sign in"),
    "sign_out": ("Đăng xuất", "Sign out"),
    "signed_in_as": ("Đang làm việc với tư cách", "Working as"),
    "language": ("English", "Tiếng Việt"),
    "language_code": ("en", "vi"),
    "dev_sign_in_note": (
        "Trang đăng nhập dùng khi phát triển: chọn cơ quan và chức danh, cổng ký phiên làm "
        "việc bằng khóa phát triển. Khi triển khai thật, trang này tắt và việc đăng nhập do "
        "hệ thống định danh (OIDC) của tỉnh đảm nhận.",
        "Development sign-in: pick an agency and a role; the portal signs a token with the "
        "local development key. In production this page is off and the province's identity "
        "provider (OIDC) signs people in."),
    "sign_in_disabled": ("Đăng nhập phát triển đã tắt ở môi trường này.",
                         "Development sign-in is off here."),
    "oidc_button": ("Đăng nhập bằng tài khoản công vụ của tỉnh",
                    "Sign in with the province's staff account"),
    "oidc_note": ("Anh/chị sẽ được chuyển đến trang đăng nhập của hệ thống định danh của tỉnh, "
                  "rồi trở lại đây.",
                  "You will be taken to the province's sign-in page, then brought back here."),
    "oidc_or_dev": ("Hoặc, khi phát triển:", "Or, in development:"),
    "oidc_failed": ("Đăng nhập không thành công: hệ thống định danh không xác nhận phiên "
                    "đăng nhập này (có thể đã hủy, đã quá thời gian hoặc đường dẫn đã được "
                    "dùng). Xin đăng nhập lại.",
                    "Sign-in did not succeed: the identity provider did not confirm it (it "
                    "may have been cancelled, taken too long or been used already). Please "
                    "sign in again."),
    "oidc_no_agency": ("Tài khoản này chưa được gán cơ quan (HĐND, UBND, Đoàn ĐBQH, MTTQ) "
                       "hoặc chức danh hợp lệ trong hệ thống định danh của tỉnh. Xin liên hệ "
                       "bộ phận quản trị tài khoản.",
                       "This account has no agency (HĐND, UBND, Đoàn ĐBQH, MTTQ) or no valid "
                       "role in the province's identity provider. Please ask its "
                       "administrators."),
    "oidc_unreachable": ("Không kết nối được hệ thống định danh của tỉnh. Xin thử lại sau ít "
                         "phút.",
                         "Could not reach the province's identity provider. Please try again "
                         "in a few minutes."),
    "agency": ("Cơ quan", "Agency"),
    "role": ("Chức danh", "Role"),
    "unit": ("Sở, ngành, đơn vị (nếu có)", "Department or unit (if any)"),
    "unit_hint": ("Ví dụ: Sở Xây dựng. Để trống nếu làm việc cho cả cơ quan.",
                  "E.g. Sở Xây dựng. Leave empty to act for the whole agency."),
    "name": ("Họ và tên (nếu muốn)", "Your name (optional)"),
    "error_summary": ("Chưa thực hiện được", "Could not be done"),
    "fix_fields": ("Xin sửa các mục sau:", "Please correct:"),
    "not_valid": ("Thông tin nhập chưa hợp lệ.", "Some of what was entered is not valid."),
    "required": ("bắt buộc", "required"),
    # open data files (CSV, with a data card: Frictionless Data Package)
    "open_answers_csv": ("Trả lời kiến nghị đã thông báo (CSV)", "Published answers (CSV)"),
    "open_resolutions_csv": ("Nghị quyết (CSV)", "Resolutions (CSV)"),
    "open_votes_csv": ("biểu quyết", "votes"),
    "open_sessions_csv": ("kỳ họp", "sessions"),
    "open_data_cards": ("Mô tả từng trường dữ liệu, giấy phép CC BY 4.0:",
                        "Every field described, licence CC BY 4.0:"),
    "petitions_card": ("kiến nghị", "petitions"),
    "sessions_card": ("kỳ họp", "sessions"),
}
