"""API: a session's acts are recorded on the day they happened; a day that cannot be (a
vote before the session opened, a confirmation before the joint meeting) is a 422 problem
document in Vietnamese when asked, and nothing is stored. Real SQLite file."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sessions_api_steps import Auth, convene, ok, plan, prepare, submit_draft

from chassis.web.problems import PROBLEM_JSON
from contracts.vocabulary import Agency
from sessions.application import Sessions

pytestmark = pytest.mark.integration
VI = {"Accept-Language": "vi"}


def refused(response: Any) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    body: dict[str, Any] = response.json()
    assert body["title"] == "Ngày xảy ra không hợp lệ"
    assert body["type"].endswith("invalid-occurred-on")
    return body


def test_a_vote_before_its_session_opened_is_refused_and_nothing_stored(
    client: TestClient, auth: Auth, sqlite_sessions: Sessions,
) -> None:
    sid = plan(client, auth)["id"]
    prepare(client, auth, sid)
    draft = submit_draft(client, auth, sid, "2025-07-08")
    convene(client, auth, sid)  # opened on 2025-07-15
    before = sqlite_sessions.recorder.max_notification_id()
    body = refused(client.post(f"/sessions/{sid}/votes", headers=auth(Agency.HDND, **VI), json={
        "document_id": draft["document_id"], "yes": 40, "no": 5, "abstain": 5, "absent": 0,
        "number": "1/NQ", "voted_on": "2025-07-14"}))
    assert "trước ngày khai mạc kỳ họp (15/07/2025)" in body["detail"]
    assert (body["field"], body["not_before"]) == ("voted_on", "2025-07-15")
    assert sqlite_sessions.recorder.max_notification_id() == before
    assert ok(client.get(f"/sessions/{sid}"))["votes"] == []


def test_a_confirmation_before_the_joint_meeting_is_refused_and_one_after_it_kept(
    client: TestClient, auth: Auth, sqlite_sessions: Sessions,
) -> None:
    sid = plan(client, auth)["id"]
    prepare(client, auth, sid)  # held on 2025-06-20
    before = sqlite_sessions.recorder.max_notification_id()
    body = refused(client.post(f"/sessions/{sid}/joint-meeting/confirmations",
                               headers=auth(Agency.MTTQ, **VI),
                               json={"occurred_on": "2025-06-19"}))
    assert "trước cuộc họp liên tịch" in body["detail"]
    assert sqlite_sessions.recorder.max_notification_id() == before
    confirmed = ok(client.post(f"/sessions/{sid}/joint-meeting/confirmations",
                               headers=auth(Agency.MTTQ), json={"occurred_on": "2025-06-21"}))
    assert confirmed["id"] == sid
    # without a body the confirmation is dated today, as before
    ok(client.post(f"/sessions/{sid}/joint-meeting/confirmations", headers=auth(Agency.UBND)))


@pytest.mark.parametrize("value", ["20/06/2025", 0, "2025-06-31", "1900-01-01"])
def test_a_day_not_written_as_an_iso_plausible_date_is_refused(
    client: TestClient, auth: Auth, sqlite_sessions: Sessions, value: Any,
) -> None:
    sid = plan(client, auth)["id"]
    prepare(client, auth, sid)
    before = sqlite_sessions.recorder.max_notification_id()
    response = client.post(f"/sessions/{sid}/joint-meeting/confirmations",
                           headers=auth(Agency.MTTQ, **VI), json={"occurred_on": value})
    assert response.status_code == 422 and response.headers["content-type"] == PROBLEM_JSON
    assert sqlite_sessions.recorder.max_notification_id() == before
