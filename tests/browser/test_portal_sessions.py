"""The council's work in the browser. Staff: HĐND plans a session, records the joint
meeting, UBND submits the draft, HĐND convenes, records the vote and closes, and the
resolution it passed has its page. The public: a session held over the sessions API shows
with its agenda, documents and votes; the passed resolution is in the list; the calendar
shows a clash. axe-core checks each page."""

from __future__ import annotations

import httpx
import pytest
from frictionless import validate
from icalendar import Calendar
from playwright.sync_api import Browser, BrowserContext, expect

from contracts.vocabulary import Agency
from tests.browser.conftest import System, signed_in
from tests.browser.looking import DESKTOP, look_at
from tests.browser.test_portal_journey import poll
from tests.e2e.journey import bearer, post
from tests.e2e.test_sessions_journey import hold_session

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.browser,
              pytest.mark.slow]


def test_a_session_to_a_passed_resolution_in_the_public_pages(
    browser: Browser, system: System
) -> None:
    hold_session(system.sessions, system.jurisdiction)
    book_two_clashing_meetings(system)
    context: BrowserContext = browser.new_context(base_url=system.portal, viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto("/ky-hop")
        look_at(page, "sessions")
        page.get_by_role("link", name="Kỳ họp thứ 12").click()
        expect(page.locator("#h-votes")).to_be_visible()
        votes = page.locator("section[aria-labelledby=h-votes] li")
        expect(votes).to_have_count(2)
        expect(votes.nth(0)).to_contain_text("Thông qua")
        expect(votes.nth(0)).to_contain_text("Tán thành 45")
        expect(votes.nth(1)).to_contain_text("Không thông qua")
        expect(page.locator("#h-agenda")).to_be_visible()
        look_at(page, "session")

        page.get_by_role("link", name="15/2025/NQ-HĐND — Dự thảo nghị quyết về giá đất").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Nghị quyết 15/2025/NQ-HĐND")
        expect(page.locator(".timeline li")).to_have_count(1)
        look_at(page, "resolution")

        page.goto("/nghi-quyet?nam=2025")
        expect(page.locator(".petitions li")).to_have_count(1)
        look_at(page, "resolutions")

        popolo = httpx.get(f"{system.portal}/du-lieu-mo/popolo.json", timeout=10).json()
        assert "15/2025/NQ-HĐND" in str(popolo)
        # The flat files, relayed with their data card (relative paths still name them).
        card = f"{system.portal}/du-lieu-mo/ky-hop/datapackage.json"
        assert validate(card).valid
        resolutions = poll(lambda: httpx.get(f"{system.portal}/du-lieu-mo/ky-hop/"
                                             "resolutions.csv", timeout=10),
                           lambda answer: "15/2025/NQ-HĐND" in answer.text)
        assert resolutions.headers["content-type"] == "text/csv; charset=utf-8"
        assert httpx.get(f"{system.portal}/du-lieu-mo/ky-hop/popolo",
                         timeout=10).status_code == 404
        page.goto("/lich-hop")
        expect(page.locator("#h-clashes")).to_contain_text("(1)")
        look_at(page, "calendar")
        # The calendar to subscribe to, linked from the page and relayed by the portal.
        page.get_by_role("link", name="Theo dõi lịch này trong phần mềm lịch").wait_for()
        feed = httpx.get(f"{system.portal}/lich-hop.ics", timeout=10)
        assert feed.headers["content-type"].startswith("text/calendar")
        assert Calendar.from_ical(feed.content).walk("VEVENT")
    finally:
        context.close()


def book_two_clashing_meetings(system: System) -> None:
    """The Standing Committee and UBND both invite the same person at overlapping times."""
    hdnd, ubnd = bearer(system.jurisdiction, Agency.HDND), bearer(system.jurisdiction,
                                                                   Agency.UBND)
    with httpx.Client(base_url=system.sessions, timeout=10) as client:
        post(client, "/calendar", hdnd, {
            "organiser_kind": "standing_committee", "organiser": "Thường trực HĐND tỉnh",
            "title": "Giao ban Thường trực HĐND", "starts_at": "2025-11-26T08:00:00+07:00",
            "ends_at": "2025-11-26T10:00:00+07:00", "place": "Phòng họp số 1",
            "participants": ["Phan Văn Lợi"]})
        post(client, "/calendar", ubnd, {
            "organiser_kind": "ubnd", "organiser": "UBND tỉnh",
            "title": "Họp UBND tỉnh thường kỳ", "starts_at": "2025-11-26T09:30:00+07:00",
            "ends_at": "2025-11-26T11:00:00+07:00", "place": "Phòng họp UBND",
            "participants": ["Phan Văn Lợi"]})


def test_staff_take_a_session_to_a_passed_resolution(browser: Browser, system: System) -> None:
    hdnd_context, hdnd = signed_in(browser, system, "hdnd")
    ubnd_context, ubnd = signed_in(browser, system, "ubnd", "Sở Tài chính")
    try:
        hdnd.goto("/ky-hop/moi")
        look_at(hdnd, "session-new")
        hdnd.fill("#f-number", "13")
        hdnd.fill("#f-term", "X, 2021–2026")
        hdnd.fill("#f-title", "Kỳ họp thứ 13 (chuyên đề giá đất)")
        hdnd.fill("#f-planned_opening", "2025-09-10")
        hdnd.fill("#f-place", "Hội trường HĐND tỉnh")
        hdnd.fill("#f-total_deputies", "50")
        hdnd.get_by_role("button", name="Lưu kế hoạch").click()
        expect(hdnd.get_by_role("heading", level=1)).to_have_text(
            "Kỳ họp thứ 13 (chuyên đề giá đất)")
        session_url = hdnd.url

        hdnd.fill("#f-held_on", "2025-08-20")
        hdnd.fill("#f-agreed_opening", "2025-09-10")
        hdnd.fill("#f-agenda", "Dự thảo nghị quyết về bảng giá đất")
        hdnd.get_by_role("button", name="Lưu kết quả họp liên tịch").click()
        expect(hdnd.locator("#h-agenda")).to_be_visible()

        ubnd.goto(session_url)
        expect(ubnd.locator("#h-convene-form")).to_have_count(0)  # HĐND convenes, not UBND
        ubnd.select_option("#f-kind", "draft_resolution")
        ubnd.fill("#f-title", "Dự thảo nghị quyết về bảng giá đất")
        ubnd.select_option("#f-field", "land")
        ubnd.fill("#f-submitted_on", "2025-08-25")
        ubnd.get_by_role("button", name="Gửi tài liệu").click()
        expect(ubnd.locator("#h-documents")).to_be_visible()

        hdnd.goto(session_url)
        hdnd.fill("#f-present", "48")
        hdnd.fill("#f-opened_on", "2025-09-10")
        hdnd.get_by_role("button", name="Khai mạc kỳ họp").click()
        expect(hdnd.locator("dl.facts")).to_contain_text("Đã khai mạc")
        look_at(hdnd, "session-vote-form")
        hdnd.select_option("#f-document_id", label="Dự thảo nghị quyết về bảng giá đất")
        for name, count in (("yes", "44"), ("no", "3"), ("abstain", "1"), ("absent", "2")):
            hdnd.fill(f"#f-{name}", count)
        hdnd.fill("#f-number", "20/2025/NQ-HĐND")
        hdnd.fill("#f-voted_on", "2025-09-11")
        hdnd.get_by_role("button", name="Ghi kết quả biểu quyết").click()
        expect(hdnd.locator("section[aria-labelledby=h-votes]")).to_contain_text("Thông qua")
        hdnd.fill("#f-closed_on", "2025-09-11")
        hdnd.get_by_role("button", name="Bế mạc kỳ họp").click()
        expect(hdnd.locator("dl.facts")).to_contain_text("Đã bế mạc")
        hdnd.get_by_role("link", name="20/2025/NQ-HĐND — Dự thảo nghị quyết về bảng giá đất"
                         ).click()
        expect(hdnd.get_by_role("heading", level=1)).to_have_text("Nghị quyết 20/2025/NQ-HĐND")
        look_at(hdnd, "resolution-passed")
    finally:
        hdnd_context.close()
        ubnd_context.close()
