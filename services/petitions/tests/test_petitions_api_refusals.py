"""HTTP API over a real SQLite file: bad input gets a 4xx problem and changes nothing;
idempotent replays return the first response and store nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from petitions_testkit import TRANSPORT_DEPT, Auth

from chassis.settings import ServiceSettings
from chassis.web.auth import issue_token
from contracts.vocabulary import Agency
from petitions.application import Petitions

pytestmark = pytest.mark.integration
PROBLEM = "application/problem+json"


@pytest.fixture
def unchanged(sqlite_petitions: Petitions) -> Iterator[None]:
    """Asserts that the store holds no new event after the test's request."""
    before = sqlite_petitions.recorder.max_notification_id()
    yield
    assert sqlite_petitions.recorder.max_notification_id() == before


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def record(client: TestClient, auth: Auth, **more: Any) -> str:
    body = {"text": "Đề nghị nạo vét kênh Xáng", "channel": "mail", "commune": "Tân Phú", **more}
    response = client.post("/petitions", headers=auth(Agency.UBND), json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["petition"]["id"])


def forwarded(client: TestClient, auth: Auth, unit: str | None = None) -> str:
    pid = record(client, auth)
    classify = {"field": "environment", "level": "province", "agency": "ubnd", "unit": unit}
    assert client.post(f"/petitions/{pid}/classify", headers=auth(Agency.HDND),
                       json=classify).status_code == 200
    assert client.post(f"/petitions/{pid}/forward", headers=auth(Agency.HDND)).status_code == 200
    return pid


@pytest.fixture
def pid(client: TestClient, auth: Auth) -> str:
    return forwarded(client, auth, unit=TRANSPORT_DEPT)


def test_a_command_without_a_token_is_unauthorized(client: TestClient) -> None:
    with_no_token = client.post("/petitions", json={"text": "x", "channel": "mail",
                                                    "commune": "Tân Phú"})
    problem(with_no_token, 401)
    assert with_no_token.headers["www-authenticate"] == "Bearer"


@pytest.mark.usefixtures("unchanged")
def test_invalid_tokens_are_unauthorized(client: TestClient, settings: ServiceSettings) -> None:
    body = {"text": "x", "channel": "mail", "commune": "Tân Phú"}
    problem(client.post("/petitions", json=body, headers={"Authorization": "Bearer nonsense"}),
            401)
    other = ServiceSettings(environment="test",
                            jwt_signing_key="another-signing-key-that-is-long-enough-1234")
    forged = issue_token(other, agency=Agency.MTTQ, role="staff")
    problem(client.post("/petitions", json=body, headers={"Authorization": f"Bearer {forged}"}),
            401)


@pytest.mark.usefixtures("unchanged")
def test_malformed_json_is_a_bad_request(client: TestClient, auth: Auth) -> None:
    headers = auth(Agency.UBND, **{"Content-Type": "application/json"})
    problem(client.post("/petitions", content=b'{"text": "unterminated', headers=headers), 400)


@pytest.mark.usefixtures("unchanged")
def test_an_oversized_body_is_refused_before_it_is_read(client: TestClient, auth: Auth) -> None:
    huge = {"text": "x" * (70 * 1024), "channel": "mail", "commune": "Tân Phú"}
    problem(client.post("/petitions", headers=auth(Agency.UBND), json=huge), 413)


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize("body", [
    {"text": "x" * 5001, "channel": "mail", "commune": "Tân Phú"},  # text over its maximum
    {"text": "", "channel": "mail", "commune": "Tân Phú"},
    {"text": "x", "channel": "pigeon", "commune": "Tân Phú"},
    {"text": "x", "channel": "mail", "commune": "Tân Phú", "surprise": 1},
    {"text": "x", "channel": "mail"},  # no commune and no meeting (domain rule)
    {"text": "x", "channel": "meeting", "commune": "Tân Phú"},  # meeting not named
])
def test_invalid_petitions_are_unprocessable(
    client: TestClient, auth: Auth, body: dict[str, Any]
) -> None:
    problem(client.post("/petitions", headers=auth(Agency.UBND), json=body), 422)


@pytest.mark.usefixtures("unchanged")
def test_unknown_ids_are_not_found(client: TestClient, auth: Auth) -> None:
    missing = "0b5e6f3c-0000-4000-8000-000000000000"
    problem(client.get(f"/petitions/{missing}"), 404)
    problem(client.get(f"/petitions/{missing}/history"), 404)
    problem(client.get(f"/voter-contacts/{missing}"), 404)
    problem(client.post(f"/petitions/{missing}/forward", headers=auth(Agency.HDND)), 404)
    problem(client.post("/petitions", headers=auth(Agency.MTTQ), json={
        "text": "x", "channel": "meeting", "meeting_id": missing}), 404)
    problem(client.get("/petitions/not-a-uuid"), 422)


def test_answer_before_forwarding_is_a_conflict(
    client: TestClient, auth: Auth, sqlite_petitions: Petitions
) -> None:
    pid = record(client, auth)
    before = sqlite_petitions.recorder.max_notification_id()
    body = problem(client.post(f"/petitions/{pid}/answer", headers=auth(Agency.UBND),
                               json={"text": "Trả lời"}), 409)
    assert body["type"].endswith("/conflict")
    assert sqlite_petitions.recorder.max_notification_id() == before


def test_petitions_are_recorded_only_at_held_meetings(
    client: TestClient, auth: Auth, sqlite_petitions: Petitions
) -> None:
    meeting = client.post("/voter-contacts", headers=auth(Agency.MTTQ), json={
        "title": "TXCT", "scheduled_on": "2025-09-20", "place": "Nhà văn hóa",
        "commune": "Tân Phú", "deputies": ["Nguyễn Văn A"]}).json()
    before = sqlite_petitions.recorder.max_notification_id()
    problem(client.post("/petitions", headers=auth(Agency.MTTQ), json={
        "text": "x", "channel": "meeting", "meeting_id": meeting["id"]}), 409)
    assert sqlite_petitions.recorder.max_notification_id() == before


def test_who_may_do_what(
    client: TestClient, auth: Auth, pid: str, sqlite_petitions: Petitions
) -> None:
    before = sqlite_petitions.recorder.max_notification_id()
    answer = {"text": "Trả lời"}
    for wrong in (auth(Agency.HDND), auth(Agency.UBND), auth(Agency.UBND, unit="Sở Y tế")):
        problem(client.post(f"/petitions/{pid}/answer", headers=wrong, json=answer), 403)
    problem(client.post(f"/petitions/{pid}/publish-answer", headers=auth(Agency.HDND)), 403)
    problem(client.post(f"/petitions/{pid}/classify", headers=auth(Agency.UBND), json={
        "field": "land", "level": "province", "agency": "ubnd"}), 403)
    problem(client.post("/voter-contacts", headers=auth(Agency.UBND), json={
        "title": "TXCT", "scheduled_on": "2025-09-20", "place": "p", "commune": "c",
        "deputies": ["d"]}), 403)
    assert sqlite_petitions.recorder.max_notification_id() == before
    answered = client.post(f"/petitions/{pid}/answer",
                           headers=auth(Agency.UBND, unit=TRANSPORT_DEPT), json=answer)
    assert answered.status_code == 200
    problem(client.post(f"/petitions/{pid}/publish-answer", headers=auth(Agency.UBND)), 403)


def test_an_idempotent_replay_returns_the_first_response_and_stores_nothing(
    client: TestClient, auth: Auth, sqlite_petitions: Petitions
) -> None:
    headers = auth(Agency.UBND, **{"Idempotency-Key": "ghi-nhan-001"})
    body = {"text": "Đề nghị lắp đèn đường", "channel": "online", "commune": "Mỹ Phong"}
    first = client.post("/petitions", headers=headers, json=body)
    assert first.status_code == 201 and "idempotent-replayed" not in first.headers
    stored = sqlite_petitions.recorder.max_notification_id()
    again = client.post("/petitions", headers=headers, json=body)
    assert (again.status_code, again.json()) == (201, first.json())
    assert again.headers["idempotent-replayed"] == "true"
    assert sqlite_petitions.recorder.max_notification_id() == stored
    other = dict(body, text="Một kiến nghị khác")
    reused = problem(client.post("/petitions", headers=headers, json=other), 422)
    assert reused["type"].endswith("/idempotency-key-reused")
    assert sqlite_petitions.recorder.max_notification_id() == stored
    elsewhere = client.post("/petitions", headers=auth(Agency.HDND, **{
        "Idempotency-Key": "ghi-nhan-001"}), json=body)  # another caller's key space
    assert elsewhere.status_code == 201 and elsewhere.json() != first.json()


def test_idempotent_commands_on_an_existing_petition(
    client: TestClient, auth: Auth, pid: str, sqlite_petitions: Petitions
) -> None:
    headers = auth(Agency.UBND, unit=TRANSPORT_DEPT, **{"Idempotency-Key": "tra-loi-1"})
    first = client.post(f"/petitions/{pid}/answer", headers=headers, json={"text": "Đã xử lý"})
    assert first.status_code == 200
    stored = sqlite_petitions.recorder.max_notification_id()
    again = client.post(f"/petitions/{pid}/answer", headers=headers, json={"text": "Đã xử lý"})
    assert (again.status_code, again.json()) == (200, first.json())  # not a 409
    assert sqlite_petitions.recorder.max_notification_id() == stored
    problem(client.post(f"/petitions/{pid}/answer", headers=headers,
                        json={"text": "Khác"}), 422)
    problem(client.post(f"/petitions/{pid}/answer", headers={**headers,
            "Idempotency-Key": "x" * 300}, json={"text": "Đã xử lý"}), 400)
