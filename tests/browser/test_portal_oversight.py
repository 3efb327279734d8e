"""Supervision in the browser. The public reads the programmes and their topics; MTTQ
resolves the open overlap with its committee counterpart as accepted for a reason (a
missing reason first refused beside the field); the Department of Education sees its
overdue recommendation and answers it (only it has the form); the HĐND committee that
issued it reopens it with a new due date. axe-core checks each page, desktop and phone."""

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
