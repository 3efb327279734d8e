"""Answers on time per agency (public) and the overdue lists per agency and unit (staff),
in a real browser against the services as processes.

Overdue needs time to pass: before the services start, the petitions store is filled
through the petitions application itself on a manual clock set forty days back (what a
year of work leaves in a store), so the figures below are the service's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from chassis.web.auth import Principal
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField
from kernel.clock import ManualClock
from petitions.application import Petitions
from tests.browser.conftest import System, new_jurisdiction, running_system, signed_in
from tests.browser.looking import DESKTOP, look_at

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.browser,
              pytest.mark.slow]

ROADS = "Sở Giao thông vận tải"
HEALTH = "Sở Y tế"
LATE_ROAD = "Đề nghị sửa cầu Rạch Miễu nhánh phụ, trả lời muộn"
OVERDUE_ROAD = "Đề nghị làm đèn tín hiệu ngã tư Tân Phú"
OVERDUE_HEALTH = ("Đề nghị bổ sung bác sĩ cho trạm y tế xã Mỹ Phong",
                  "Đề nghị cấp thêm thuốc bảo hiểm y tế cho trạm y tế Tân Phú")


def fill_the_store(data_dir: Path, jurisdiction: str) -> None:
    """Forty days ago HĐND forwarded eleven petitions to two UBND departments (due in 30
    days): the roads department answered five within days, one late, and one not at all;
    the health department answered one and left two unanswered."""
    settings = ServiceSettings(store="sqlite", data_dir=data_dir, jurisdiction=jurisdiction)
    clock = ManualClock(datetime.now(UTC) - timedelta(days=40))
    app = Petitions(store_environment(settings, "petitions"), clock=clock)

    def staff(agency: Agency, unit: str | None = None) -> Principal:
        return Principal(subject=f"{agency.value}-staff", agency=agency, role="staff",
                         jurisdiction=jurisdiction, unit=unit)

    def forwarded(text: str, unit: str) -> UUID:
        petition = app.record_petition(staff(Agency.MTTQ), text=text, channel="deputy",
                                       commune="Tân Phú")
        app.classify(staff(Agency.HDND), petition.id, field=PolicyField.HEALTH
                     if unit == HEALTH else PolicyField.TRANSPORT,
                     level=JurisdictionLevel.PROVINCE, agency=Agency.UBND, unit=unit)
        return app.forward(staff(Agency.HDND), petition.id).id

    try:
        on_time = [forwarded(f"Đề nghị sửa đường huyện số {n}", ROADS) for n in range(5)]
        late = forwarded(LATE_ROAD, ROADS)
        forwarded(OVERDUE_ROAD, ROADS)
        health_answered = forwarded("Đề nghị sửa mái trạm y tế Tân Phú", HEALTH)
        for text in OVERDUE_HEALTH:
            forwarded(text, HEALTH)
        clock.advance(timedelta(days=5))
        for petition_id in [*on_time, health_answered]:
            unit = HEALTH if petition_id == health_answered else ROADS
            app.answer(staff(Agency.UBND, unit), petition_id, "Đã trả lời cử tri")
        clock.advance(timedelta(days=30))
        app.answer(staff(Agency.UBND, ROADS), late, "Đã trả lời, sau hạn")
    finally:
        app.close()


@pytest.fixture(scope="module")
def filled(nats_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    data_dir = tmp_path_factory.mktemp("portal-figures")
    jurisdiction = new_jurisdiction()
    fill_the_store(data_dir, jurisdiction)
    with running_system(nats_url, data_dir, jurisdiction) as started:
        yield started


@pytest.fixture
def contexts() -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def test_a_visitor_sees_each_agencys_answers_on_time(
    browser: Browser, filled: System, contexts: list[BrowserContext]
) -> None:
    context = browser.new_context(base_url=filled.portal, viewport=DESKTOP, locale="vi-VN")
    contexts.append(context)
    page = context.new_page()
    page.goto("/")
    page.get_by_role("navigation", name="Chính").get_by_role("link",
                                                          name="Trả lời đúng hạn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Trả lời kiến nghị đúng hạn theo cơ quan")
    table = page.get_by_role("table")
    agency = table.locator("tr.agency-row")
    expect(agency).to_contain_text("UBND tỉnh")
    # answered 7: on time 6, late 1, share 86 %, overdue 3, not yet due 0
    expect(agency.locator("td")).to_have_text(["7", "6", "1", "86\u00a0%", "3", "0"])
    roads = table.locator("tr.unit-row", has_text=ROADS)
    expect(roads.locator("td")).to_have_text(["6", "5", "1", "83\u00a0%", "1", "0"])
    health = table.locator("tr.unit-row", has_text=HEALTH)
    # one answer is too few for a share (the rulebook's minimum is five)
    expect(health.locator("td")).to_have_text(["1", "1", "0", "chưa đủ số liệu", "2", "0"])
    expect(page.get_by_role("main")).to_contain_text("ít nhất 5 kiến nghị")
    look_at(page, "on-time")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Petitions answered on time, by agency")
    expect(health.locator("td").nth(3)).to_have_text("too few")
    look_at(page, "on-time-en")


def test_a_department_sees_its_overdue_petitions_and_every_agencys_by_unit(
    browser: Browser, filled: System, contexts: list[BrowserContext]
) -> None:
    context, page = signed_in(browser, filled, "ubnd", HEALTH)
    contexts.append(context)
    overdue = page.locator("section[aria-labelledby=h-overdue_list]")
    expect(overdue.get_by_role("heading")).to_contain_text("(2)")  # its own unit's only
    for text in OVERDUE_HEALTH:
        expect(overdue).to_contain_text(text)
    expect(overdue).not_to_contain_text(OVERDUE_ROAD)
    overdue.get_by_role("link", name="Quá hạn theo cơ quan, đơn vị").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kiến nghị quá hạn trả lời theo cơ quan, đơn vị")
    expect(page.locator("#danh-sach")).to_contain_text("(3)")
    look_at(page, "overdue")
    page.locator("tr.unit-row", has_text=ROADS).get_by_role("link", name="1").click()
    expect(page.locator("#danh-sach")).to_contain_text(f"UBND tỉnh – {ROADS} (1)")
    expect(page.locator("ul.petitions li")).to_have_count(1)
    expect(page.locator("ul.petitions")).to_contain_text(OVERDUE_ROAD)
    page.select_option("#f-agency", "hdnd")
    page.fill("#f-unit", "")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("#danh-sach")).to_contain_text("HĐND tỉnh (0)")
    look_at(page, "overdue-filtered")


def test_a_bad_filter_is_refused_in_vietnamese_words(filled: System) -> None:
    with httpx.Client(base_url=filled.portal, timeout=10) as portal:
        portal.post("/dang-nhap", data={"agency": "hdnd", "role": "staff"})
        unknown = portal.get("/qua-han", params={"co-quan": "tinh-uy"})
        too_long = portal.get("/qua-han", params={"don-vi": "x" * 201})
        bad_page = portal.get("/qua-han", params={"trang": "mot"})
    assert unknown.status_code == 422
    assert '<a href="#f-agency">Cơ quan</a>: chưa chọn đúng' in unknown.text
    for refused in (too_long, bad_page):
        assert refused.status_code == 422
        assert "Đường dẫn hoặc tham số không hợp lệ" in refused.text
    for refused in (unknown, too_long, bad_page):
        assert refused.headers["content-type"].startswith("text/html")
        assert "Traceback" not in refused.text and '"type"' not in refused.text
