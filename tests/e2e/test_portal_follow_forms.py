"""The follow pages in process, against the notifier and petitions as real processes and a
real SMTP server: a bad address or a made-up link is a page in Vietnamese (4xx) that sends
and stores nothing and never shows the address back; the clerk's offer at a meeting needs
the voter's consent, and with it the voter gets the confirmation (and nothing else)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from chassis.settings import ServiceSettings
from chassis.web.auth import issue_token
from contracts.vocabulary import Agency
from portal.settings import PortalSettings
from portal.web import create_portal_app
from tests.e2e.mailbox import Mailbox
from tests.e2e.processes import ServiceProcess

KEY = "a-test-key-of-enough-length-for-hs256"
NOWHERE = "http://127.0.0.1:9"
JURISDICTION = f"test-{uuid.uuid4().hex[:10]}"
VOTER = "ba.nguyen.van.sau@example.vn"
pytestmark = [pytest.mark.e2e, pytest.mark.integration]


@dataclass(frozen=True)
class Running:
    notifier: str
    petitions: str
    mailbox: Mailbox


@pytest.fixture(scope="module")
def running(nats_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    mailbox = Mailbox().start()
    data_dir = tmp_path_factory.mktemp("follow-forms")
    common = {"PHOIHOP_JWT_SIGNING_KEY": KEY}
    started = [ServiceProcess(module, data_dir, nats_url, JURISDICTION, environment={
        **common, **(mailbox.settings if module == "notifier" else {})}).start()
        for module in ("notifier", "petitions")]
    try:
        yield Running(started[0].url, started[1].url, mailbox)
    finally:
        for process in started:
            process.stop()
        mailbox.stop()


@pytest.fixture
def portal(running: Running) -> Iterator[TestClient]:
    settings = PortalSettings(environment="test", petitions_url=running.petitions,
                              sessions_url=NOWHERE, notifier_url=running.notifier,
                              letters_url=NOWHERE, jwt_signing_key=KEY,
                              jurisdiction=JURISDICTION)
    with TestClient(create_portal_app(settings), follow_redirects=False) as client:
        yield client


def bearer(agency: Agency, role: str = "staff") -> dict[str, str]:
    token = issue_token(ServiceSettings(jwt_signing_key=KEY, jurisdiction=JURISDICTION),
                        agency=agency, role=role, subject="reader")
    return {"Authorization": f"Bearer {token}"}


def confirmations(running: Running) -> list[dict[str, Any]]:
    """Every confirmation the notifier made (an operator's read of its records)."""
    found = httpx.get(f"{running.notifier}/notifications", params={"rule_id": "follow.confirm"},
                      headers=bearer(Agency.HDND, "admin"), timeout=10)
    assert found.status_code == 200, found.text
    return [n for n in found.json() if n["rule_id"] == "follow.confirm"]


@pytest.mark.parametrize("form", [
    {"email": "not-an-address", "kind": "petition"},
    {"email": VOTER, "kind": "letter"},
    {"email": VOTER, "kind": "petition", "item_id": "42"},
    {"email": VOTER, "kind": "petition", "language": "fr"},
], ids=["bad-address", "unknown-kind", "bad-id", "unknown-language"])
def test_a_bad_follow_form_is_a_page_in_vietnamese_that_sends_nothing(
        portal: TestClient, running: Running, form: dict[str, str]) -> None:
    before = len(confirmations(running))
    page = portal.post("/theo-doi", data={"item_id": str(uuid.uuid4()), **form})
    assert page.status_code == 422, page.text
    assert page.headers["content-type"].startswith("text/html")
    assert "Nhận tin qua thư điện tử" in page.text and 'role="alert"' in page.text
    assert "not-an-address" not in page.text and VOTER not in page.text
    assert len(confirmations(running)) == before


@pytest.mark.parametrize("path", ["/theo-doi/xac-nhan/{id}?t=0000", "/theo-doi/huy/{id}?t=",
                                  "/theo-doi/xoa/{id}?t=abc", "/theo-doi/cai-dat/{id}?t=x"])
def test_a_made_up_link_is_refused_in_words(portal: TestClient, path: str) -> None:
    page = portal.post(path.format(id=uuid.uuid4()), data={"cadence": "daily"})
    assert 400 <= page.status_code < 500, page.text
    assert "Đường dẫn không hợp lệ hoặc đã hết hiệu lực." in page.text
    shown = portal.get("/theo-doi/huy/" + str(uuid.uuid4()) + "?t=forged")
    assert shown.status_code in (403, 404) and "Đường dẫn không hợp lệ" in shown.text


def test_the_clerk_offers_the_follow_at_the_meeting_only_with_the_voters_consent(
        portal: TestClient, running: Running) -> None:
    mttq = bearer(Agency.MTTQ)
    with httpx.Client(base_url=running.petitions, timeout=10) as client:
        meeting = client.post("/voter-contacts", headers=mttq, json={
            "title": "TXCT trước kỳ họp thứ 6", "scheduled_on": str(date.today()),
            "place": "Nhà văn hóa ấp Bình Đức", "commune": "Bình Đức",
            "deputies": ["Nguyễn Văn An"]}).json()["id"]
        client.post(f"/voter-contacts/{meeting}/held", headers=mttq,
                    json={"held_on": str(date.today()), "attendance": 80})
    signed = portal.post("/dang-nhap", data={"agency": "mttq", "role": "staff", "next": "/"})
    assert signed.status_code == 303
    before = len(confirmations(running))
    no_consent = portal.post(f"/hoi-nghi/{meeting}/kien-nghi", data={
        "text": "Đề nghị lắp đèn chiếu sáng tuyến đường liên ấp Bình Đức",
        "follow_email": VOTER})
    assert no_consent.status_code == 422, no_consent.text
    assert "cử tri chưa đồng ý" in no_consent.text and VOTER not in no_consent.text
    assert len(confirmations(running)) == before  # no consent: nothing registered
    recorded = portal.post(f"/hoi-nghi/{meeting}/kien-nghi", data={
        "text": "Đề nghị nạo vét kênh thủy lợi ấp Bình Đức", "follow_email": VOTER,
        "follow_consent": "yes"})
    assert recorded.status_code == 303, recorded.text
    deadline = time.monotonic() + 15
    while not running.mailbox.to(VOTER) and time.monotonic() < deadline:
        time.sleep(0.1)
    mails = running.mailbox.to(VOTER)
    assert [str(m["Subject"]) for m in mails] == ["Xác nhận theo dõi kiến nghị"]
    made = confirmations(running)
    assert len(made) == before + 1
