"""API: the meeting calendar and its clashes, explanation sessions, between-session
matters and confidence ratings."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sessions_api_steps import Auth, ok, plan

from contracts.vocabulary import Agency

pytestmark = pytest.mark.integration


def meeting(organiser_kind: str, organiser: str, starts: str, ends: str,
            participants: list[str]) -> dict[str, object]:
    return {"organiser_kind": organiser_kind, "organiser": organiser, "title": "Họp",
            "starts_at": starts, "ends_at": ends, "place": "Phòng họp",
            "participants": participants}


def test_a_calendar_clash_yields_its_event_and_shows_in_queries(client: TestClient,
                                                               auth: Auth) -> None:
    standing = ok(client.post("/calendar", headers=auth(Agency.HDND), json=meeting(
        "standing_committee", "Thường trực HĐND", "2025-08-05T08:00:00+07:00",
        "2025-08-05T11:00:00+07:00", ["Chủ tịch UBND tỉnh"])), 201)
    assert standing["clashes"] == []
    keyed = auth(Agency.UBND, **{"Idempotency-Key": "ubnd-0805"})  # its save is deferred
    ubnd = ok(client.post("/calendar", headers=keyed, json=meeting(
        "ubnd", "UBND tỉnh", "2025-08-05T10:00:00+07:00", "2025-08-05T12:00:00+07:00",
        ["Chủ tịch UBND tỉnh", "Giám đốc Sở Tài chính"])), 201)
    [clash] = ubnd["clashes"]
    assert (clash["other_entry_id"], clash["same_body"], clash["active"]) == (
        standing["id"], False, True)
    assert clash["shared_participants"] == ["Chủ tịch UBND tỉnh"]
    history = ok(client.get(f"/calendar/{ubnd['id']}/history"))["events"]
    assert [e["type"] for e in history] == ["Scheduled", "ClashDetected"]
    assert [e["type"] for e in ok(client.get(f"/calendar/{standing['id']}/history"))["events"]
            ] == ["Scheduled", "ClashDetected"]
    [listed] = ok(client.get("/calendar/clashes"))
    assert (listed["entry_id"], listed["other_entry_id"]) == (ubnd["id"], standing["id"])
    assert ok(client.get(f"/calendar/{standing['id']}"))["clashes"][0]["active"] is True

    ok(client.post(f"/calendar/{ubnd['id']}/cancel", headers=auth(Agency.UBND),
                   json={"reason": "Dời sang buổi chiều"}))
    assert ok(client.get("/calendar/clashes")) == []
    assert [c["active"] for c in ok(client.get("/calendar/clashes",
                                               params={"include_resolved": True}))] == [False]
    assert [e["id"] for e in ok(client.get("/calendar"))] == [standing["id"]]


def test_calendar_refusals(client: TestClient, auth: Auth) -> None:
    body = meeting("standing_committee", "Thường trực HĐND", "2025-08-05T08:00:00+07:00",
                   "2025-08-05T09:00:00+07:00", [])
    assert client.post("/calendar", headers=auth(Agency.UBND), json=body).status_code == 403
    naive = {**body, "starts_at": "2025-08-05T08:00:00"}
    assert client.post("/calendar", headers=auth(Agency.HDND), json=naive).status_code == 422
    backwards = {**body, "ends_at": "2025-08-05T07:00:00+07:00"}
    assert client.post("/calendar", headers=auth(Agency.HDND), json=backwards).status_code == 422
    assert ok(client.get("/calendar")) == []


def test_explanations_matters_and_confidence_ratings(client: TestClient, auth: Auth) -> None:
    hdnd = auth(Agency.HDND)
    explanation = ok(client.post("/explanation-sessions", headers=hdnd, json={
        "topic": "Chậm giải ngân vốn đầu tư công", "field": "economy",
        "scheduled_on": "2025-07-18", "explaining": ["Sở Tài chính"]}), 201)
    held = ok(client.post(f"/explanation-sessions/{explanation['id']}/held", headers=hdnd,
                          json={"conclusions": "Đẩy nhanh giải ngân",
                                "commitments": ["95% trong năm"], "held_on": "2025-07-18"}))
    assert held["held_on"] == "2025-07-18"
    assert [e["id"] for e in ok(client.get("/explanation-sessions",
                                           params={"held": True}))] == [explanation["id"]]

    sid = plan(client, auth)["id"]
    matter = ok(client.post("/between-session-matters", headers=hdnd, json={
        "title": "Bổ sung dự toán", "field": "economy", "decision_number": "12/NQ-TTHĐND",
        "summary": "Đồng ý bổ sung", "decided_on": "2025-05-02"}), 201)
    reported = ok(client.post(f"/between-session-matters/{matter['id']}/report",
                              headers=hdnd, json={"session_id": sid}))
    assert reported["reported_to"] == sid
    assert len(ok(client.get("/between-session-matters", params={"year": 2025}))) == 1

    rating = ok(client.post("/confidence-ratings", headers=hdnd, json={
        "session_id": sid, "official": "Ông E", "position": "Phó Chủ tịch UBND tỉnh",
        "high": 5, "confidence": 10, "low": 34, "rated_on": "2025-07-16"}), 201)
    assert (rating["outcome"], rating["total_deputies"]) == ("dismissal_required", 50)
    refused = client.post(f"/confidence-ratings/{rating['id']}/confidence-vote", headers=hdnd,
                          json={"no_confidence": 30})
    assert refused.status_code == 409
    low = ok(client.post("/confidence-ratings", headers=hdnd, json={
        "session_id": sid, "official": "Bà H", "position": "Giám đốc Sở",
        "high": 5, "confidence": 15, "low": 26, "rated_on": "2025-07-16"}), 201)
    assert low["outcome"] == "may_resign"
    voted = ok(client.post(f"/confidence-ratings/{low['id']}/confidence-vote", headers=hdnd,
                           json={"no_confidence": 26, "voted_on": "2025-07-17"}))
    assert (voted["vote_failed"], voted["outcome"]) == (True, "dismissal_required")
    assert [r["official"] for r in ok(client.get("/confidence-ratings",
                                                 params={"session_id": sid}))] == ["Bà H", "Ông E"]
    assert client.post("/confidence-ratings", headers=auth(Agency.UBND), json={
        "session_id": sid, "official": "X", "position": "Y", "high": 0, "confidence": 0,
        "low": 0}).status_code == 403
