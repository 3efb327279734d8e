"""The yearly review in the browser. With a supervision year planned over the oversight
API (programmes, an overlap, recommendations), a UBND clerk records two letters through the portal's
form (a complaint and a petition); the oversight service counts them from the letters
stream into its review. The clerk opens "Báo cáo sơ kết" from the menu (this year by
default), sees "Đơn thư tiếp nhận" at 2 beside last year's 0 with its chart, follows the
figure to its two records and on to a letter's page, downloads the CSV and the DOCX (opened
with python-docx: the letters' row holds 2), and a period ending before it starts is
refused beside its field. axe-core checks each page, desktop and phone."""

from __future__ import annotations

import time
from io import BytesIO
from pathlib import Path

import httpx
import pytest
from docx import Document
from playwright.sync_api import Browser, Page, expect

from kernel.clock import SystemClock, today_in_vietnam
from tests.browser.conftest import System, signed_in
from tests.browser.looking import SHOTS, look_at
from tests.e2e.oversight_seed import plan_supervision_year

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.browser,
              pytest.mark.slow]
FIGURE = "Đơn thư tiếp nhận"
LETTERS = (("complaint", "Khiếu nại việc thu hồi đất làm đường tỉnh 864 chưa bồi thường.",
            "Nguyễn Văn Bình"),
           ("petition", "Kiến nghị sửa chữa cầu Kênh Xáng bị sụt lún.", "Trần Thị Mai"))


def record_letter(page: Page, kind: str, summary: str, sender: str) -> None:
    page.goto("/don-thu/moi")
    page.select_option("#f-kind", kind)
    page.select_option("#f-channel", "reception")
    page.fill("#f-received_on", today_in_vietnam(SystemClock()).isoformat())
    page.fill("#f-summary", summary)
    page.fill("#f-sender_name", sender)
    page.get_by_role("button", name="Ghi nhận đơn").click()
    expect(page.locator(".timeline li")).to_have_count(1)


def figure_row(page: Page) -> str:
    row = page.locator("table.review tr", has=page.get_by_role("link", name=FIGURE, exact=True))
    return " | ".join(row.locator("td").all_inner_texts()[:3]) if row.count() else ""


def wait_for_the_review(page: Page, expected: str, seconds: float = 30) -> None:
    """The oversight service counts from the letters stream (eventually consistent): the
    page is reloaded until the figure is there."""
    deadline = time.monotonic() + seconds
    while (shown := figure_row(page)) != expected and time.monotonic() < deadline:
        time.sleep(0.5)
        page.reload()
    assert shown == expected


def test_a_clerk_reads_the_year_s_review_follows_a_figure_and_downloads_the_report(
    browser: Browser, system: System
) -> None:
    year = today_in_vietnam(SystemClock()).year
    with httpx.Client(base_url=system.oversight, timeout=10) as client:
        plan_supervision_year(client, system.jurisdiction)  # the supervision section too
    context, page = signed_in(browser, system, "ubnd")
    try:
        for kind, summary, sender in LETTERS:
            record_letter(page, kind, summary, sender)

        page.get_by_role("navigation").get_by_role("link", name="Báo cáo sơ kết").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Báo cáo sơ kết thực hiện Quy chế phối hợp")
        expect(page.locator(".meta")).to_contain_text(f"năm {year}")
        wait_for_the_review(page, "2 | 0 | +2")
        chart = page.get_by_role("img", name="Biểu đồ: Tiếp nhận, xử lý đơn thư")
        expect(chart).to_be_visible()
        expect(chart.locator("text.chart-value").first).to_have_text(f"{year}: 2")
        look_at(page, "review-year")

        with page.expect_download() as asked:
            page.get_by_role("link", name="Tải báo cáo (DOCX)").click()
        report = asked.value
        assert report.suggested_filename == f"bao-cao-so-ket-{year}.docx"
        saved = SHOTS / "review-report.docx"  # kept beside the screenshots, to look at
        report.save_as(saved)
        document = Document(BytesIO(saved.read_bytes()))
        rows = [[cell.text for cell in row.cells] for table in document.tables
                for row in table.rows]
        assert [f"Kỳ này ({year})", f"Kỳ trước ({year - 1})"] == rows[2][1:3]
        letters = next(row for row in rows if row[0].startswith(FIGURE))
        assert letters[1:] == ["2", "0", "+2"]
        assert document.paragraphs[1].text == f"Sơ kết thực hiện Quy chế phối hợp năm {year}"

        page.get_by_role("link", name=FIGURE, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"{FIGURE} (2)")
        records = page.locator("table.records tbody tr")
        expect(records).to_have_count(2)
        expect(records.first.locator("td").nth(1)).to_have_text("Đơn thư")
        look_at(page, "review-records")
        with page.expect_download() as asked:
            page.get_by_role("link", name=f"Tải CSV: {FIGURE}").click()
        csv = Path(asked.value.path()).read_bytes()
        assert csv.startswith("\ufeffid,kind,title,occurred_on,href".encode())
        assert csv.count(b"\n") == 3  # the header and two letters

        records.first.get_by_role("link").click()
        expect(page).to_have_url(f"{system.portal}/don-thu/" + page.url.rsplit("/", 1)[-1])
        expect(page.locator(".timeline li")).to_have_count(1)

        page.goto(f"/bao-cao?tu-ngay={year}-12-31&den-ngay={year}-01-01")
        expect(page.locator("#e-review_to")).to_have_text("không được trước “Từ ngày”")
        expect(page.locator("#f-review_to")).to_have_attribute("aria-invalid", "true")
        look_at(page, "review-refused")
    finally:
        context.close()
