"""The yearly review (báo cáo sơ kết): its page, its charts, a figure's records, its DOCX."""

from __future__ import annotations

# (vi, en) for each interface text, by key.
TEXTS: dict[str, tuple[str, str]] = {
    "review_nav": ("Báo cáo sơ kết", "Yearly review"),
    "review_title": ("Báo cáo sơ kết thực hiện Quy chế phối hợp",
                     "Review of the coordination regulation"),
    "review_intro": ("Số liệu của kỳ báo cáo, bên cạnh kỳ trước và mức thay đổi. Mỗi số liệu "
                     "dẫn tới danh sách hồ sơ tạo nên nó và tệp CSV.",
                     "The period's figures beside the previous period's and the change. "
                     "Each figure links to the records behind it and to their CSV."),
    "review_choose": ("Chọn kỳ báo cáo", "Choose the period"),
    "review_year": ("Năm", "Year"),
    "review_year_hint": ("Để trống ô Năm khi chọn khoảng thời gian Từ ngày – Đến ngày.",
                         "Leave the year empty to choose a period From – To."),
    "review_from": ("Từ ngày", "From"),
    "review_to": ("Đến ngày", "To"),
    "review_body": ("Cơ quan", "Body"),
    "review_all_bodies": ("Tất cả cơ quan", "All bodies"),
    "review_show": ("Xem báo cáo", "Show the review"),
    "review_period": ("Kỳ báo cáo", "Period"),
    "review_previous": ("Kỳ trước", "Previous period"),
    "review_as_of": ("Số liệu tính đến", "Figures as of"),
    "review_figure": ("Chỉ tiêu", "Figure"),
    "review_this_period": ("Kỳ này", "This period"),
    "review_change": ("Thay đổi", "Change"),
    "review_records": ("Hồ sơ", "Records"),
    "review_csv": ("CSV", "CSV"),
    "review_records_of": ("Hồ sơ của chỉ tiêu", "Records of the figure"),
    "review_csv_of": ("Tải CSV: {label}", "Download the CSV: {label}"),
    "review_not_computable": ("không tính được", "not computable"),
    "review_no_change": ("không đổi", "no change"),
    "review_points": ("điểm %", "points"),
    "review_days": ("ngày", "days"),
    "review_chart": ("Biểu đồ: {title}", "Chart: {title}"),
    "review_chart_desc": ("Mỗi chỉ tiêu hai thanh: kỳ này (thanh đậm) và kỳ trước (thanh kẻ "
                          "sọc), số liệu ghi trên thanh.",
                          "Two bars per figure: this period (solid) and the previous one "
                          "(striped), each with its number written on it."),
    "review_agencies": ("Số ngày trả lời kiến nghị (trung vị) theo cơ quan, đơn vị",
                        "Median days to answer a petition, by agency and unit"),
    "review_rank": ("Thứ hạng", "Rank"),
    "review_unit": ("Cơ quan, đơn vị", "Agency and unit"),
    "review_answered": ("Số kiến nghị đã trả lời", "Petitions answered"),
    "review_median_days": ("Trung vị số ngày trả lời", "Median days to answer"),
    "review_agencies_rule": ("Chỉ xếp hạng cơ quan, đơn vị đã trả lời đủ số kiến nghị tối thiểu "
                             "theo quy định; ít ngày hơn xếp trước.",
                             "Only agencies that answered the rulebook's minimum number of "
                             "petitions are ranked; fewer days rank first."),
    "review_too_few": ("Chưa đủ số liệu để xếp hạng", "Too few answers to rank"),
    "review_no_agencies": ("Chưa có kiến nghị nào được trả lời trong kỳ.",
                           "No petition was answered in the period."),
    "review_docx": ("Tải báo cáo (DOCX)", "Download the report (DOCX)"),
    "review_back": ("Về báo cáo sơ kết", "Back to the review"),
    "review_record_kind": ("Loại", "Kind"),
    "review_record_title": ("Nội dung", "Title"),
    "review_record_on": ("Ngày", "Date"),
    "review_no_records": ("Không có hồ sơ nào.", "No record."),
    "review_show_previous": ("Xem hồ sơ kỳ trước", "The previous period's records"),
    "review_show_current": ("Xem hồ sơ kỳ này", "This period's records"),
    "review_api_path": ("Đường dẫn API", "API path"),
    "review_parts": ("gồm", "of which"),
    # the DOCX: the reporting body as a document's heading writes it
    "review_body_hdnd": ("HỘI ĐỒNG NHÂN DÂN TỈNH", "PROVINCIAL PEOPLE'S COUNCIL"),
    "review_body_ubnd": ("ỦY BAN NHÂN DÂN TỈNH", "PROVINCIAL PEOPLE'S COMMITTEE"),
    "review_body_dbqh": ("ĐOÀN ĐẠI BIỂU QUỐC HỘI TỈNH", "NATIONAL ASSEMBLY DELEGATION"),
    "review_body_mttq": ("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH",
                         "VIETNAM FATHERLAND FRONT COMMITTEE"),
    "review_body_all_heading": ("CÁC CƠ QUAN THỰC HIỆN QUY CHẾ PHỐI HỢP",
                                "THE BODIES OF THE COORDINATION REGULATION"),
}
