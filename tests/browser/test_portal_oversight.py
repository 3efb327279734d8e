"""Supervision in the browser. The public reads the programmes and their topics; MTTQ
resolves the open overlap with its committee counterpart as accepted for a reason (a
missing reason first refused beside the field); the Department of Education sees its
overdue recommendation and answers it (only it has the form); the HĐND committee that
issued it reopens it with a new due date. Then a programme, a social criticism, a draft
law's comments and an overdue report, each made through its form. axe-core checks each
page, desktop and phone."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Browser, expect

from contracts.vocabulary import Agency
from tests.browser.conftest import System, signed_in
from tests.browser.looking import DESKTOP, look_at
from tests.e2e.oversight_seed import (
    COMMITTEE,
    EDUCATION,
    LATER_ACTION,
    OVERDUE_ACTION,
    plan_supervision_year,
)

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.browser,
              pytest.mark.slow]


def test_supervision_from_the_programme_to_the_recommendation_reopened(
    browser: Browser, system: System
) -> None:
    with httpx.Client(base_url=system.oversight, timeout=10) as client:
        seeded = plan_supervision_year(client, system.jurisdiction)
    public = browser.new_context(base_url=system.portal, viewport=DESKTOP, locale="vi-VN")
    try:
        page = public.new_page()
        page.goto("/")
        page.get_by_role("link", name="Giám sát", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Chương trình giám sát")
        expect(page.locator("section.card")).to_have_count(2)
        expect(page.get_by_role("heading", name=f"Ban HĐND – {COMMITTEE}, năm 2026")
               ).to_be_visible()
        look_at(page, "oversight-programmes")
    finally:
        public.close()

    context, page = signed_in(browser, system, Agency.MTTQ.value)
    try:
        page.goto("/giam-sat/trung-lap")
        overlap = seeded["overlap"]
        expect(page.get_by_role("heading", level=1)).to_contain_text("(1)")
        look_at(page, "oversight-overlaps")
        page.select_option(f"#f-resolution-{overlap}", "accepted")
        page.get_by_role("button", name="Lưu cách xử lý").click()
        expect(page.locator(f"#e-reason-{overlap}")).to_have_text("chưa nhập")
        look_at(page, "oversight-overlap-refused")
        page.fill(f"#f-reason-{overlap}", "Hai chuyên đề khác nội dung, đã thống nhất lịch")
        page.get_by_role("button", name="Lưu cách xử lý").click()
        expect(page.get_by_text("Không có trùng lặp nào chưa xử lý.")).to_be_visible()
    finally:
        context.close()

    context, page = signed_in(browser, system, Agency.UBND.value, EDUCATION)
    try:
        page.goto("/giam-sat/kien-nghi")
        expect(page.locator("section.card")).to_have_count(2)
        page.get_by_role("link", name="Chỉ kiến nghị quá hạn").click()
        cards = page.locator("section.card")
        expect(cards).to_have_count(1)
        expect(cards).to_contain_text(OVERDUE_ACTION)
        expect(cards).not_to_contain_text(LATER_ACTION)
        expect(cards).to_contain_text("Quá hạn")
        look_at(page, "oversight-recommendations-overdue")
        rid = seeded["overdue"]
        page.select_option(f"#f-outcome-{rid}", "partly")
        page.fill(f"#f-done-{rid}", "Đã chi trả cho hai trong ba trường")
        page.get_by_role("button", name="Gửi trả lời").click()
        answered = page.locator(f"#k-{rid}")
        expect(answered).to_contain_text("Đã trả lời, chờ xem xét")
        expect(answered.get_by_role("button", name="Gửi trả lời")).to_have_count(0)
        # the recommendation not yet due keeps its form
        expect(page.locator(f"#k-{seeded['later']}").get_by_role(
            "button", name="Gửi trả lời")).to_have_count(1)
    finally:
        context.close()

    context, page = signed_in(browser, system, Agency.HDND.value, COMMITTEE)
    try:
        page.goto("/giam-sat/kien-nghi")
        expect(page.get_by_role("button", name="Gửi trả lời")).to_have_count(0)
        look_at(page, "oversight-recommendations-body")
        page.fill(f"#f-reason-{rid}", "Còn một trường chưa nhận hỗ trợ")
        page.fill(f"#f-due_on-{rid}", "2027-01-31")
        page.get_by_role("button", name="Yêu cầu tiếp tục").click()
        card = page.locator(f"#k-{rid}")
        expect(card).to_contain_text("Chờ trả lời")
        expect(card).to_contain_text("31/01/2027")
        expect(card).to_contain_text("Số lần yêu cầu tiếp tục: 1")
    finally:
        context.close()


def test_a_programme_criticism_draft_law_and_report_made_in_the_browser(
    browser: Browser, system: System
) -> None:
    """HĐND's office adopts a programme with its topic (a window ending before it starts
    refused first, what was typed kept) and
    adds a topic; MTTQ receives a draft, holds its conference and sends its criticism, and
    the drafting department replies; the delegation collects a comment on a draft law and
    sends it on; UBND records an overdue report. axe-core checks each page."""
    context, page = signed_in(browser, system, Agency.HDND.value)
    try:
        page.goto("/giam-sat")
        page.get_by_role("link", name="Lập chương trình giám sát").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Lập chương trình giám sát")
        page.fill("#f-year-new", "2026")
        page.select_option("#f-body-new", "standing_committee")
        page.fill("#f-topic-new", "Công tác phòng chống dịch bệnh trong trường học")
        page.select_option("#f-field-new", "health")
        page.fill("#f-units-new", "Trường Tiểu học Long Hưng\nTrạm y tế xã Long Hưng")
        page.fill("#f-window_start-new", "2026-10-20")
        page.fill("#f-window_end-new", "2026-10-05")  # ends before it starts
        page.fill("#f-adopted_on-new", "2026-01-10")
        page.get_by_role("button", name="Lập chương trình").click()
        expect(page.locator("#loi")).to_be_visible()
        expect(page.locator("#f-topic-new")).to_have_value(
            "Công tác phòng chống dịch bệnh trong trường học")  # what was typed is kept
        look_at(page, "oversight-programme-new-refused")
        page.fill("#f-window_start-new", "2026-10-05")
        page.fill("#f-window_end-new", "2026-10-20")
        page.get_by_role("button", name="Lập chương trình").click()
        card = page.locator("section.card", has=page.get_by_role(
            "heading", name="Thường trực HĐND, năm 2026"))
        expect(card).to_contain_text("Trạm y tế xã Long Hưng")
        card.locator("summary", has_text="Thêm chuyên đề").click()
        suffix = card.get_attribute("aria-labelledby").removeprefix("p-")  # type: ignore[union-attr]
        page.fill(f"#f-topic-{suffix}", "Việc thực hiện chính sách bảo hiểm y tế học sinh")
        page.select_option(f"#f-field-{suffix}", "health")
        page.fill(f"#f-units-{suffix}", "Trường THCS Long Hưng")
        page.fill(f"#f-window_start-{suffix}", "2026-11-02")
        page.fill(f"#f-window_end-{suffix}", "2026-11-13")
        look_at(page, "oversight-programme-topic-form")
        card.get_by_role("button", name="Thêm chuyên đề").click()
        expect(page.locator(f"#p-{suffix}").locator("xpath=..")).to_contain_text(
            "Việc thực hiện chính sách bảo hiểm y tế học sinh")
    finally:
        context.close()

    context, page = signed_in(browser, system, Agency.MTTQ.value)
    try:
        page.goto("/giam-sat/phan-bien")
        page.locator("summary", has_text="Nhận dự thảo để phản biện").click()
        page.fill("#f-draft_title-new", "Dự thảo Nghị quyết về giá dịch vụ khám bệnh")
        page.select_option("#f-drafting_agency-new", "ubnd")
        page.fill("#f-drafting_unit-new", "Sở Y tế")
        page.fill("#f-received_on-new", "2026-11-02")
        page.get_by_role("button", name="Ghi nhận dự thảo").click()
        card = page.locator("section.card", has_text="giá dịch vụ khám bệnh")
        expect(card).to_contain_text("Đã nhận dự thảo")
        card.get_by_label("Số người tham dự").fill("35")
        card.get_by_label("Nội dung chính").fill("Đề nghị làm rõ căn cứ tính giá")
        card.get_by_label("Ngày tổ chức").fill("2026-11-01")  # before the draft came
        card.get_by_role("button", name="Ghi nhận hội nghị").click()
        expect(page.locator("#loi")).to_contain_text("Ngày xảy ra không hợp lệ")
        look_at(page, "oversight-criticism-refused")
        card = page.locator("section.card", has_text="giá dịch vụ khám bệnh")
        card.get_by_label("Ngày tổ chức").fill("2026-11-10")
        card.get_by_role("button", name="Ghi nhận hội nghị").click()
        card = page.locator("section.card", has_text="giá dịch vụ khám bệnh")
        card.get_by_label("Nội dung phản biện").fill("Đề nghị công khai phương án giá")
        card.get_by_label("Số văn bản").fill("52/MTTQ-BTT")
        card.get_by_role("button", name="Ghi nhận văn bản đã gửi").click()
        expect(page.locator("section.card", has_text="giá dịch vụ khám bệnh")).to_contain_text(
            "chờ phản hồi")
        look_at(page, "oversight-criticisms")
    finally:
        context.close()

    context, page = signed_in(browser, system, Agency.UBND.value, "Sở Y tế")
    try:
        page.goto("/giam-sat/phan-bien")
        card = page.locator("section.card", has_text="giá dịch vụ khám bệnh")
        card.get_by_label("Kết quả tiếp thu").select_option("partly")
        card.get_by_label("Nội dung phản hồi").fill("Tiếp thu; giải trình về lộ trình")
        card.get_by_role("button", name="Ghi nhận phản hồi").click()
        expect(page.locator("section.card", has_text="giá dịch vụ khám bệnh")).to_contain_text(
            "Cơ quan soạn thảo đã phản hồi")
    finally:
        context.close()

    context, page = signed_in(browser, system, Agency.DBQH.value)
    try:
        page.goto("/giam-sat/gop-y-du-thao-luat")
        page.locator("summary", has_text="Lấy ý kiến một dự thảo luật").click()
        page.fill("#f-law_title-new", "Dự thảo Luật Nhà giáo")
        page.get_by_role("button", name="Bắt đầu lấy ý kiến").click()
        card = page.locator("section.card", has_text="Dự thảo Luật Nhà giáo")
        card.locator("summary", has_text="Thêm ý kiến góp ý").click()
        card.get_by_label("Nguồn ý kiến").select_option("group")
        card.get_by_label("Người, tổ chức góp ý").fill("Hội Khuyến học tỉnh")
        card.get_by_label("Nội dung góp ý").fill("Đề nghị quy định rõ chế độ phụ cấp")
        card.get_by_role("button", name="Thêm ý kiến").click()
        card = page.locator("section.card", has_text="Dự thảo Luật Nhà giáo")
        expect(card).to_contain_text("Hội Khuyến học tỉnh")
        card.locator("summary", has_text="Gửi tổng hợp ý kiến").click()
        card.get_by_label("Nơi nhận").fill("Ủy ban Văn hóa và Giáo dục của Quốc hội")
        card.get_by_role("textbox", name="Tổng hợp ý kiến").fill("Một ý kiến của tổ chức")
        look_at(page, "oversight-draft-laws")
        card.get_by_role("button", name="Gửi tổng hợp").click()
        expect(page.locator("section.card", has_text="Dự thảo Luật Nhà giáo")).to_contain_text(
            "Đã gửi ngày")
    finally:
        context.close()

    context, page = signed_in(browser, system, Agency.UBND.value)
    try:
        page.goto("/giam-sat/bao-cao?nam=2026&tinh-trang=overdue")
        expect(page.get_by_role("heading", level=1)).to_contain_text("năm 2026")
        card = page.locator("section.card", has_text="kinh tế - xã hội").first
        expect(card).to_contain_text("Quá hạn, chưa nộp")
        card.locator("summary", has_text="Nộp báo cáo").click()
        card.get_by_label("Tóm tắt nội dung").fill("Tình hình kinh tế - xã hội trong tháng")
        look_at(page, "oversight-reports-overdue")
        card.get_by_role("button", name="Ghi nhận báo cáo đã nộp").click()
        expect(page.locator("section.card", has_text="Tình hình kinh tế - xã hội trong tháng")
               ).to_contain_text("Đã nộp trễ hạn")
        look_at(page, "oversight-reports")
    finally:
        context.close()
