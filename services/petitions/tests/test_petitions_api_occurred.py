"""HTTP API: an office records acts on the day they happened (occurred_on, forwarded_on,
answered_on, published_on, updated_on), typed later; a day that cannot be is a 422
problem document (in Vietnamese when asked) and nothing is stored. Real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from petitions_testkit import TODAY, Auth, SettableClock

from contracts.vocabulary import Agency
from petitions.application import Petitions, translate

pytestmark = pytest.mark.integration
PROBLEM = "application/problem+json"
VI = {"Accept-Language": "vi"}


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


@pytest.fixture
def unchanged(sqlite_petitions: Petitions) -> Iterator[None]:
    before = sqlite_petitions.recorder.max_notification_id()
    yield
    assert sqlite_petitions.recorder.max_notification_id() == before


def ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def problem(response: Any, status: int = 422) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def forwarded(client: TestClient, auth: Auth, received: int, forwarded_on: int) -> str:
    petition = ok(client.post("/petitions", headers=auth(Agency.MTTQ), json={
        "text": "Đề nghị nạo vét kênh Xáng", "channel": "mail", "commune": "Tân Phú",
        "occurred_on": day(received)}), 201)["petition"]
    pid = str(petition["id"])
    ok(client.post(f"/petitions/{pid}/classify", headers=auth(Agency.HDND), json={
        "field": "environment", "level": "province", "agency": "ubnd",
        "occurred_on": day(received)}))
    ok(client.post(f"/petitions/{pid}/forward", headers=auth(Agency.HDND),
                   json={"forwarded_on": day(forwarded_on)}))
    return pid


def test_a_journey_typed_weeks_later_keeps_the_days_it_happened(
    client: TestClient, auth: Auth, sqlite_petitions: Petitions
) -> None:
    pid = forwarded(client, auth, received=-60, forwarded_on=-50)
    shown = ok(client.get(f"/petitions/{pid}", headers=auth(Agency.HDND)))
    assert shown["received_on"] == day(-60)
    due = date.fromisoformat(shown["forwarding"]["due_date"])
    assert shown["forwarding"]["forwarded_on"] == day(-50)
    assert due == TODAY - timedelta(days=20)  # 30 days from the forwarding, not from today
    assert shown["overdue"]  # typed today, its due date has passed without an answer
    answered = ok(client.post(f"/petitions/{pid}/answer", headers=auth(Agency.UBND),
                              json={"text": "Đã nạo vét", "answered_on": due.isoformat()}))
    assert answered["answer"]["answered_on"] == due.isoformat()
    assert answered["answer"]["on_time"]  # answered by the due date, typed after it
    published = ok(client.post(f"/petitions/{pid}/publish-answer", headers=auth(Agency.MTTQ),
                               json={"published_on": day(-15)}))
    assert published["published_on"] == day(-15)
    followed = ok(client.post(f"/petitions/{pid}/resolution", headers=auth(Agency.UBND),
                              json={"status": "resolved", "updated_on": day(-5)}))
    assert followed["resolution"]["updated_on"] == day(-5)

    stored = sqlite_petitions.recorder.select_notifications(start=1, limit=100)
    published_events = [e for n in stored
                        if (e := translate(sqlite_petitions.mapper.to_domain_event(n)))]
    days = {type(e).__name__: e.occurred_on for e in published_events}
    assert days == {"PetitionRecorded": TODAY - timedelta(days=60),
                    "PetitionClassified": TODAY - timedelta(days=60),
                    "PetitionForwarded": TODAY - timedelta(days=50),
                    "PetitionAnswered": due, "PetitionAnswerPublished": TODAY - timedelta(days=15),
                    "PetitionResolutionUpdated": TODAY - timedelta(days=5)}
    assert all(e.recorded_at is not None and e.occurred_on is not None
               and e.recorded_at.date() > e.occurred_on for e in published_events)


def test_left_out_the_day_is_today(client: TestClient, auth: Auth,
                                   clock: SettableClock) -> None:
    petition = ok(client.post("/petitions", headers=auth(Agency.MTTQ), json={
        "text": "Đề nghị lắp đèn đường", "channel": "mail", "commune": "Tân Phú"}), 201)
    assert petition["petition"]["received_on"] == clock.today.isoformat()


def test_an_answer_before_its_forwarding_is_refused_in_vietnamese(
    client: TestClient, auth: Auth, sqlite_petitions: Petitions
) -> None:
    pid = forwarded(client, auth, received=-20, forwarded_on=-10)
    before = sqlite_petitions.recorder.max_notification_id()
    body = problem(client.post(f"/petitions/{pid}/answer", headers=auth(Agency.UBND, **VI),
                               json={"text": "Đã nạo vét", "answered_on": day(-11)}))
    assert body["title"] == "Ngày xảy ra không hợp lệ"
    assert "trước ngày chuyển kiến nghị" in body["detail"]
    assert body["type"].endswith("invalid-occurred-on")
    assert (body["field"], body["not_before"]) == ("answered_on", day(-10))
    english = problem(client.post(f"/petitions/{pid}/answer", headers=auth(Agency.UBND),
                                  json={"text": "Đã nạo vét", "answered_on": day(-11)}))
    assert "before its forwarding" in english["detail"]
    assert sqlite_petitions.recorder.max_notification_id() == before


@pytest.mark.usefixtures("unchanged")
def test_a_petition_received_tomorrow_is_refused(client: TestClient, auth: Auth) -> None:
    """Tomorrow in Vietnam is a 422 from the domain (the request's form is fine)."""
    body = problem(client.post("/petitions", headers=auth(Agency.MTTQ, **VI), json={
        "text": "Đề nghị", "channel": "mail", "commune": "Tân Phú", "occurred_on": day(1)}))
    assert "chưa đến" in body["detail"] and body["field"] == "occurred_on"


def test_a_future_answer_is_refused_and_nothing_is_stored(
    client: TestClient, auth: Auth, sqlite_petitions: Petitions
) -> None:
    pid = forwarded(client, auth, received=-20, forwarded_on=-10)
    before = sqlite_petitions.recorder.max_notification_id()
    body = problem(client.post(f"/petitions/{pid}/answer", headers=auth(Agency.UBND, **VI),
                               json={"text": "Trả lời", "answered_on": day(1)}))
    assert "chưa đến" in body["detail"] and body["field"] == "answered_on"
    problem(client.post(f"/petitions/{pid}/publish-answer", headers=auth(Agency.MTTQ),
                        json={"published_on": day(-1)}), 409)  # nothing answered to publish
    assert sqlite_petitions.recorder.max_notification_id() == before


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize("value", ["15/09/2025", "2025-9-15", 0, 20250915, "", "1900-01-01",
                                   "9999-12-31", "2025-02-30", ["2025-09-01"], True])
def test_a_day_that_is_not_an_iso_plausible_date_is_refused(
    client: TestClient, auth: Auth, value: Any
) -> None:
    body = {"text": "Đề nghị", "channel": "mail", "commune": "Tân Phú", "occurred_on": value}
    problem(client.post("/petitions", headers=auth(Agency.MTTQ, **VI), json=body))


@pytest.mark.usefixtures("unchanged")
def test_an_unknown_date_field_is_refused(client: TestClient, auth: Auth) -> None:
    body = {"text": "Đề nghị", "channel": "mail", "commune": "Tân Phú", "happened_on": day(-1)}
    problem(client.post("/petitions", headers=auth(Agency.MTTQ), json=body))
