"""The petition journey in a real browser, against the services as processes.

MTTQ records three petitions at a held meeting (the second shows the first as similar
while it is typed), consolidates two with their sources visible; HĐND classifies and
forwards (the due date shown as the service computed it); the UBND department's inbox,
open all along, shows the petition without a reload; it answers (the only agency that
sees the form); MTTQ publishes; a visitor who is not signed in finds the answer by
searching a word of the petition without accents. Another visitor follows the petition
from its page by e-mail, confirms by the link the real SMTP server received, gets the
published answer by e-mail, and stops from the link in it. axe-core checks every page on
the way.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from email.message import Message

import httpx
import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, BrowserContext, Page, expect

from chassis.settings import ServiceSettings
from chassis.web.auth import issue_token
from contracts.vocabulary import VIETNAM, Agency
from tests.browser.conftest import System, signed_in
from tests.browser.looking import DESKTOP, look_at
from tests.e2e.mailbox import CONFIRM, UNSUBSCRIBE

pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.browser,
              pytest.mark.slow]

ROAD = "Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Tân Phú bị xuống cấp nghiêm trọng"
ROAD_AGAIN = "Cử tri phản ánh đường tỉnh 864 qua xã Tân Phú hư hỏng, đề nghị sửa chữa sớm"
TEACHERS = "Đề nghị bổ sung giáo viên tiếng Anh cho trường tiểu học Tân Phú"
MERGED = "Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Tân Phú"
ANSWER = "Sở Xây dựng đã bố trí vốn sửa chữa đường tỉnh 864 trong quý IV."
UNIT = "Sở Xây dựng"
FOLLOWER = "cu.tri.theo.doi@example.vn"
WAIT_MS = 20_000


@pytest.fixture
def contexts() -> Iterator[list[BrowserContext]]:
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def test_the_petition_journey_in_the_browser(
    browser: Browser, system: System, contexts: list[BrowserContext]
) -> None:
    visitor_context = browser.new_context(base_url=system.portal, viewport=DESKTOP)
    contexts.append(visitor_context)
    visitor = visitor_context.new_page()
    visitor.goto("/")
    look_at(visitor, "home")
    visitor.goto("/dang-nhap")
    look_at(visitor, "sign-in")

    mttq_context, mttq = signed_in(browser, system, "mttq")
    contexts.append(mttq_context)
    look_at(mttq, "workbench-mttq")
    meeting_url = plan_and_hold_meeting(mttq)
    find_the_meeting_in_the_list(mttq, meeting_url)
    record_three_petitions(mttq)
    merged_url = consolidate_two(mttq)
    follower_context = browser.new_context(base_url=system.portal, viewport=DESKTOP)
    contexts.append(follower_context)
    follower = follower_context.new_page()
    follow_by_email(follower, system, merged_url)

    ubnd_context, ubnd = signed_in(browser, system, "ubnd", UNIT)
    contexts.append(ubnd_context)
    ubnd.goto("/hop-thu")
    ubnd.evaluate("window.loadedOnce = true")  # gone if the page reloads

    hdnd_context, hdnd = signed_in(browser, system, "hdnd")
    contexts.append(hdnd_context)
    classify_and_forward(hdnd, system, merged_url)

    petition_link = ubnd.locator(f"#hop-thu a[href='{merged_url}']")
    expect(petition_link).to_be_visible(timeout=WAIT_MS)
    assert ubnd.evaluate("window.loadedOnce") is True, "the inbox reloaded"
    look_at(ubnd, "inbox-live")
    petition_link.first.click()
    expect(ubnd.get_by_role("heading", name="Trả lời kiến nghị")).to_be_visible()
    look_at(ubnd, "petition-answer-form")
    ubnd.fill("#f-text", ANSWER)
    ubnd.get_by_role("button", name="Gửi trả lời").click()
    expect(ubnd.locator("#trang-thai")).to_contain_text("Đã trả lời")

    mttq.goto(merged_url)
    mttq.get_by_role("button", name="Thông báo cho cử tri").click()
    expect(mttq.locator("#trang-thai")).to_contain_text("Đã thông báo kết quả")
    expect(mttq.locator(".timeline li")).to_have_count(5)  # consolidated … published
    look_at(mttq, "petition-published")
    mttq.fill("#ngay", "2020-01-01")  # before it existed: the service says so, in words
    mttq.get_by_role("button", name="Xem", exact=True).click()
    expect(mttq.locator(".problem")).to_contain_text("Không tìm thấy hồ sơ này")
    vietnam_today = datetime.now(VIETNAM).date()  # ?ngay= is a day in Vietnam's time
    mttq.goto(f"{merged_url}?ngay={vietnam_today.isoformat()}")
    expect(mttq.locator("p.note[role=status]")).to_contain_text("Đang xem trạng thái")
    expect(mttq.locator("#trang-thai")).to_contain_text("Đã thông báo kết quả")

    answer_mailed_then_stop(follower, system)
    ubnd.goto("/hop-thu")  # the department takes its e-mail as a daily digest
    ubnd.get_by_label("Một bản tin mỗi ngày").check()
    ubnd.get_by_role("button", name="Lưu").click()
    expect(ubnd.locator("#tan-suat ~ p[role=status]")).to_have_text("Đã lưu.")
    expect(ubnd.get_by_label("Một bản tin mỗi ngày")).to_be_checked()
    look_at(ubnd, "inbox-cadence")

    visitor.goto("/tra-cuu")
    visitor.fill("#q", "duong tinh 864")  # without accents, as people often type
    visitor.get_by_role("button", name="Tìm").click()
    expect(visitor.locator("#ket-qua")).to_contain_text("1 kết quả")
    expect(visitor.locator(".answer-excerpt")).to_contain_text(ANSWER)
    look_at(visitor, "search")
    visitor.get_by_role("link", name=MERGED).click()
    expect(visitor.locator("blockquote").last).to_have_text(ANSWER)
    look_at(visitor, "petition-public")
    visitor.get_by_role("link", name="English").click()  # the same page, in English
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    expect(visitor.locator("#trang-thai")).to_contain_text("Answer published")
    look_at(visitor, "petition-public-en")
    feed = poll(lambda: httpx.get(f"{system.portal}/ban-tin.atom", timeout=5),
                lambda response: MERGED in response.text)
    assert feed.headers["content-type"].startswith("application/atom+xml")
    assert meeting_url
    meetings = httpx.get(f"{system.portal}/hoi-nghi-txct.ics", timeout=10)
    assert meetings.headers["content-type"].startswith("text/calendar")
    meeting_id = meeting_url.rstrip("/").rsplit("/", 1)[-1]
    assert [event for event in Calendar.from_ical(meetings.content).walk("VEVENT")
            if str(event["UID"]).startswith(meeting_id)]


def follow_by_email(page: Page, system: System, petition_url: str) -> None:
    """A visitor follows the petition from its page and confirms by the e-mail's link."""
    assert system.mailbox is not None
    page.goto(petition_url)
    page.fill("#f-email", FOLLOWER)
    page.get_by_role("button", name="Theo dõi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hãy kiểm tra hộp thư của bạn")
    look_at(page, "follow-sent")
    confirmation = wait_for_mail(system, "Xác nhận theo dõi kiến nghị")
    link = CONFIRM.search(confirmation.get_content())
    assert link is not None and f"{system.portal}{link.group(0)}" in confirmation.get_content()
    page.goto(link.group(0))  # this portal's page
    look_at(page, "follow-confirm")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã xác nhận")
    look_at(page, "follow-confirmed")


def answer_mailed_then_stop(page: Page, system: System) -> None:
    """The published answer arrives by e-mail; its link stops every e-mail, no sign-in."""
    published = wait_for_mail(system, "Trả lời kiến nghị bạn theo dõi đã được công bố")
    text = published.get_content()
    assert ANSWER in text
    assert published["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = UNSUBSCRIBE.search(str(published["List-Unsubscribe"]))
    assert link is not None and link.group(0) in text
    page.goto(link.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tin bạn đang nhận")
    page.get_by_label("Một bản tin mỗi ngày").check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#cai-dat + p[role=status]")).to_have_text("Đã lưu.")
    look_at(page, "follow-manage")
    page.get_by_role("button", name="Hủy theo dõi").click()
    expect(page.get_by_role("status")).to_contain_text("Bạn đã hủy theo dõi")
    look_at(page, "follow-unsubscribed")


def wait_for_mail(system: System, subject: str) -> Message:
    assert system.mailbox is not None
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        for message in system.mailbox.to(FOLLOWER):
            if str(message["Subject"]) == subject:
                return message
        time.sleep(0.1)
    raise AssertionError(f"no e-mail {subject!r} to the follower: "
                         f"{[str(m['Subject']) for m in system.mailbox.to(FOLLOWER)]}")


def poll(fetch: Callable[[], httpx.Response], done: Callable[[httpx.Response], bool],
         within: float = 20.0) -> httpx.Response:
    """Fetch until ``done`` (the notifier follows the stream in its own time)."""
    deadline = time.monotonic() + within
    while not done(response := fetch()):
        assert time.monotonic() < deadline, f"not there within {within}s: {response.text}"
        time.sleep(0.2)
    return response


def plan_and_hold_meeting(page: Page) -> str:
    page.goto("/hoi-nghi/moi")
    look_at(page, "meeting-new")
    page.fill("#f-title", "TXCT trước kỳ họp thứ 5")
    page.fill("#f-scheduled_on", date.today().isoformat())
    page.fill("#f-place", "Hội trường UBND xã Tân Phú")
    page.fill("#f-commune", "Tân Phú")
    page.fill("#f-deputies", "Nguyễn Văn An\nTrần Thị Bình")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page).to_have_url(re.compile(r"/hoi-nghi/[0-9a-f-]{36}$"))
    meeting_url = page.url
    look_at(page, "meeting-planned")
    page.fill("#f-attendance", "140")
    page.get_by_role("button", name="Xác nhận đã tổ chức").click()
    expect(page.locator("dl.facts")).to_contain_text("Đã tổ chức")
    return meeting_url


def find_the_meeting_in_the_list(page: Page, meeting_url: str) -> None:
    """Its page is found again from the menu, among the held meetings of its commune."""
    page.goto("/ban-lam-viec")
    page.get_by_role("navigation", name="Chính").get_by_role("link", name="Hội nghị TXCT",
                                                          exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hội nghị tiếp xúc cử tri")
    expect(page.get_by_role("main").get_by_role("link", name="Lập kế hoạch hội nghị TXCT")
           ).to_be_visible()
    page.select_option("#tinh-trang", "da-to-chuc")
    page.fill("#xa", "tân phú")
    today, tomorrow = date.today(), date.today() + timedelta(days=1)
    page.fill("#f-scheduled_from", tomorrow.isoformat())  # a range that ends before it starts
    page.fill("#f-scheduled_to", today.isoformat())
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator(".problem")).to_contain_text("Đến ngày: không được trước “Từ ngày”")
    expect(page.locator("#f-scheduled_to")).to_have_attribute("aria-invalid", "true")
    look_at(page, "meetings-refused")
    page.fill("#f-scheduled_from", today.isoformat())
    page.get_by_role("button", name="Lọc").click()
    listed = page.locator(".meetings li", has_text="TXCT trước kỳ họp thứ 5")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("Đã tổ chức")
    expect(listed).to_contain_text("Hội trường UBND xã Tân Phú")
    expect(listed).to_contain_text("Nguyễn Văn An, Trần Thị Bình")
    look_at(page, "meetings")
    listed.get_by_role("link", name="TXCT trước kỳ họp thứ 5").click()
    expect(page).to_have_url(meeting_url)


def record_three_petitions(page: Page) -> None:
    record(page, ROAD)
    page.locator("#f-text").press_sequentially(ROAD_AGAIN)  # as a clerk types
    expect(page.locator("#tuong-tu")).to_contain_text(ROAD, timeout=WAIT_MS)
    look_at(page, "record-similar")
    page.get_by_role("button", name="Ghi nhận kiến nghị").click()
    expect(page.locator("#vua-ghi")).to_be_visible()
    expect(page.locator(".success .similar")).to_contain_text(ROAD)
    record(page, TEACHERS)


def record(page: Page, text: str) -> None:
    page.fill("#f-text", text)
    page.get_by_role("button", name="Ghi nhận kiến nghị").click()
    expect(page.locator(".success")).to_contain_text(text)


def consolidate_two(page: Page) -> str:
    page.goto("/tong-hop")
    expect(page.locator(".pick")).to_have_count(3)
    look_at(page, "consolidate")
    page.get_by_label(ROAD, exact=False).check()
    page.get_by_label(ROAD_AGAIN, exact=False).check()
    page.fill("#f-text", MERGED)
    page.get_by_role("button", name="Tổng hợp", exact=True).click()
    expect(page).to_have_url(re.compile(r"/kien-nghi/[0-9a-f-]{36}"))
    expect(page.locator("section[aria-labelledby=h-sources] li")).to_have_count(2)
    return page.url.split("#")[0].removeprefix(page.url.split("/kien-nghi/")[0])


def classify_and_forward(page: Page, system: System, petition_url: str) -> None:
    page.goto(petition_url)
    look_at(page, "petition-classify")
    page.select_option("#f-field", "transport")
    page.select_option("#f-level", "province")
    page.select_option("#f-agency", "ubnd")
    page.fill("#f-unit", UNIT)
    page.get_by_role("button", name="Lưu phân loại").click()
    expect(page.locator("#trang-thai")).to_contain_text("Đã phân loại")
    page.get_by_role("button", name="Chuyển xử lý").click()
    expect(page.locator("#trang-thai")).to_contain_text("Đã chuyển")
    due = httpx.get(f"{system.petitions}{petition_url.replace('/kien-nghi', '/petitions')}"
                    ).json()["forwarding"]["due_date"]
    expect(page.locator("dl.facts")).to_contain_text(date.fromisoformat(due).strftime("%d/%m/%Y"))
    expect(page.locator("form[action$='/tra-loi']")).to_have_count(0)  # HĐND does not answer
    look_at(page, "petition-forwarded")


def test_the_record_form_works_with_the_keyboard_alone(
    browser: Browser, system: System, contexts: list[BrowserContext]
) -> None:
    meeting_id = held_meeting_over_the_api(system)
    context, page = signed_in(browser, system, "mttq")
    contexts.append(context)
    page.goto(f"/hoi-nghi/{meeting_id}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    reached = tab_to(page, "f-text")
    assert reached, "Tab never reached the petition text"
    page.keyboard.type("Đề nghị lắp đèn chiếu sáng tuyến đường liên ấp Tân Phú")
    assert tab_to(page, "f-deputy", presses=5)
    page.keyboard.type("Nguyễn Văn An")
    # The voter's optional e-mail and consent come next (left empty: no follow offered).
    assert tab_to(page, "f-follow_email", presses=1)
    assert tab_to(page, "f-follow_consent", presses=1)
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.tagName, document.activeElement.type,"
                            " getComputedStyle(document.activeElement).outlineStyle]")
    assert focused == ["BUTTON", "submit", "solid"], focused  # the focus can be seen
    page.keyboard.press("Enter")
    expect(page.locator("#vua-ghi")).to_contain_text("Đã ghi nhận kiến nghị")
    expect(page.locator(".success")).to_contain_text("đèn chiếu sáng")


def tab_to(page: Page, element_id: str, presses: int = 40) -> bool:
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return True
    return False


def held_meeting_over_the_api(system: System) -> str:
    settings = ServiceSettings(jurisdiction=system.jurisdiction)
    token = issue_token(settings, agency=Agency.MTTQ, role="staff")
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=system.petitions, headers=headers, timeout=10) as client:
        planned = client.post("/voter-contacts", json={
            "title": "TXCT tháng 12", "scheduled_on": date.today().isoformat(),
            "place": "Nhà văn hóa ấp 3", "commune": "Tân Phú", "deputies": ["Nguyễn Văn An"]})
        assert planned.status_code == 201, planned.text
        meeting_id = str(planned.json()["id"])
        held = client.post(f"/voter-contacts/{meeting_id}/held",
                           json={"held_on": date.today().isoformat(), "attendance": 60})
        assert held.status_code == 200, held.text
    return meeting_id


@pytest.mark.parametrize(("query", "said"), [
    ({"tu-ngay": "31/12/2026"}, '<a href="#f-scheduled_from">Từ ngày</a>: không phải ngày hợp lệ'),
    ({"den-ngay": "2026-02-30"}, '<a href="#f-scheduled_to">Đến ngày</a>: không phải ngày hợp lệ'),
    ({"tu-ngay": "0001-01-01"}, "Từ ngày</a>: nằm ngoài khoảng mười năm"),
    ({"tu-ngay": "2026-05-02", "den-ngay": "2026-05-01"}, "Đến ngày</a>: không được trước"),
    ({"tu-ngay": "2" * 41}, "Đường dẫn hoặc tham số không hợp lệ"),
])
def test_bad_meeting_dates_are_refused_in_words(system: System, query: dict[str, str],
                                                said: str) -> None:
    with httpx.Client(base_url=system.portal, timeout=10) as portal:
        portal.post("/dang-nhap", data={"agency": "mttq", "role": "staff"})
        refused = portal.get("/hoi-nghi", params=query)
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("text/html")
    assert said in refused.text
    assert "Traceback" not in refused.text and '"type"' not in refused.text


def test_a_refused_form_says_what_is_wrong_in_vietnamese_words(system: System) -> None:
    meeting_id = held_meeting_over_the_api(system)
    with httpx.Client(base_url=system.portal, timeout=10) as portal:
        portal.post("/dang-nhap", data={"agency": "ubnd", "role": "staff"})
        refused = portal.post("/hoi-nghi", data={
            "title": "TXCT", "scheduled_on": "không phải ngày", "place": "Xã", "commune": "Xã",
            "deputies": "Nguyễn Văn An"})
        negative = portal.post(f"/hoi-nghi/{meeting_id}/da-to-chuc",
                               data={"held_on": date.today().isoformat(), "attendance": "-5"})
        again = portal.post(f"/hoi-nghi/{meeting_id}/da-to-chuc",
                            data={"held_on": date.today().isoformat(), "attendance": "50"})
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("text/html")
    assert '<a href="#f-scheduled_on">Ngày dự kiến</a>: chưa hợp lệ' in refused.text
    assert 'id="f-scheduled_on"' in refused.text and 'aria-invalid="true"' in refused.text
    assert '"type"' not in refused.text and "problem+json" not in refused.text
    assert negative.status_code == 422
    assert '<a href="#f-attendance">Số cử tri tham dự</a>: quá nhỏ' in negative.text
    assert again.status_code == 403  # UBND does not organise voter contact: in words
    assert "không có thẩm quyền làm việc này" in again.text
