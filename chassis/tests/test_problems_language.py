"""Problem documents in Vietnamese when the request prefers it, English otherwise; the
``type`` is the same in both (issue 14)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from chassis.settings import ServiceSettings
from chassis.web.app_factory import create_service_app
from chassis.web.languages import preferred_language
from chassis.web.problems import PROBLEM_JSON
from kernel.errors import Conflict, Invalid, Wording


class Note(BaseModel):
    text: str


class SessionClosed(Conflict):
    title = Wording("Session closed", "Kỳ họp đã bế mạc")


@pytest.fixture
def app() -> FastAPI:
    service = create_service_app(ServiceSettings(environment="test", max_body_bytes=100),
                                 service="language-test", title="t", description="d")

    @service.post("/notes")
    def record(note: Note) -> Note:
        return note

    @service.post("/sessions/{number}/close")
    def close(number: int) -> None:
        raise SessionClosed(Wording(f"session {number} is closed", f"kỳ họp {number} đã bế mạc"))

    @service.post("/plain")
    def plain() -> None:
        raise Invalid("roadmap_date (lộ trình) is required")

    return service


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def test_without_a_preference_the_problem_is_in_english(client: TestClient) -> None:
    body = client.post("/sessions/7/close").json()
    assert (body["title"], body["detail"]) == ("Session closed", "session 7 is closed")


def test_a_request_preferring_vietnamese_gets_it_with_the_same_type(client: TestClient) -> None:
    english = client.post("/sessions/7/close", headers={"Accept-Language": "en"})
    vietnamese = client.post("/sessions/7/close", headers={"Accept-Language": "vi-VN"})
    assert vietnamese.status_code == english.status_code == 409
    assert vietnamese.headers["content-type"] == PROBLEM_JSON
    assert vietnamese.json()["title"] == "Kỳ họp đã bế mạc"
    assert vietnamese.json()["detail"] == "kỳ họp 7 đã bế mạc"
    assert vietnamese.json()["type"] == english.json()["type"]
    assert "Accept-Language" in vietnamese.headers["Vary"]


@pytest.mark.parametrize(("accept_language", "title"), [
    ("en;q=0.5, vi;q=0.9", "Yêu cầu không hợp lệ"),
    ("vi;q=0.2, en", "Invalid request"),
    ("vi;q=0", "Invalid request"),
    ("fr, vi;q=0.1", "Yêu cầu không hợp lệ"),
    ("fr", "Invalid request"),
    ("*;q=0.5, en;q=0.1", "Yêu cầu không hợp lệ"),
    ("vi;q=nonsense", "Invalid request"),
])
def test_the_weights_decide(client: TestClient, accept_language: str, title: str) -> None:
    refused = client.post("/notes", json={}, headers={"Accept-Language": accept_language})
    assert refused.status_code == 422
    assert refused.json()["title"] == title
    assert refused.json()["type"] == "https://phoihop.vn/problems/validation"


def test_the_chassis_own_problems_are_in_both_languages(client: TestClient) -> None:
    vi = {"Accept-Language": "vi"}
    too_large = client.post("/notes", content=b"x" * 200, headers=vi)
    assert too_large.status_code == 413
    assert too_large.json()["title"] == "Nội dung quá lớn"
    assert too_large.json()["detail"] == "thân yêu cầu được tối đa 100 byte"
    malformed = client.post("/notes", content=b"{",
                            headers={**vi, "Content-Type": "application/json"})
    assert (malformed.status_code, malformed.json()["title"]) == (400, "JSON sai cú pháp")
    not_allowed = client.get("/notes", headers=vi)
    assert (not_allowed.status_code, not_allowed.json()["title"]) == (
        405, "Phương thức không được phép")
    missing = client.get("/nowhere", headers=vi)
    assert missing.json()["detail"] == "Không có đường dẫn này"


def test_a_detail_given_in_one_text_is_the_same_in_both(client: TestClient) -> None:
    english = client.post("/plain").json()
    vietnamese = client.post("/plain", headers={"Accept-Language": "vi"}).json()
    assert english["detail"] == vietnamese["detail"] == "roadmap_date (lộ trình) is required"
    assert (english["title"], vietnamese["title"]) == ("Unprocessable content",
                                                       "Nội dung không hợp lệ")


@pytest.mark.parametrize(("header", "language"), [
    (None, "en"), ("", "en"), ("vi", "vi"), ("VI-vn;q=1.0", "vi"), ("en, vi", "en"),
    ("vi, en", "vi"), ("vi;q=2", "en"), ("vi ; q=0.800, en;q=0.799", "vi"), ("*", "en"),
    ("de;q=0.9, *;q=0.1", "en"), ("en;q=0, *", "vi"), (",,;", "en"),
])
def test_accept_language_is_parsed_with_its_weights(header: str | None, language: str) -> None:
    assert preferred_language(header) == language
