"""API on a SQLite file: a session's life over HTTP, resolutions, history and as_of."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sessions_api_steps import (
    Auth,
    convene,
    ok,
    plan,
    prepare,
    session_with_votes,
    submit_draft,
)

from contracts.vocabulary import Agency

pytestmark = pytest.mark.integration


def test_a_session_over_http_from_plan_to_close(client: TestClient, auth: Auth) -> None:
    run = session_with_votes(client, auth)
    assert run["land"]["on_time"] is True
    assert (run["fees"]["on_time"], run["fees"]["days_late"], run["fees"]["due_on"]) == (
        False, 2, "2025-07-10")
    passed, rejected = run["passed"], run["rejected"]
    assert (passed["passed"], passed["number"], passed["yes"], passed["total_deputies"]) == (
        True, "15/2025/NQ-HĐND", 45, 50)
    assert passed["resolution_id"] is not None
    assert (rejected["passed"], rejected["resolution_id"]) == (False, None)

    session = ok(client.get(f"/sessions/{run['id']}"))
    assert session["status"] == "closed"
    assert (session["late_document_count"], session["resolutions_passed"],
            session["drafts_rejected"]) == (1, 1, 1)
    assert session["joint_meeting"]["attending"] == ["hdnd", "mttq", "ubnd"]
    listed = ok(client.get("/sessions", params={"status": "closed", "year": 2025}))
    assert [s["id"] for s in listed["items"]] == [run["id"]]
    assert ok(client.get("/sessions", params={"kind": "thematic"}))["count"] == 0


def test_resolutions_wait_for_guidance_and_the_lag_is_queryable(client: TestClient,
                                                                auth: Auth) -> None:
    run = session_with_votes(client, auth)
    resolution_id = run["passed"]["resolution_id"]
    resolution = ok(client.get(f"/resolutions/{resolution_id}"))
    assert (resolution["number"], resolution["days_waiting"]) == ("15/2025/NQ-HĐND", 4)
    waiting = ok(client.get("/resolutions", params={"awaiting_guidance": True}))
    assert [r["id"] for r in waiting["items"]] == [resolution_id]

    body = {"number": "2345/UBND-KT", "title": "Hướng dẫn thực hiện", "issued_on": "2025-07-19"}
    guided = ok(client.post(f"/resolutions/{resolution_id}/guidance", json=body,
                            headers=auth(Agency.UBND, unit="Sở Tài chính")), 201)
    assert (guided["guidance_lag_days"], guided["days_waiting"]) == (3, None)
    assert guided["guidance"][0]["issuing_unit"] == "Sở Tài chính"
    conference = {"place": "Hội trường UBND tỉnh", "held_on": "2025-07-20"}
    deployed = ok(client.post(f"/resolutions/{resolution_id}/deployment-conference",
                              json=conference, headers=auth(Agency.UBND)))
    assert deployed["conference_held_on"] == "2025-07-20"
    lag = ok(client.get("/resolutions/guidance-lag", params={"year": 2025}))
    assert (lag["resolutions"], lag["guided"], lag["awaiting"], lag["max_lag_days"]) == (
        1, 1, 0, 3)
    history = ok(client.get(f"/resolutions/{resolution_id}/history"))
    assert [e["type"] for e in history["events"]] == [
        "Adopted", "GuidanceIssued", "DeploymentConferenceHeld"]


def test_history_and_as_of_show_the_past(client: TestClient, auth: Auth) -> None:
    run = session_with_votes(client, auth)
    events = ok(client.get(f"/sessions/{run['id']}/history"))["events"]
    types = [e["type"] for e in events]
    assert types[:2] == ["Planned", "JointMeetingHeld"]
    assert "DocumentSubmittedLate" in types and types[-1] == "Closed"
    convened_at = datetime.fromisoformat(next(e for e in events
                                              if e["type"] == "Convened")["timestamp"])
    before = (convened_at - timedelta(seconds=1)).isoformat()
    past = ok(client.get(f"/sessions/{run['id']}", params={"as_of": before}))
    assert (past["status"], past["votes"], past["document_count"]) == ("planned", [], 2)
    listed = ok(client.get("/sessions", params={"as_of": before}))
    assert [s["status"] for s in listed["items"]] == ["planned"]
    assert ok(client.get("/resolutions", params={"as_of": before}))["count"] == 0


def test_an_idempotency_key_replays_the_first_response(client: TestClient, auth: Auth) -> None:
    body = {"number": 3, "term": "X", "title": "Kỳ họp chuyên đề", "kind": "thematic",
            "planned_opening": "2025-09-01", "place": "Hội trường", "total_deputies": 50,
            "requested_by": "standing_committee"}
    headers = auth(Agency.HDND, **{"Idempotency-Key": "plan-3"})
    first = client.post("/sessions", json=body, headers=headers)
    again = client.post("/sessions", json=body, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert ok(client.get("/sessions"))["count"] == 1
    other = client.post("/sessions", json={**body, "number": 4}, headers=headers)
    assert other.status_code == 422


def test_questioning_over_http(client: TestClient, auth: Auth) -> None:
    sid = plan(client, auth)["id"]
    prepare(client, auth, sid)
    convene(client, auth, sid)
    asked = ok(client.post(f"/sessions/{sid}/questions", headers=auth(Agency.HDND), json={
        "deputy": "Đại biểu Trần Thị B", "question": "Vì sao đường tỉnh 864 chậm tiến độ?",
        "official": "Ông Lê Văn C", "official_position": "Giám đốc Sở Xây dựng",
        "asked_on": "2025-07-16"}), 201)
    qid = asked["question_id"]
    answered = ok(client.post(f"/sessions/{sid}/questions/{qid}/answer",
                              headers=auth(Agency.UBND),
                              json={"answer": "Vướng giải phóng mặt bằng",
                                    "answered_on": "2025-07-16"}))
    assert answered["answered_by"] == "Ông Lê Văn C"
    followed = ok(client.post(f"/sessions/{sid}/questions/{qid}/follow-ups",
                              headers=auth(Agency.HDND), json={"text": "Cam kết thời hạn?"}))
    assert followed["follow_ups"] == ["Cam kết thời hạn?"]
    confirmed = ok(client.post(f"/sessions/{sid}/joint-meeting/confirmations",
                               headers=auth(Agency.MTTQ)))
    assert confirmed["joint_meeting"]["confirmed_by"] == ["mttq"]


def test_a_keyed_vote_saves_session_and_resolution_once(client: TestClient, auth: Auth) -> None:
    sid = plan(client, auth)["id"]
    prepare(client, auth, sid)
    draft = submit_draft(client, auth, sid, "2025-07-08")
    convene(client, auth, sid)
    body = {"document_id": draft["document_id"], "yes": 26, "no": 24, "abstain": 0,
            "absent": 0, "number": "16/2025/NQ-HĐND", "voted_on": "2025-07-16"}
    headers = auth(Agency.HDND, **{"Idempotency-Key": "vote-16"})
    first = ok(client.post(f"/sessions/{sid}/votes", json=body, headers=headers), 201)
    again = client.post(f"/sessions/{sid}/votes", json=body, headers=headers)
    assert again.json() == first and again.headers.get("Idempotent-Replayed") == "true"
    [resolution] = ok(client.get("/resolutions", params={"session_id": sid}))["items"]
    assert resolution["id"] == first["resolution_id"]
    assert len(ok(client.get(f"/sessions/{sid}"))["votes"]) == 1
