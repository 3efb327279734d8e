"""Citizens' letters in the browser: a UBND clerk records a denunciation with the
denouncer's identity, a complaint and a petition through the form, accepts one, guides one,
forwards the denunciation to HĐND, filters the list by kind, state and limits; HĐND finds
the forwarded letter. A planted identity (with and without diacritics) is then in no page
either clerk saw, no URL the browser asked for, and no log of the portal or the letters
service. axe-core checks each page at desktop and phone widths."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote_plus

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from kernel.clock import SystemClock, today_in_vietnam
from tests.browser.conftest import System, running_system, signed_in
from tests.browser.looking import look_at

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.browser,
              pytest.mark.slow]

PLANTED = {"name": "Đặng Thị Ẩn Danh Quyên", "identity_number": "079199008642",
           "address": "Số 13 hẻm Kín Đáo, ấp Bí Mật", "phone": "0912 468 024"}


def without_marks(text: str) -> str:
    """The text without diacritics (đ too), as a careless copy might hold it."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in folded if unicodedata.category(c) != "Mn")


SEARCHED = [form for value in PLANTED.values() for form in {value, without_marks(value)}]


@pytest.fixture(scope="module")
def letters_system(nats_url: str, tmp_path_factory: pytest.TempPathFactory
                   ) -> Iterator[tuple[System, Path]]:
    data_dir = tmp_path_factory.mktemp("portal-letters")
    with running_system(nats_url, data_dir) as system:
        yield system, data_dir


class Seen:
    """Every page a clerk saw and every URL their browser asked for."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.urls: list[str] = []

    def watch(self, page: Page) -> None:
        page.on("request", self._asked)

    def _asked(self, request: Request) -> None:
        self.urls.append(request.url)

    def keep(self, page: Page, name: str) -> None:
        self.pages[name] = page.content()

    def look(self, page: Page, name: str) -> None:
        look_at(page, name)
        self.keep(page, name)


def menu(page: Page) -> None:
    """The letters list, by the main menu's link."""
    page.get_by_role("navigation").get_by_role("link", name="Đơn thư", exact=True).click()


def record(page: Page, kind: str, summary: str, received_days_ago: int = 0,
           sender: str | None = None, denouncer: dict[str, str] | None = None) -> None:
    menu(page)
    page.get_by_role("link", name="Tiếp nhận đơn").click()
    page.select_option("#f-kind", kind)
    page.select_option("#f-channel", "reception")
    received = today_in_vietnam(SystemClock()) - timedelta(days=received_days_ago)
    page.fill("#f-received_on", received.isoformat())
    page.fill("#f-summary", summary)
    if sender:
        page.fill("#f-sender_name", sender)
    for name, value in (denouncer or {}).items():
        page.fill(f"#f-denouncer_{name}", value)
    page.get_by_role("button", name="Ghi nhận đơn").click()


def test_a_clerk_handles_letters_and_the_denouncer_is_never_shown(
        browser: Browser, letters_system: tuple[System, Path]) -> None:
    system, data_dir = letters_system
    seen = Seen()
    context, page = signed_in(browser, system, "ubnd")
    try:
        seen.watch(page)
        menu(page)
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Đơn thư khiếu nại, tố cáo, kiến nghị, phản ánh")
        page.get_by_role("link", name="Tiếp nhận đơn").click()
        seen.look(page, "letter-new")

        # A refused form (an identity number the service does not take) is shown again in
        # words, without the identity the clerk typed.
        record(page, "denunciation", "Tố cáo cán bộ thu tiền trái phép khi cấp phép xây dựng.",
               denouncer={**PLANTED, "identity_number": "12-ab"})
        expect(page.locator("#loi")).to_contain_text("Người tố cáo")
        assert page.input_value("#f-denouncer_name") == ""
        expect(page.locator("#f-denouncer")).to_contain_text("xin nhập lại")
        seen.look(page, "letter-refused")

        record(page, "denunciation", "Tố cáo cán bộ thu tiền trái phép khi cấp phép xây dựng.",
               denouncer=PLANTED)
        expect(page.get_by_role("heading", level=1)).to_have_text("Tố cáo")
        expect(page.locator(".note").first).to_contain_text(
            "Có thông tin người tố cáo (được giữ bí mật, không hiển thị)")
        expect(page.locator(".timeline li")).to_have_count(1)
        seen.look(page, "letter-denunciation")
        denunciation = page.url.split("#")[0]
        page.select_option("#f-to", "hdnd")
        page.fill("#f-reason", "Thuộc thẩm quyền giải quyết của Thường trực HĐND tỉnh.")
        page.get_by_role("button", name="Chuyển đơn").click()
        expect(page.locator("#trang-thai")).to_contain_text("Đã chuyển cơ quan có thẩm quyền")
        seen.keep(page, "letter-forwarded")

        record(page, "complaint", "Khiếu nại quyết định thu hồi đất ở xã Tân Phước.",
               received_days_ago=8, sender="Lê Văn Khiếu")
        expect(page.locator(".facts")).to_contain_text("Lê Văn Khiếu")
        page.get_by_role("button", name="Thụ lý đơn").click()
        expect(page.locator("#trang-thai")).to_contain_text("Đã thụ lý, đang giải quyết")
        expect(page.locator(".facts")).to_contain_text("Hạn giải quyết")
        expect(page.locator(".timeline li")).to_have_count(2)
        seen.look(page, "letter-accepted")

        record(page, "petition", "Kiến nghị sửa đường liên ấp bị sạt lở.", received_days_ago=3,
               sender="Nguyễn Thị Kiến")
        page.fill("#f-guide_reason", "Gửi UBND xã Tân Phước, nơi quản lý tuyến đường này.")
        page.get_by_role("button", name="Gửi hướng dẫn").click()
        expect(page.locator("#trang-thai")).to_contain_text("Đã hướng dẫn người viết đơn")
        seen.keep(page, "letter-guided")

        record(page, "complaint", "Khiếu nại việc không cấp giấy chứng nhận quyền sử dụng đất.",
               received_days_ago=9, sender="Phạm Văn Chờ")
        menu(page)
        expect(page.locator(".letters li")).to_have_count(3)  # the forwarded one is HĐND's
        seen.look(page, "letters")
        page.select_option("#l-loai", "complaint")
        page.get_by_role("button", name="Lọc").click()
        expect(page.locator(".letters li")).to_have_count(2)
        page.select_option("#l-trang_thai", "received")
        page.get_by_role("button", name="Lọc").click()
        expect(page.locator(".letters li")).to_have_count(1)
        expect(page.locator(".letters li")).to_contain_text("không cấp giấy chứng nhận")
        page.goto("/don-thu?han=sap-den-han")
        expect(page.locator(".letters li")).to_have_count(1)
        expect(page.locator(".letters li")).to_contain_text("không cấp giấy chứng nhận")
        seen.look(page, "letters-due-soon")
        page.goto("/don-thu?loai=rumour")
        expect(page.locator("#loi")).to_contain_text("Bộ lọc không hợp lệ")
        seen.keep(page, "letters-bad-filter")
    finally:
        context.close()

    context, page = signed_in(browser, system, "hdnd")
    try:
        seen.watch(page)
        menu(page)
        expect(page.locator(".letters li")).to_have_count(1)
        page.locator(".letters li a").click()
        assert page.url.split("#")[0] == denunciation
        expect(page.get_by_role("button", name="Thụ lý đơn")).to_be_visible()
        seen.look(page, "letter-at-hdnd")
    finally:
        context.close()

    logs = {path.name: path.read_text(encoding="utf-8", errors="replace")
            for path in data_dir.glob("*.log")}
    assert {"portal.log", "letters.log"} <= set(logs)
    for value in SEARCHED:
        for name, html in seen.pages.items():
            assert value not in html, f"{value!r} on the page {name}"
        for url in seen.urls:
            assert value not in unquote_plus(url), url
        for name, text in logs.items():
            assert value not in text, f"{value!r} in {name}"
    assert len(seen.pages) >= 10 and len(seen.urls) > 20


def test_a_clerk_extends_decides_withdraws_records_an_appeal_and_reception_days(
        browser: Browser, letters_system: tuple[System, Path]) -> None:
    """The acts that follow acceptance, each from the letter's page and only when its state
    allows it; and the reception days with the periods short of them."""
    system, _ = letters_system
    context, page = signed_in(browser, system, "ubnd")
    today = today_in_vietnam(SystemClock())
    try:
        record(page, "denunciation", "Tố cáo việc thu phí chợ Bình Đông trái quy định.",
               received_days_ago=6, denouncer={"name": "Hồ Văn Kín", "phone": "0909 111 222"})
        expect(page.get_by_role("button", name="Gia hạn", exact=True)).to_have_count(0)
        page.get_by_role("button", name="Thụ lý đơn").click()
        expect(page.get_by_role("button", name="Thụ lý đơn")).to_have_count(0)
        # An extension dated in the future is refused in words, the form kept.
        page.fill("#f-extend_reason", "Vụ việc phức tạp, cần xác minh tại nhiều nơi.")
        page.fill("#f-extend_extended_on", (today + timedelta(days=2)).isoformat())
        page.get_by_role("button", name="Gia hạn", exact=True).click()
        expect(page.locator("#loi")).to_be_visible()
        expect(page.locator("#f-extend_reason")).to_have_value(
            "Vụ việc phức tạp, cần xác minh tại nhiều nơi.")
        seen_refused = page.content()
        assert "Hồ Văn Kín" not in seen_refused
        look_at(page, "letter-extend-refused")
        page.fill("#f-extend_extended_on", today.isoformat())
        page.get_by_role("button", name="Gia hạn", exact=True).click()
        expect(page.locator(".timeline")).to_contain_text("Gia hạn giải quyết")
        expect(page.locator(".card .hint").first).to_contain_text("đã gia hạn: 1")
        look_at(page, "letter-extended")
        page.fill("#f-decide_outcome", "Tố cáo đúng một phần; kiến nghị xử lý kỷ luật.")
        page.get_by_role("button", name="Ghi nhận kết quả giải quyết").click()
        expect(page.locator("#trang-thai")).to_contain_text("Đã giải quyết")
        expect(page.locator(".card")).to_have_count(0)  # a decided denunciation: no act left

        record(page, "complaint", "Khiếu nại quyết định bồi thường khi thu hồi đất ấp Mỹ Hòa.",
               received_days_ago=5, sender="Võ Thị Hai Lần")
        page.get_by_role("button", name="Thụ lý đơn").click()
        expect(page.get_by_role("heading", name="Rút khiếu nại")).to_be_visible()
        page.fill("#f-decide_outcome", "Giữ nguyên quyết định bồi thường.")
        page.get_by_role("button", name="Ghi nhận kết quả giải quyết").click()
        expect(page.get_by_role("heading", name="Khiếu nại lần hai")).to_be_visible()
        expect(page.locator("#f-sender_name")).to_have_value("Võ Thị Hai Lần")
        look_at(page, "letter-decided-appealable")
        first = page.url.split("#")[0]
        page.select_option("#f-channel", "mail")
        page.fill("#f-summary", "Khiếu nại lần hai: không đồng ý mức bồi thường ấp Mỹ Hòa.")
        page.get_by_role("button", name="Tiếp nhận khiếu nại lần hai").click()
        expect(page.get_by_text("Khiếu nại lần hai đối với đơn")).to_be_visible()
        assert page.url.split("#")[0] != first
        look_at(page, "letter-second-complaint")
        page.goto(first)
        expect(page.get_by_text("Đã có khiếu nại lần hai")).to_be_visible()
        expect(page.get_by_role("heading", name="Khiếu nại lần hai")).to_have_count(0)

        record(page, "complaint", "Khiếu nại việc thu hồi giấy phép kinh doanh tạp hóa.",
               sender="Đinh Văn Rút")
        page.fill("#f-withdraw_reason", "Người khiếu nại đã được giải thích và tự nguyện rút.")
        page.get_by_role("button", name="Ghi nhận rút khiếu nại").click()
        expect(page.locator("#trang-thai")).to_contain_text("Đã rút khiếu nại")
        look_at(page, "letter-withdrawn")

        record(page, "petition", "Kiến nghị lắp đèn chiếu sáng đường ấp Hòa Lợi.",
               sender="Châu Thị Đèn")
        page.get_by_role("navigation").get_by_role("link", name="Tiếp công dân").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Tiếp công dân định kỳ")
        look_at(page, "reception-empty")
        # In person without a place: refused in words, the form kept.
        page.select_option("#f-receiver", "ubnd_chair_commune")
        page.fill("#f-holder", "Xã Tân Phước")
        page.fill("#f-held_on", (today - timedelta(days=20)).isoformat())
        page.fill("#f-received_by", "Ông Trương Văn Xã, Chủ tịch UBND xã")
        page.fill("#f-citizens", "3")
        page.get_by_role("button", name="Ghi nhận buổi tiếp").click()
        expect(page.locator("#loi")).to_be_visible()
        expect(page.locator("#f-holder")).to_have_value("Xã Tân Phước")
        look_at(page, "reception-refused")
        page.fill("#f-place", "Trụ sở UBND xã Tân Phước")
        page.get_by_role("button", name="Ghi nhận buổi tiếp").click()
        expect(page.locator(".receptions li")).to_have_count(1)
        expect(page.locator(".missed li").first).to_contain_text("Xã Tân Phước")

        page.select_option("#f-receiver", "ubnd_chair_province")
        page.fill("#f-received_by", "Bà Lâm Thị Tỉnh, Chủ tịch UBND tỉnh")
        page.check("#f-online")
        page.fill("#f-citizens", "2")
        page.get_by_label("Kiến nghị lắp đèn", exact=False).check()
        page.get_by_role("button", name="Ghi nhận buổi tiếp").click()
        expect(page.locator(".receptions li")).to_have_count(2)
        expect(page.locator(".receptions li").first).to_contain_text("Trực tuyến")
        expect(page.locator(".receptions li").first).to_contain_text("1 đơn")
        look_at(page, "reception")
    finally:
        context.close()
