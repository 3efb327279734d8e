"""The letters pages in process, against the letters service as a real process: every bad
input a careless clerk or an attacker sends is a page in Vietnamese (4xx), nothing is
stored, and a denouncer's identity typed into a refused form is never sent back."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from chassis.settings import ServiceSettings
from chassis.web.auth import issue_token
from contracts.vocabulary import Agency
from portal.settings import PortalSettings
from portal.viewer import TOKEN_COOKIE
from portal.web import create_portal_app
from tests.e2e.processes import ServiceProcess

KEY = "a-test-key-of-enough-length-for-hs256"
NOWHERE = "http://127.0.0.1:9"
pytestmark = [pytest.mark.e2e, pytest.mark.integration]
JURISDICTION = f"test-{uuid.uuid4().hex[:10]}"
PLANTED = {  # a distinctive identity, with diacritics
    "denouncer_name": "Trịnh Thị Bảo Mật Quỳnh", "denouncer_identity_number": "079188004321",
    "denouncer_address": "Số 7 hẻm Bí Mật, ấp Kín Đáo", "denouncer_phone": "0909 777 313",
}


@pytest.fixture(scope="module")
def letters_url(nats_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process = ServiceProcess("letters", tmp_path_factory.mktemp("letters"), nats_url,
                             JURISDICTION,
                             environment={"PHOIHOP_JWT_SIGNING_KEY": KEY}).start()
    try:
        yield process.url
    finally:
        process.stop()


def signed_in(client: TestClient, agency: str, role: str = "staff") -> TestClient:
    signed = client.post("/dang-nhap", data={"agency": agency, "role": role, "next": "/"})
    assert signed.status_code == 303
    return client


@pytest.fixture
def portal(letters_url: str) -> Iterator[TestClient]:
    settings = PortalSettings(environment="test", petitions_url=NOWHERE, sessions_url=NOWHERE,
                              notifier_url=NOWHERE, letters_url=letters_url,
                              jwt_signing_key=KEY, jurisdiction=JURISDICTION)
    with TestClient(create_portal_app(settings), follow_redirects=False) as client:
        yield signed_in(client, "ubnd")


def stored(letters_url: str) -> list[dict[str, Any]]:
    """Every letter the service holds, read with a token of its own (not the portal's)."""
    token = issue_token(ServiceSettings(jwt_signing_key=KEY, jurisdiction=JURISDICTION),
                        agency=Agency.UBND, role="staff", subject="reader")
    found = httpx.get(f"{letters_url}/letters", headers={"Authorization": f"Bearer {token}"},
                      timeout=10)
    assert found.status_code == 200
    items: list[dict[str, Any]] = found.json()["items"]
    return items


def a_letter(**changes: str) -> dict[str, str]:
    return {"kind": "denunciation", "channel": "reception", "received_on": "2026-11-02",
            "summary": "Tố cáo cán bộ địa chính nhận tiền khi cấp giấy chứng nhận.",
            **PLANTED, **changes}


def assert_not_echoed(page: httpx.Response) -> None:
    for value in PLANTED.values():
        assert value not in page.text, value


@pytest.mark.parametrize(("changes", "field"), [
    ({"kind": ""}, "Loại đơn"),
    ({"kind": "rumour"}, "Loại đơn"),
    ({"channel": "pigeon"}, "Hình thức tiếp nhận"),
    ({"received_on": "02/11/2026"}, "Ngày nhận đơn"),
    ({"summary": ""}, "Tóm tắt nội dung đơn"),
    ({"summary": "x\u0000y"}, "Tóm tắt nội dung đơn"),
    ({"denouncer_identity_number": "12ab"}, "Người tố cáo"),
    ({"denouncer_phone": "call me"}, "Người tố cáo"),
    ({"denouncer_name": "", "denouncer_email": "not-an-address"}, "Người tố cáo"),
], ids=["no-kind", "unknown-kind", "unknown-channel", "not-a-date", "no-summary",
        "control-character", "bad-identity-number", "bad-phone", "bad-email-no-name"])
def test_a_refused_record_form_says_which_field_in_vietnamese_and_never_echoes_the_identity(
        portal: TestClient, letters_url: str, changes: dict[str, str], field: str) -> None:
    before = len(stored(letters_url))
    page = portal.post("/don-thu", data=a_letter(**changes))
    assert page.status_code == 422, page.text
    assert page.headers["content-type"].startswith("text/html")
    assert "Chưa thực hiện được" in page.text and "Xin sửa các mục sau:" in page.text
    assert field in page.text
    assert_not_echoed(page)
    assert len(stored(letters_url)) == before


def test_a_denouncer_named_in_the_senders_field_is_refused_and_not_shown_back(
        portal: TestClient, letters_url: str) -> None:
    before = len(stored(letters_url))
    page = portal.post("/don-thu", data=a_letter(sender_name=PLANTED["denouncer_name"]))
    assert 400 <= page.status_code < 500
    assert_not_echoed(page)
    assert len(stored(letters_url)) == before


def test_a_recorded_denunciation_shows_only_that_the_vault_holds_its_denouncer(
        portal: TestClient, letters_url: str) -> None:
    recorded = portal.post("/don-thu", data=a_letter())
    assert recorded.status_code == 303
    location = recorded.headers["location"]
    assert location.startswith("/don-thu/") and "Qu" not in location
    for path in (location.split("#")[0], "/don-thu", "/don-thu?loai=denunciation"):
        page = portal.get(path)
        assert page.status_code == 200
        assert_not_echoed(page)
    assert "Có thông tin người tố cáo" in portal.get(location.split("#")[0]).text


@pytest.mark.parametrize("query", ["loai=rumour", "trang_thai=lost", "han=yesterday"])
def test_a_list_filter_that_is_not_a_choice_is_refused_in_words(
        portal: TestClient, query: str) -> None:
    page = portal.get(f"/don-thu?{query}")
    assert page.status_code == 422
    assert "Bộ lọc không hợp lệ" in page.text


def test_the_handling_forms_refuse_bad_input_in_words_and_store_nothing(
        portal: TestClient, letters_url: str) -> None:
    recorded = portal.post("/don-thu", data=a_letter(
        kind="complaint", sender_name="Lê Văn Khiếu", **dict.fromkeys(PLANTED, "")))
    letter_id = recorded.headers["location"].split("/")[2].split("#")[0]
    refusals = [
        (f"/don-thu/{letter_id}/chuyen", {"to": "", "reason": "Không thuộc thẩm quyền"}),
        (f"/don-thu/{letter_id}/chuyen", {"to": "province", "reason": "x"}),
        (f"/don-thu/{letter_id}/chuyen", {"to": "hdnd"}),
        (f"/don-thu/{letter_id}/huong-dan", {"reason": ""}),
        (f"/don-thu/{letter_id}/thu-ly", {"accepted_on": "hôm qua"}),
    ]
    for path, form in refusals:
        page = portal.post(path, data=form)
        assert page.status_code == 422, (path, form, page.status_code)
        assert "text/html" in page.headers["content-type"]
        assert "Chi tiết" in page.text or "chưa" in page.text
    letter = next(item for item in stored(letters_url) if item["id"] == letter_id)
    assert letter["status"] == "received"


def test_another_body_cannot_act_on_the_letter_and_is_told_so(
        portal: TestClient, letters_url: str) -> None:
    recorded = portal.post("/don-thu", data=a_letter(
        kind="complaint", sender_name="Lê Văn Khiếu", **dict.fromkeys(PLANTED, "")))
    letter_id = recorded.headers["location"].split("/")[2].split("#")[0]
    portal.cookies.delete(TOKEN_COOKIE)
    signed_in(portal, "hdnd")
    page = portal.get(f"/don-thu/{letter_id}")
    assert page.status_code == 200 and "Thụ lý đơn" not in page.text  # no forms shown
    refused = portal.post(f"/don-thu/{letter_id}/thu-ly", data={})
    assert refused.status_code == 403 and "text/html" in refused.headers["content-type"]
    unknown = portal.get(f"/don-thu/{uuid.uuid4()}")
    assert unknown.status_code == 404
    malformed = portal.get("/don-thu/not-a-letter")
    assert malformed.status_code == 422 and "không hợp lệ" in malformed.text


def test_visitors_are_sent_to_sign_in(tmp_path: Path) -> None:
    settings = PortalSettings(environment="test", petitions_url=NOWHERE, sessions_url=NOWHERE,
                              notifier_url=NOWHERE, letters_url=NOWHERE, jwt_signing_key=KEY)
    with TestClient(create_portal_app(settings), follow_redirects=False) as client:
        for path in ("/don-thu", "/don-thu/moi", f"/don-thu/{uuid.uuid4()}"):
            sent = client.get(path)
            assert sent.status_code == 303 and sent.headers["location"].startswith(
                "/dang-nhap?next=/don-thu"), path
        posted = client.post("/don-thu", data=a_letter())
        assert posted.status_code == 303
        assert "Qu" not in posted.headers["location"]  # no identity in the URL


def test_no_token_the_portal_mints_reveals_a_denouncer_but_the_handling_leader_s(
        portal: TestClient, letters_url: str) -> None:
    """The portal signs everyone in with a token of their own agency and role, valid at the
    letters API too. Every agency and role it signs in, the reveal of a denunciation UBND
    handles answers 403 but for UBND's leader; "system" is never minted (by the development
    sign-in nor from an identity provider's claim); and no portal route reaches the reveal."""
    from chassis.web.auth import ROLES
    from portal import oidc
    from portal.routes.signin import PEOPLE_ROLES

    recorded = portal.post("/don-thu", data=a_letter())
    letter_id = recorded.headers["location"].split("/")[2].split("#")[0]
    answered: dict[tuple[str, str], int] = {}
    for agency in Agency:
        for role in ROLES:
            signed = portal.post("/dang-nhap", data={"agency": agency.value, "role": role})
            if role not in PEOPLE_ROLES:
                assert signed.status_code == 422, role  # refused, the last token kept
                continue
            token = portal.cookies[TOKEN_COOKIE]
            reveal = httpx.post(f"{letters_url}/letters/{letter_id}/denouncer/reveal",
                                json={"why": "Kiểm tra quyền"}, timeout=10,
                                headers={"Authorization": f"Bearer {token}"})
            answered[(agency.value, role)] = reveal.status_code
            if reveal.status_code != 200:
                assert_not_echoed(reveal)
    assert "system" not in PEOPLE_ROLES and "system" not in oidc.ROLES_GRANTED
    assert {who for who, status in answered.items() if status == 200} == {("ubnd", "leader")}
    assert {status for who, status in answered.items() if who != ("ubnd", "leader")} == {403}
    assert len(answered) == len(Agency) * len(PEOPLE_ROLES)

    settings = portal.app.state.settings  # type: ignore[attr-defined]
    with pytest.raises(oidc.UnusableClaims):
        oidc.staff_claims({"sub": "a", settings.oidc_agency_claim: "ubnd",
                           settings.oidc_role_claim: "system"}, settings)
    paths = [getattr(route, "path", "") for route in portal.app.routes]
    assert not [path for path in paths if "denouncer" in path or "reveal" in path]
    calls = re.compile(r"""["'][^"'\n]*/denouncer""")  # a path string, not a docstring's
    source = Path(oidc.__file__).parent
    assert not [p for p in source.rglob("*.py") if calls.search(p.read_text("utf-8"))]
