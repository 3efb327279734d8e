"""What the pages say, in Vietnamese first and in English: the interface's words (the
names of the services' codes are in ``labels``, dates and numbers in ``formats``)."""

from __future__ import annotations

from typing import Literal

Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = ("vi", "en")

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
    # petitions
    "petition": ("Kiến nghị", "Petition"),
    "petitions": ("Kiến nghị cử tri", "Voters' petitions"),
    "status": ("Trạng thái", "Status"),
    "text": ("Nội dung", "Wording"),
    "communes": ("Xã, phường đã nêu", "Communes that raised it"),
    "channel": ("Kênh tiếp nhận", "Channel"),
    "deputy": ("Đại biểu tiếp nhận", "Deputy who received it"),
    "recorded_at": ("Ngày ghi nhận", "Recorded on"),
    "sources": ("Nguồn (kiến nghị gốc)", "Sources (original petitions)"),
    "source_meeting": ("tại hội nghị TXCT", "at a voter-contact meeting"),
    "merged_into": ("Đã được tổng hợp vào kiến nghị", "Merged into petition"),
    "classification": ("Phân loại", "Classification"),
    "field": ("Lĩnh vực", "Field"),
    "level": ("Cấp có thẩm quyền", "Level"),
    "competent_agency": ("Cơ quan có thẩm quyền trả lời", "Agency to answer"),
    "committee": ("Ban HĐND theo dõi (nếu có)", "HĐND committee following up (if any)"),
    "forwarding": ("Chuyển xử lý", "Forwarding"),
    "forwarded_to": ("Chuyển đến", "Forwarded to"),
    "forwarded_on": ("Ngày chuyển", "Forwarded on"),
    "due_date": ("Hạn trả lời", "Answer due by"),
    "rule": ("Căn cứ tính hạn", "Rule for the due date"),
    "overdue": ("Quá hạn", "Overdue"),
    "answer": ("Trả lời", "Answer"),
    "answered_on": ("Ngày trả lời", "Answered on"),
    "on_time": ("Đúng hạn", "On time"),
    "late": ("Trễ hạn", "Late"),
    "published_on": ("Ngày thông báo cho cử tri", "Made known to voters on"),
    "subscribe_ics": ("Theo dõi lịch này trong phần mềm lịch (iCalendar, .ics)",
                      "Subscribe to this calendar in a calendar program (iCalendar, .ics)"),
    "answer_by_unit": ("Kiến nghị này được chuyển đến {unit}: chỉ cán bộ của đơn vị đó trả lời. "
                       "Đăng nhập với đơn vị “{unit}” để trả lời.",
                       "This petition was forwarded to {unit}: only its staff answer it. "
                       "Sign in with the unit “{unit}” to answer."),
    "answer_not_public": ("Câu trả lời sẽ hiển thị khi MTTQ thông báo cho cử tri.",
                          "The answer shows once MTTQ makes it known to voters."),
    "timeline": ("Diễn biến", "Timeline"),
    "view_petition": ("Xem kiến nghị", "View petition"),
    "classify": ("Phân loại", "Classify"),
    "classify_button": ("Lưu phân loại", "Save classification"),
    "forward": ("Chuyển cơ quan có thẩm quyền", "Forward to the competent agency"),
    "forward_button": ("Chuyển xử lý", "Forward"),
    "forward_note": ("Hạn trả lời được tính theo quy định đang có hiệu lực khi chuyển.",
                     "The due date follows the rule in force on the day it is forwarded."),
    "answer_form": ("Trả lời kiến nghị", "Answer the petition"),
    "answer_button": ("Gửi trả lời", "Send the answer"),
    "publish": ("Thông báo kết quả trả lời cho cử tri", "Make the answer known to voters"),
    "publish_button": ("Thông báo cho cử tri", "Publish to voters"),
    "choose": ("— Chọn —", "— Choose —"),
    # meetings and recording
    "meetings": ("Hội nghị tiếp xúc cử tri", "Voter-contact meetings"),
    "new_meeting": ("Lập kế hoạch hội nghị TXCT", "Plan a voter-contact meeting"),
    "meeting": ("Hội nghị tiếp xúc cử tri", "Voter-contact meeting"),
    "title": ("Tên hội nghị", "Title"),
    "scheduled_on": ("Ngày dự kiến", "Planned date"),
    "place": ("Địa điểm", "Place"),
    "commune": ("Xã, phường", "Commune or ward"),
    "deputies": ("Đại biểu tiếp xúc (mỗi dòng một người)", "Deputies (one per line)"),
    "plan_button": ("Lưu kế hoạch", "Save the plan"),
    "held": ("Đã tổ chức", "Held"),
    "not_held": ("Chưa tổ chức", "Not held yet"),
    "mark_held": ("Xác nhận hội nghị đã diễn ra", "Confirm the meeting took place"),
    "held_on": ("Ngày tổ chức", "Date held"),
    "attendance": ("Số cử tri tham dự", "Voters attending"),
    "held_button": ("Xác nhận đã tổ chức", "Confirm held"),
    "record": ("Ghi nhận kiến nghị tại hội nghị", "Record a petition at the meeting"),
    "record_button": ("Ghi nhận kiến nghị", "Record the petition"),
    "petition_text_hint": ("Ghi đúng ý kiến của cử tri. Kiến nghị tương tự đã có hiện bên "
                           "dưới trong lúc gõ.",
                           "The voter's words. Similar petitions show below as you type."),
    "similar": ("Kiến nghị tương tự đã có", "Similar petitions already recorded"),
    "similar_none": ("Chưa thấy kiến nghị tương tự.", "No similar petition so far."),
    "similarity": ("độ tương đồng", "similarity"),
    "recorded_ok": ("Đã ghi nhận kiến nghị.", "Petition recorded."),
    "recorded_here": ("Kiến nghị chờ tổng hợp, phân loại ở xã, phường này",
                      "Petitions of this commune waiting to be consolidated or classified"),
    "meetings_nav": ("Hội nghị TXCT", "Voter meetings"),
    "meetings_all": ("Tất cả", "All"),
    "scheduled_from": ("Từ ngày", "From"),
    "scheduled_to": ("Đến ngày", "To"),
    "meeting_deputies": ("Đại biểu", "Deputies"),
    "meeting_link_note": ("Hội nghị này có trong danh sách Hội nghị TXCT.",
                          "This meeting is in the list of voter-contact meetings."),
    # consolidation
    "consolidate": ("Tổng hợp kiến nghị trùng", "Consolidate duplicate petitions"),
    "consolidate_pick": ("Chọn ít nhất hai kiến nghị cùng nội dung",
                         "Pick at least two petitions that say the same"),
    "consolidated_text": ("Nội dung tổng hợp", "Consolidated wording"),
    "consolidate_button": ("Tổng hợp", "Consolidate"),
    "filter_button": ("Lọc", "Filter"),
    # work lists
    "to_classify": ("Chờ phân loại", "Waiting for classification"),
    "to_forward": ("Đã phân loại, chờ chuyển", "Classified, waiting to be forwarded"),
    "to_answer": ("Được chuyển đến, chờ trả lời", "Forwarded to you, waiting for an answer"),
    "to_publish": ("Đã trả lời, chờ thông báo cử tri", "Answered, waiting to be published"),
    "overdue_list": ("Quá hạn trả lời", "Past the due date"),
    "nothing": ("Không có.", "None."),
    "overdue_all": ("Quá hạn theo cơ quan, đơn vị", "Overdue by agency and unit"),
    # answers on time, overdue lists
    "on_time_title": ("Trả lời kiến nghị đúng hạn theo cơ quan",
                      "Petitions answered on time, by agency"),
    "on_time_nav": ("Trả lời đúng hạn", "Answered on time"),
    "on_time_intro": (
        "Số kiến nghị cử tri mỗi cơ quan, đơn vị đã trả lời đúng hạn và trễ hạn, và số "
        "kiến nghị đang quá hạn mà chưa trả lời. Hạn trả lời tính theo quy định có hiệu "
        "lực vào ngày chuyển kiến nghị.",
        "How many voters' petitions each agency and unit answered by the due date and "
        "after it, and how many are past it unanswered now. The due date follows the rule "
        "in force on the day a petition was forwarded."),
    "on_time_caption": ("Trả lời đúng hạn, trễ hạn và quá hạn theo cơ quan, đơn vị",
                        "Answered on time, late, and overdue, by agency and unit"),
    "agency_unit": ("Cơ quan, đơn vị", "Agency, unit"),
    "agency_itself": ("Chưa giao đơn vị cụ thể", "No particular unit"),
    "answered_count": ("Đã trả lời", "Answered"),
    "on_time_share": ("Tỷ lệ đúng hạn", "Share on time"),
    "overdue_now": ("Quá hạn, chưa trả lời", "Overdue, unanswered"),
    "waiting_now": ("Trong hạn, chưa trả lời", "Not yet due"),
    "share_too_few": ("chưa đủ số liệu", "too few"),
    "share_rule": ("Tỷ lệ đúng hạn chỉ nêu khi cơ quan, đơn vị đã trả lời ít nhất {minimum} "
                   "kiến nghị: vài câu trả lời chưa đủ để so sánh. Số quá hạn tính đến ngày "
                   "{today}.",
                   "The share is given only from {minimum} answers up: a few answers are "
                   "too few to compare. Overdue as of {today}."),
    "no_figures": ("Chưa có kiến nghị nào được chuyển đến cơ quan có thẩm quyền.",
                   "No petition has been forwarded yet."),
    "overdue_title": ("Kiến nghị quá hạn trả lời theo cơ quan, đơn vị",
                      "Overdue petitions by agency and unit"),
    "overdue_caption": ("Số kiến nghị theo cơ quan, đơn vị (bấm số quá hạn để xem danh sách)",
                        "Petitions by agency and unit (follow an overdue count to its list)"),
    "overdue_filter": ("Xem danh sách quá hạn của", "Show the overdue list of"),
    "unit_filter": ("Sở, ngành, đơn vị", "Department or unit"),
    "public_intro": (
        "Tra cứu kiến nghị của cử tri, cơ quan nào đang giải quyết, hạn trả lời và nội dung "
        "trả lời đã thông báo. Không cần đăng nhập.",
        "Find voters' petitions, who handles them, their due dates and published answers. "
        "No sign-in needed."),
    "staff_intro": ("Cán bộ bốn cơ quan đăng nhập để làm việc với kiến nghị.",
                    "Staff of the four bodies sign in to work on petitions."),
    # sessions
    "sessions": ("Kỳ họp HĐND", "Council sessions"),
    "session": ("Kỳ họp", "Session"),
    "year": ("Năm", "Year"),
    "show": ("Xem", "Show"),
    "term": ("Khóa", "Term"),
    "kind": ("Loại", "Kind"),
    "opening_on": ("Khai mạc", "Opens"),
    "closing_on": ("Bế mạc", "Closes"),
    "total_deputies": ("Tổng số đại biểu", "Deputies in all"),
    "present": ("Đại biểu có mặt", "Deputies present"),
    "joint_meeting": ("Họp liên tịch", "Joint meeting"),
    "agreed_dates": ("Thống nhất thời gian", "Agreed dates"),
    "confirmed_by": ("Đã xác nhận", "Confirmed by"),
    "agenda": ("Chương trình kỳ họp", "Agenda"),
    "prepared_by": ("Cơ quan chuẩn bị", "Prepared by"),
    "vetting_committee": ("Ban thẩm tra", "Vetting committee"),
    "documents": ("Tài liệu kỳ họp", "Documents"),
    "submitted_on": ("Ngày gửi", "Submitted on"),
    "due_on": ("Hạn gửi", "Due by"),
    "late_by": ("Gửi muộn {days} ngày", "{days} days late"),
    "votes": ("Biểu quyết", "Votes"),
    "vote_counts": ("Tán thành {yes} · Không tán thành {no} · Không biểu quyết {abstain} · "
                    "Vắng {absent} (tổng số {total} đại biểu)",
                    "Yes {yes} · No {no} · Abstain {abstain} · Absent {absent} (of {total} "
                    "deputies)"),
    "passed": ("Thông qua", "Passed"),
    "rejected": ("Không thông qua", "Rejected"),
    "questions": ("Chất vấn", "Questions"),
    "resolutions": ("Nghị quyết HĐND", "Council resolutions"),
    "resolution": ("Nghị quyết", "Resolution"),
    "passed_on": ("Ngày thông qua", "Passed on"),
    "guidance": ("Văn bản hướng dẫn thực hiện", "Implementation guidance"),
    "guidance_lag": ("Từ khi thông qua đến khi có hướng dẫn", "From passing to guidance"),
    "days": ("ngày", "days"),
    "waiting_days": ("Chưa có hướng dẫn sau {days} ngày", "No guidance after {days} days"),
    "lag_summary": ("{guided}/{total} nghị quyết đã có hướng dẫn; bình quân {average} ngày, "
                    "lâu nhất {longest} ngày.",
                    "{guided} of {total} resolutions guided; {average} days on average, "
                    "{longest} at most."),
    "calendar": ("Lịch họp", "Meeting calendar"),
    "clashes": ("Trùng lịch", "Clashes"),
    "clash_line": ("{a} và {b}: từ {start} đến {end}", "{a} and {b}: from {start} to {end}"),
    "same_body": ("cùng cơ quan", "same body"),
    "shared": ("người dự cả hai", "attending both"),
    "no_clash": ("Không có cuộc họp trùng lịch.", "No meetings clash."),
    "when": ("Thời gian", "When"),
    "organiser": ("Cơ quan họp", "Organiser"),
    "participants": ("Thành phần", "Participants"),
    "new_session": ("Lập kế hoạch kỳ họp", "Plan a session"),
    "number": ("Kỳ họp thứ", "Session number"),
    "planned_opening": ("Ngày khai mạc dự kiến", "Planned opening"),
    "planned_closing": ("Ngày bế mạc dự kiến", "Planned closing"),
    "session_title": ("Tên kỳ họp", "Title"),
    "joint_form": ("Kết quả họp liên tịch HĐND – UBND – MTTQ", "The joint meeting's outcome"),
    "attending": ("Cơ quan dự họp", "Agencies attending"),
    "agreed_opening": ("Thống nhất ngày khai mạc", "Agreed opening"),
    "agreed_closing": ("Thống nhất ngày bế mạc", "Agreed closing"),
    "agenda_lines": ("Dự thảo nghị quyết trình kỳ họp (mỗi dòng một dự thảo, UBND chuẩn bị)",
                     "Draft resolutions on the agenda (one per line, prepared by UBND)"),
    "document_form": ("Gửi tài liệu kỳ họp", "Submit a session document"),
    "document_title": ("Tên tài liệu", "Document title"),
    "document_kind": ("Loại tài liệu", "Kind of document"),
    "document_field": ("Lĩnh vực (bắt buộc với dự thảo nghị quyết)",
                       "Field (required for a draft resolution)"),
    "convene_form": ("Khai mạc kỳ họp", "Open the session"),
    "opened_on": ("Ngày khai mạc", "Opened on"),
    "vote_form": ("Ghi kết quả biểu quyết", "Record a vote"),
    "draft": ("Dự thảo nghị quyết", "Draft resolution"),
    "yes": ("Tán thành", "Yes"),
    "no": ("Không tán thành", "No"),
    "abstain": ("Không biểu quyết", "Abstain"),
    "absent": ("Vắng", "Absent"),
    "resolution_number": ("Số nghị quyết (nếu thông qua)", "Resolution number (if it passes)"),
    "voted_on": ("Ngày biểu quyết", "Voted on"),
    "vote_rule": ("Thông qua khi số tán thành quá nửa tổng số đại biểu.",
                  "Passes when more than half of all deputies vote yes."),
    "close_form": ("Bế mạc kỳ họp", "Close the session"),
    "closed_on": ("Ngày bế mạc", "Closed on"),
    "joint_button": ("Lưu kết quả họp liên tịch", "Save the joint meeting"),
    "document_button": ("Gửi tài liệu", "Submit the document"),
    "as_of": ("Xem trạng thái tại ngày", "As it stood on"),
    "as_of_note": ("Đang xem trạng thái tại cuối ngày {day}.", "As it stood at the end of {day}."),
    "as_of_now": ("Xem hiện tại", "See it now"),
    "open_data": ("Dữ liệu mở", "Open data"),
    "feed": ("Bản tin (Atom): trả lời kiến nghị đã thông báo, nghị quyết đã thông qua",
             "Feed (Atom): published answers, passed resolutions"),
    "popolo": ("Kỳ họp, nghị quyết và biểu quyết (Popolo, JSON)",
               "Sessions, resolutions and votes (Popolo, JSON)"),
    "page": ("Trang", "Page"),
    "previous": ("Trang trước", "Previous page"),
    "next": ("Trang sau", "Next page"),
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

def text(key: str, language: Language) -> str:
    vi, en = TEXTS[key]
    return en if language == "en" else vi


FIELD_TEXTS = {"petition_ids": "consolidate_pick", "text": "text", "agenda": "agenda_lines",
               "document_id": "draft", "present": "present", "kind": "kind",
               "received_on": "letter_received_on", "summary": "letter_summary",
               "channel": "letter_channel", "sender_name": "letter_sender",
               "denouncer": "letter_denouncer", "to": "letter_forward_to",
               "reason": "letter_reason"}


def field_name(name: str, language: Language) -> str:
    """The label of a form field a service found invalid (its name in the request)."""
    key = FIELD_TEXTS.get(name, name)
    return text(key, language) if key in TEXTS else name
