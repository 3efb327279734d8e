"""The oversight API: programmes and overlaps over HTTP, Idempotency-Key, history and
``as_of``; every bad input a 4xx problem document (in Vietnamese when asked) with nothing
stored."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Auth
from fastapi.testclient import TestClient
from oversight_builders import topic_body

from chassis.web.problems import PROBLEM_JSON
from contracts.vocabulary import Agency
from oversight.application import Oversight

pytestmark = pytest.mark.integration


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    return response.json()  # type: ignore[no-any-return]


def programme(**overrides: Any) -> dict[str, Any]:
    return {"year": 2026, "body": "committee", "body_name": "Ban Văn hóa - Xã hội",
            "topics": [topic_body()], **overrides}


def test_programmes_and_their_overlap_over_http(client: TestClient, auth: Auth) -> None:
    hdnd = ok(client.post("/programmes", json=programme(), headers=auth(Agency.HDND)), 201)
    assert hdnd["body_name"] == "Ban Văn hóa - Xã hội" and len(hdnd["topics"]) == 1
    mttq = ok(client.post("/programmes", json=programme(body="mttq", body_name=None, topics=[
        topic_body(window_start="2026-04-20", window_end="2026-05-20")]),
        headers=auth(Agency.MTTQ)), 201)
    assert mttq["body_name"] == "Ủy ban MTTQ Việt Nam"
    [overlap] = ok(client.get("/overlaps", params={"open": "true"}))
    assert overlap["first"]["programme_id"] == hdnd["id"]
    assert overlap["second"]["programme_id"] == mttq["id"]
    assert ok(client.get(f"/overlaps/{overlap['id']}"))["open"] is True
    for day in ("2026-03-09", "1900-01-01", "02/03/2026"):  # future, too far back, not ISO
        refused = client.post(f"/overlaps/{overlap['id']}/resolve", headers=auth(Agency.MTTQ),
                              json={"resolution": "joint", "resolved_on": day})
        assert refused.status_code == 422
        assert refused.headers["content-type"] == PROBLEM_JSON
    assert ok(client.get(f"/overlaps/{overlap['id']}"))["open"] is True  # nothing stored
    resolved = ok(client.post(f"/overlaps/{overlap['id']}/resolve", headers=auth(Agency.MTTQ),
                              json={"resolution": "accepted", "reason": "Khác nội dung"}))
    assert (resolved["open"], resolved["resolution"]) == (False, "accepted")
    assert ok(client.get("/overlaps", params={"open": "true"})) == []
    history = ok(client.get(f"/overlaps/{overlap['id']}/history"))
    assert [e["type"] for e in history["events"]] == ["OverlapDetected", "OverlapResolved"]
    first = history["events"][0]["timestamp"]
    then = ok(client.get(f"/overlaps/{overlap['id']}", params={"as_of": first}))
    assert then["open"] is True
    assert [p["id"] for p in ok(client.get("/programmes", params={"body": "mttq"}))] == [
        mttq["id"]]
    assert len(ok(client.get("/programmes", params={"unit": "trường thpt tân phú"}))) == 2
    assert ok(client.get("/programmes", params={"year": 2025})) == []


def test_a_keyed_retry_adopts_once(client: TestClient, auth: Auth, app: Oversight) -> None:
    headers = auth(Agency.HDND, **{"Idempotency-Key": "programme-2026-vhxh"})
    first = ok(client.post("/programmes", json=programme(), headers=headers), 201)
    again = ok(client.post("/programmes", json=programme(), headers=headers), 201)
    assert again["id"] == first["id"]
    assert len(ok(client.get("/programmes"))) == 1
    problem(client.post("/programmes", json=programme(year=2025), headers=headers), 422)


def test_topics_are_added_and_rescheduled(client: TestClient, auth: Auth) -> None:
    hdnd = ok(client.post("/programmes", json=programme(), headers=auth(Agency.HDND)), 201)
    added = ok(client.post(f"/programmes/{hdnd['id']}/topics", headers=auth(Agency.HDND),
                           json=topic_body(topic="Công tác cải cách hành chính",
                                           units=["Sở Nội vụ"])))
    assert len(added["topics"]) == 2
    item = hdnd["topics"][0]["item_id"]
    moved = ok(client.post(f"/programmes/{hdnd['id']}/topics/{item}/reschedule",
                           headers=auth(Agency.HDND), json={
                               "window_start": "2026-09-01", "window_end": "2026-09-30",
                               "reason": "Trùng lịch kỳ họp"}))
    windows = {t["item_id"]: t["window_start"] for t in moved["topics"]}
    assert windows[item] == "2026-09-01"


def test_who_may_do_what(client: TestClient, auth: Auth) -> None:
    problem(client.post("/programmes", json=programme()), 401)
    problem(client.post("/programmes", json=programme(), headers=auth(Agency.UBND)), 403)
    problem(client.post("/programmes", json=programme(), headers=auth(Agency.MTTQ)), 403)
    problem(client.post("/programmes", json=programme(), headers=auth(
        Agency.HDND, unit="Ban Kinh tế - Ngân sách", **{"Accept-Language": "vi"})), 403)
    assert ok(client.get("/programmes")) == []


LONG = "x" * 501


@pytest.mark.parametrize("body", [
    programme(topics=[]),
    programme(topics=[topic_body(topic="")]),
    programme(topics=[topic_body(topic="   ")]),
    programme(topics=[topic_body(topic=LONG)]),
    programme(topics=[topic_body(topic="Giám sát\u0000 trường học")]),
    programme(topics=[topic_body(topic="Giám sát\ntrường học")]),
    programme(topics=[topic_body(units=[])]),
    programme(topics=[topic_body(units=["   "])]),
    programme(topics=[topic_body(units=["Xã\u0007 Tân Phú"])]),
    programme(topics=[topic_body(units=["x" * 201])]),
    programme(topics=[topic_body(window_start="0001-01-01")]),
    programme(topics=[topic_body(window_end="9999-12-31")]),
    programme(topics=[topic_body(window_start="1900-04-01", window_end="1900-04-30")]),
    programme(topics=[topic_body(window_start="2026-05-01", window_end="2026-04-01")]),
    programme(topics=[topic_body(window_start="2027-05-01", window_end="2027-05-30")]),
    programme(topics=[topic_body(window_start=20260401)]),
    programme(year=1800),
    programme(year=99999),
    programme(body_name=None),
    programme(body="people"),
    programme(adopted_on="2031-01-01"),
    programme(colour="red"),
    programme(topics=[topic_body(field="astrology")]),
    programme(topics=[topic_body()] * 101),
])
def test_bad_input_is_a_4xx_problem_and_stores_nothing(
    client: TestClient, auth: Auth, app: Oversight, body: dict[str, Any],
) -> None:
    response = client.post("/programmes", json=body,
                           headers=auth(Agency.HDND, **{"Accept-Language": "vi"}))
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    assert app.recorder.max_notification_id() in (None, 0)


def test_problems_speak_vietnamese_when_asked(client: TestClient, auth: Auth) -> None:
    body = programme(topics=[topic_body(window_start="2026-05-01", window_end="2026-04-01")])
    vi = problem(client.post("/programmes", json=body, headers=auth(
        Agency.HDND, **{"Accept-Language": "vi"})), 422)
    en = problem(client.post("/programmes", json=body, headers=auth(Agency.HDND)), 422)
    assert vi["title"] != en["title"]
    missing = problem(client.get("/overlaps/7c0b0e35-4b41-4a62-9d1e-2f0d2c1a9b8e",
                                 headers={"Accept-Language": "vi"}), 404)
    assert missing["status"] == 404


def test_the_openapi_document_lists_the_routes(client: TestClient) -> None:
    paths = ok(client.get("/openapi.json"))["paths"]
    assert {"/programmes", "/programmes/{programme_id}", "/overlaps",
            "/overlaps/{overlap_id}/resolve"} <= set(paths)
