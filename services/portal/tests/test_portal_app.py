"""The portal's own behaviour, in process: signing in and out, staff pages behind the
sign-in, the language switch, and errors shown as pages in words (never JSON) — here with
the services unreachable (nothing listens on the port given)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from chassis.service_specs import installed_services
from chassis.web.auth import verify_token
from portal.settings import PortalSettings
from portal.viewer import TOKEN_COOKIE
from portal.web import create_portal_app

NOWHERE = "http://127.0.0.1:9"  # the discard port: connection refused


def portal(environment: str = "test") -> TestClient:
    settings = PortalSettings(environment=environment, petitions_url=NOWHERE,
                              sessions_url=NOWHERE, notifier_url=NOWHERE,
                              jwt_signing_key="a-test-key-of-enough-length-for-hs256")
    return TestClient(create_portal_app(settings), follow_redirects=False)


@pytest.fixture
def client() -> Iterator[TestClient]:
    with portal() as client:
        yield client


def test_signing_in_keeps_the_token_in_an_httponly_cookie(client: TestClient) -> None:
    signed = client.post("/dang-nhap", data={"agency": "ubnd", "role": "staff",
                                             "unit": "Sở Xây dựng", "next": "/hop-thu"})
    assert (signed.status_code, signed.headers["location"]) == (303, "/hop-thu")
    cookie = signed.headers["set-cookie"]
    assert cookie.startswith(f"{TOKEN_COOKIE}=") and "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    principal = verify_token(client.app.state.settings, client.cookies[TOKEN_COOKIE])
    assert (principal.agency.value, principal.role, principal.unit) == (
        "ubnd", "staff", "Sở Xây dựng")
    home = client.get("/")
    assert "UBND tỉnh – Sở Xây dựng" in home.text
    signed_out = client.post("/dang-xuat")
    assert signed_out.status_code == 303 and TOKEN_COOKIE not in client.cookies


def test_a_wrong_choice_is_refused_in_words_and_signs_nobody_in(client: TestClient) -> None:
    refused = client.post("/dang-nhap", data={"agency": "province", "role": "staff"})
    assert refused.status_code == 422 and TOKEN_COOKIE not in client.cookies
    assert '<a href="#f-agency">Cơ quan</a>: chưa chọn đúng' in refused.text


def test_production_has_no_development_sign_in() -> None:
    with portal("production") as client:
        page = client.get("/dang-nhap")
        assert "Đăng nhập phát triển đã tắt" in page.text
        refused = client.post("/dang-nhap", data={"agency": "hdnd", "role": "staff"})
        assert refused.status_code == 404 and TOKEN_COOKIE not in client.cookies


def test_staff_pages_send_visitors_to_sign_in_and_back(client: TestClient) -> None:
    for path in ("/ban-lam-viec", "/hop-thu", "/hoi-nghi", "/hoi-nghi/moi", "/tong-hop?q=%C4%91"):
        sent = client.get(path)
        assert sent.status_code == 303, path
        assert sent.headers["location"].startswith("/dang-nhap?next=/"), path


def test_an_unreachable_service_is_a_page_in_words(client: TestClient) -> None:
    page = client.get("/tra-cuu", params={"q": "đường"})
    assert page.status_code == 503
    assert page.headers["content-type"].startswith("text/html")
    assert "Không kết nối được dịch vụ Kiến nghị cử tri" in page.text


def test_bad_addresses_are_pages_not_json(client: TestClient) -> None:
    missing = client.get("/khong-co")
    assert missing.status_code == 404 and "Không tìm thấy trang này" in missing.text
    malformed = client.get("/kien-nghi/not-a-uuid")
    assert malformed.status_code == 422 and "không hợp lệ" in malformed.text
    for page in (missing, malformed):
        assert page.headers["content-type"].startswith("text/html")


def test_the_language_switch_keeps_the_page_and_speaks_english(client: TestClient) -> None:
    switched = client.get("/ngon-ngu/en", params={"next": "/tra-cuu?q=x"})
    assert (switched.status_code, switched.headers["location"]) == (303, "/tra-cuu?q=x")
    home = client.get("/")
    assert '<html lang="en">' in home.text and "Search petitions" in home.text
    assert client.get("/ngon-ngu/vi", params={"next": "//evil.example"}).headers[
        "location"] == "/"


def test_assets_are_served_by_the_portal_itself(client: TestClient) -> None:
    home = client.get("/")
    assert 'src="/static/vendor/htmx-2.0.11.min.js"' in home.text
    assert "http://" not in home.text.split("<body")[0]  # no asset from elsewhere
    htmx = client.get("/static/vendor/htmx-2.0.11.min.js")
    assert htmx.status_code == 200 and "htmx" in htmx.text[:2000]
    assert client.get("/static/portal.css").status_code == 200


def test_make_run_starts_the_portal_first_on_port_8000() -> None:
    first = installed_services()[0]
    assert (first.name, first.default_port, first.pages) == ("portal", 8000, True)
