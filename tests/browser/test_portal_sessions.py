"""The council's work as the public sees it in the browser: a session held over the
sessions API (plan, joint meeting, documents, convening, two votes, closing) shows on the
portal with its agenda, its documents and its votes; the passed resolution has its page,
is in the list of resolutions; the calendar shows a clash. axe-core checks each page."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from contracts.vocabulary import Agency
from tests.browser.conftest import System
from tests.browser.looking import DESKTOP, look_at
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

        page.goto("/lich-hop")
        expect(page.locator("#h-clashes")).to_contain_text("(1)")
        look_at(page, "calendar")
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
