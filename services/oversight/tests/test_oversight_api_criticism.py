"""The API of social criticism and draft-law comments: the journey over HTTP with an
Idempotency-Key, history and ``as_of``; bad input a 4xx problem document, nothing stored."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Auth
from fastapi.testclient import TestClient

from chassis.web.problems import PROBLEM_JSON
from contracts.vocabulary import Agency
from oversight.application import Oversight

pytestmark = pytest.mark.integration
DRAFT = {"draft_title": "Dự thảo Nghị quyết quy định mức hỗ trợ học sinh",
         "drafting_agency": "ubnd", "drafting_unit": "Sở Giáo dục và Đào tạo",
         "received_on": "2026-02-10"}
LONG = "x" * 20_001


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def test_a_criticism_over_http(client: TestClient, auth: Auth) -> None:
    mttq = auth(Agency.MTTQ, **{"Idempotency-Key": "draft-1"})
    first = ok(client.post("/social-criticisms", json=DRAFT, headers=mttq), 201)
    again = ok(client.post("/social-criticisms", json=DRAFT, headers=mttq), 201)
    assert again["id"] == first["id"]
    path = f"/social-criticisms/{first['id']}"
    ok(client.post(path + "/conference", json={
        "participants": 40, "summary": "Đề nghị làm rõ đối tượng.", "held_on": "2026-02-20"},
        headers=auth(Agency.MTTQ)))
    after_conference = ok(client.get(path))["version"]
    moment = ok(client.get(path + "/history"))["events"][-1]["timestamp"]
    ok(client.post(path + "/criticism", json={"content": "Đề nghị mở rộng.",
                                              "document_number": "15/MTTQ-BTT"},
                   headers=auth(Agency.MTTQ)))
    replied = ok(client.post(path + "/reply", json={"uptake": "partly", "reply": "Tiếp thu."},
                             headers=auth(Agency.UBND, "Sở Giáo dục và Đào tạo")))
    assert replied["stage"] == "replied" and replied["reply"]["uptake"] == "partly"
    assert ok(client.get(path, params={"as_of": moment}))["version"] == after_conference
    assert [c["id"] for c in ok(client.get("/social-criticisms",
                                           params={"stage": "replied", "year": 2026}))] == \
        [first["id"]]
    history = ok(client.get(path + "/history"))["events"]
    assert len(history) == 4


def test_draft_law_comments_over_http(client: TestClient, auth: Auth, app: Oversight) -> None:
    dbqh = auth(Agency.DBQH)
    law = ok(client.post("/draft-laws", json={"law_title": "Dự thảo Luật Nhà giáo"},
                         headers=dbqh), 201)
    path = f"/draft-laws/{law['id']}"
    voter = {"source": "voter", "source_name": "Nguyễn Văn A", "content": "Rõ phụ cấp."}
    ok(client.post(path + "/comments", json=voter,
                   headers=auth(Agency.DBQH, **{"Idempotency-Key": "c-1"})))
    again = ok(client.post(path + "/comments", json=voter,
                           headers=auth(Agency.DBQH, **{"Idempotency-Key": "c-1"})))
    assert again["comment_count"] == 1
    assert again["comments"][0]["source_name"] is None  # a voter is not named in public
    ok(client.post(path + "/comments", json={"source": "group", "source_name": "Hội Khuyến học",
                                             "content": "Đồng ý."}, headers=dbqh))
    sent = ok(client.post(path + "/send", json={"sent_to": "Ủy ban Văn hóa và Giáo dục",
                                                "summary": "Tổng hợp."}, headers=dbqh))
    assert sent["sending"]["sent_to"] == "Ủy ban Văn hóa và Giáo dục"
    assert sent["comment_count"] == 2
    assert len(ok(client.get("/draft-laws", params={"sent": True}))) == 1
    history = client.get(path + "/history")  # public, like the view: no voter's name
    assert len(history.json()["events"]) == 4 and "Nguyễn Văn A" not in history.text
    refused = client.post(path + "/comments", json=voter, headers=dbqh)
    assert refused.status_code == 409 and refused.headers["content-type"] == PROBLEM_JSON


@pytest.mark.parametrize(("agency", "body"), [
    (Agency.MTTQ, {**DRAFT, "draft_title": ""}),
    (Agency.MTTQ, {**DRAFT, "draft_title": "   "}),
    (Agency.MTTQ, {**DRAFT, "draft_title": "x" * 501}),
    (Agency.MTTQ, {**DRAFT, "draft_title": "Dự thảo\u0000 nghị quyết"}),
    (Agency.MTTQ, {**DRAFT, "drafting_unit": "Sở\u0007 Tài chính"}),
    (Agency.MTTQ, {**DRAFT, "received_on": "2031-01-01"}),
    (Agency.MTTQ, {**DRAFT, "received_on": "2026-12-31"}),
    (Agency.MTTQ, {**DRAFT, "received_on": "1900-01-01"}),
    (Agency.MTTQ, {**DRAFT, "received_on": "10/02/2026"}),
    (Agency.MTTQ, {**DRAFT, "drafting_agency": "bank"}),
    (Agency.MTTQ, {**DRAFT, "colour": "red"}),
    (Agency.HDND, DRAFT),
    (Agency.UBND, DRAFT),
])
def test_bad_drafts_are_refused_with_nothing_stored(
        client: TestClient, auth: Auth, app: Oversight, agency: Agency, body: dict[str, Any],
) -> None:
    response = client.post("/social-criticisms", json=body,
                           headers=auth(agency, **{"Accept-Language": "vi"}))
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    assert app.recorder.max_notification_id() in (None, 0)


@pytest.mark.parametrize(("step", "agency", "body"), [
    ("conference", Agency.MTTQ, {"participants": 0, "summary": "x"}),
    ("conference", Agency.MTTQ, {"participants": 3, "summary": ""}),
    ("conference", Agency.MTTQ, {"participants": 3, "summary": LONG}),
    ("conference", Agency.MTTQ, {"participants": 3, "summary": "x", "held_on": "2026-02-09"}),
    ("conference", Agency.MTTQ, {"participants": 3, "summary": "x", "held_on": "2040-02-09"}),
    ("conference", Agency.HDND, {"participants": 3, "summary": "x"}),
    ("criticism", Agency.MTTQ, {"content": "Trước hội nghị."}),
    ("reply", Agency.UBND, {"uptake": "taken_in", "reply": "x"}),
    ("reply", Agency.MTTQ, {"uptake": "maybe", "reply": "x"}),
])
def test_bad_steps_are_refused_with_nothing_stored(
        client: TestClient, auth: Auth, app: Oversight, step: str, agency: Agency,
        body: dict[str, Any]) -> None:
    created = ok(client.post("/social-criticisms", json=DRAFT, headers=auth(Agency.MTTQ)), 201)
    stored = app.recorder.max_notification_id()
    response = client.post(f"/social-criticisms/{created['id']}/{step}", json=body,
                           headers=auth(agency, **{"Accept-Language": "vi"}))
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    assert app.recorder.max_notification_id() == stored


@pytest.mark.parametrize(("agency", "body"), [
    (Agency.DBQH, {"source": "voter", "source_name": "", "content": "x"}),
    (Agency.DBQH, {"source": "voter", "source_name": "A", "content": LONG}),
    (Agency.DBQH, {"source": "voter", "source_name": "A\u0001", "content": "x"}),
    (Agency.DBQH, {"source": "robot", "source_name": "A", "content": "x"}),
    (Agency.DBQH, {"source": "voter", "source_name": "A", "content": "x",
                   "received_on": "2020-01-01"}),
    (Agency.MTTQ, {"source": "voter", "source_name": "A", "content": "x"}),
    (Agency.UBND, {"source": "voter", "source_name": "A", "content": "x"}),
])
def test_bad_comments_are_refused_with_nothing_stored(
        client: TestClient, auth: Auth, app: Oversight, agency: Agency,
        body: dict[str, Any]) -> None:
    law = ok(client.post("/draft-laws", json={"law_title": "Dự thảo Luật Nhà giáo"},
                         headers=auth(Agency.DBQH)), 201)
    stored = app.recorder.max_notification_id()
    response = client.post(f"/draft-laws/{law['id']}/comments", json=body,
                           headers=auth(agency, **{"Accept-Language": "vi"}))
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    assert app.recorder.max_notification_id() == stored
    sending = client.post(f"/draft-laws/{law['id']}/send",
                          json={"sent_to": "Ủy ban", "summary": "x"}, headers=auth(Agency.DBQH))
    assert sending.status_code == 422  # nothing collected: nothing to send


def test_a_refused_day_speaks_vietnamese(client: TestClient, auth: Auth) -> None:
    response = client.post("/social-criticisms", json={**DRAFT, "received_on": "2026-03-01"},
                           headers=auth(Agency.MTTQ))
    created = ok(response, 201)
    refused = client.post(f"/social-criticisms/{created['id']}/conference", json={
        "participants": 3, "summary": "x", "held_on": "2026-02-28"},
        headers=auth(Agency.MTTQ, **{"Accept-Language": "vi"}))
    assert refused.status_code == 422
    problem = refused.json()
    assert problem["type"].endswith("invalid-occurred-on")
    assert problem["not_before"] == "2026-03-01" and "ngày" in problem["detail"]
