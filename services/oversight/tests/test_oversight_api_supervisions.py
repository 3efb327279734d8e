"""Supervisions and recommendations over HTTP: the whole follow-up, who may do what, lists
with filters and ``as_of``, and bad input refused with nothing stored."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Auth
from fastapi.testclient import TestClient
from test_oversight_api import ok, problem

from contracts.vocabulary import Agency
from oversight.application import Oversight

pytestmark = pytest.mark.integration
EDUCATION = "Sở Giáo dục và Đào tạo"


def supervision(client: TestClient, auth: Auth) -> dict[str, Any]:
    programme = ok(client.post("/programmes", headers=auth(Agency.HDND), json={
        "year": 2026, "body": "standing_committee", "adopted_on": "2026-01-05",
        "topics": [{"topic": "Chính sách hỗ trợ học sinh", "field": "education",
                    "units": [EDUCATION], "window_start": "2026-02-01",
                    "window_end": "2026-02-28"}]}), 201)
    return ok(client.post("/supervisions", headers=auth(Agency.HDND), json={
        "programme_id": programme["id"], "item_id": programme["topics"][0]["item_id"],
        "members": ["Nguyễn Thị Lan"], "started_on": "2026-02-10", "ended_on": "2026-02-12",
        "units_visited": [EDUCATION]}), 201)


def report_body(**overrides: Any) -> dict[str, Any]:
    return {"reported_on": "2026-02-20", "findings": "Chi trả chậm",
            "causes": "Hồ sơ kéo dài", "responsibility": EDUCATION,
            "recommendations": [{"addressee_agency": "ubnd", "addressee_unit": EDUCATION,
                                 "action": "Chi trả dứt điểm"}], **overrides}


def test_a_recommendation_followed_to_the_end_over_http(client: TestClient, auth: Auth
                                                        ) -> None:
    sid = supervision(client, auth)["id"]
    reported = ok(client.post(f"/supervisions/{sid}/report", headers=auth(Agency.HDND),
                              json=report_body()))
    [rid] = reported["report"]["recommendation_ids"]
    shown = ok(client.get(f"/recommendations/{rid}"))
    assert (shown["status"], shown["rule_id"]) == ("open", "oversight.recommendation.response")
    mine = ok(client.get("/recommendations", params={"addressee_unit": EDUCATION.lower()}))
    assert [r["id"] for r in mine] == [rid]
    problem(client.post(f"/recommendations/{rid}/answer", headers=auth(
        Agency.UBND, unit="Sở Y tế"), json={"outcome": "implemented", "done": "Đã làm"}), 403)
    answered = ok(client.post(f"/recommendations/{rid}/answer", headers=auth(
        Agency.UBND, unit=EDUCATION), json={"outcome": "partly", "done": "Một trường"}))
    assert answered["status"] == "answered"
    reopened = ok(client.post(f"/recommendations/{rid}/reopen", headers=auth(Agency.HDND),
                              json={"reason": "Còn một trường", "due_on": "2026-04-30"}))
    assert (reopened["status"], reopened["due_on"]) == ("open", "2026-04-30")
    ok(client.post(f"/recommendations/{rid}/answer", headers=auth(Agency.UBND, unit=EDUCATION),
                   json={"outcome": "implemented", "done": "Đủ cả hai trường"}))
    accepted = ok(client.post(f"/recommendations/{rid}/accept", headers=auth(Agency.HDND),
                              json={"note": "Kết thúc"}))
    assert accepted["status"] == "accepted" and len(accepted["responses"]) == 2
    history = ok(client.get(f"/recommendations/{rid}/history"))["events"]
    assert [e["type"] for e in history] == ["RecommendationIssued", "Answered", "Reopened",
                                            "Answered", "AnswerAccepted"]
    then = ok(client.get(f"/recommendations/{rid}", params={"as_of": history[1]["timestamp"]}))
    assert then["status"] == "answered"
    assert ok(client.get("/supervisions", params={"reported": "true"}))[0]["id"] == sid
    problem(client.post(f"/recommendations/{rid}/reopen", headers=auth(Agency.HDND),
                        json={"reason": "x", "due_on": "2026-05-30"}), 409)


LONG = "x" * 20_001


@pytest.mark.parametrize("body", [
    report_body(findings=""),
    report_body(findings=LONG),
    report_body(causes="có\u0000ký tự lạ"),
    report_body(recommendations=[{"addressee_agency": "ubnd", "action": ""}]),
    report_body(recommendations=[{"addressee_agency": "ubnd", "action": "x",
                                  "due_on": "2026-01-01"}]),
    report_body(recommendations=[{"addressee_agency": "ubnd", "action": "x",
                                  "due_on": "9999-01-01"}]),
    report_body(recommendations=[{"addressee_agency": "police", "action": "x"}]),
    report_body(recommendations=[{"addressee_agency": "ubnd", "action": "x",
                                  "addressee_unit": "Sở\u0008 Y tế"}]),
    report_body(reported_on="2026-02-01"),
    report_body(reported_on="1899-02-01"),
    report_body(extra="field"),
])
def test_bad_reports_are_refused_with_nothing_stored(
    client: TestClient, auth: Auth, app: Oversight, body: dict[str, Any],
) -> None:
    sid = supervision(client, auth)["id"]
    before = app.recorder.max_notification_id()
    response = client.post(f"/supervisions/{sid}/report", json=body,
                           headers=auth(Agency.HDND, **{"Accept-Language": "vi"}))
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert app.recorder.max_notification_id() == before


def test_a_day_before_the_act_it_follows_is_a_422_naming_it(client: TestClient, auth: Auth
                                                             ) -> None:
    sid = supervision(client, auth)["id"]  # visits ended 2026-02-12
    refused = client.post(f"/supervisions/{sid}/report", json=report_body(
        reported_on="2026-02-11"), headers=auth(Agency.HDND, **{"Accept-Language": "vi"}))
    assert refused.status_code == 422
    problem = refused.json()
    assert problem["type"].endswith("invalid-occurred-on")
    assert (problem["field"], problem["not_before"]) == ("reported_on", "2026-02-12")
    reported = ok(client.post(f"/supervisions/{sid}/report", json=report_body(),
                              headers=auth(Agency.HDND)))
    rid = reported["report"]["recommendation_ids"][0]
    late = client.post(f"/recommendations/{rid}/answer", json={
        "outcome": "partly", "done": "Một phần", "responded_on": "2026-02-19"},
        headers=auth(Agency.UBND, EDUCATION))
    assert late.status_code == 422 and late.json()["not_before"] == "2026-02-20"
