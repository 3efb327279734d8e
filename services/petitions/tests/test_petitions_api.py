"""HTTP API over a real SQLite file: the journey, reads, merged ids, history, as_of."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from petitions_testkit import TODAY, TRANSPORT_DEPT, Auth, SettableClock

from contracts.vocabulary import Agency

pytestmark = pytest.mark.integration
ROAD = "Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Tân Phú bị xuống cấp nghiêm trọng"
ROAD_AGAIN = "Cử tri phản ánh đường tỉnh 864 qua xã Tân Phú xuống cấp, đề nghị sửa chữa"


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def held_meeting(client: TestClient, auth: Auth) -> str:
    planned = ok(client.post("/voter-contacts", headers=auth(Agency.MTTQ), json={
        "title": "TXCT trước kỳ họp thứ 5", "scheduled_on": TODAY.isoformat(),
        "place": "Hội trường UBND xã Tân Phú", "commune": "Tân Phú",
        "deputies": ["Nguyễn Văn A", "Trần Thị B"]}), 201)
    assert planned["held"] is False and planned["organised_by"] == "mttq"
    held = ok(client.post(f"/voter-contacts/{planned['id']}/held", headers=auth(Agency.MTTQ),
                          json={"held_on": TODAY.isoformat(), "attendance": 150}))
    assert (held["held"], held["attendance"], held["deputies_present"]) == (
        True, 150, ["Nguyễn Văn A", "Trần Thị B"])
    assert ok(client.get(f"/voter-contacts/{planned['id']}")) == held
    return str(planned["id"])


def record(client: TestClient, auth: Auth, text: str = ROAD, **more: Any) -> dict[str, Any]:
    body = {"text": text, "channel": "deputy", "commune": "Tân Phú", **more}
    created: dict[str, Any] = ok(client.post("/petitions", headers=auth(Agency.UBND), json=body),
                                 201)
    return created


def test_the_whole_journey_over_http(
    client: TestClient, auth: Auth, clock: SettableClock
) -> None:
    meeting_id = held_meeting(client, auth)
    created = record(client, auth, channel="meeting", meeting_id=meeting_id, commune=None)
    petition = created["petition"]
    assert (petition["status"], petition["communes"], petition["meeting_count"]) == (
        "recorded", ["Tân Phú"], 1)
    assert created["similar"] == []
    pid = petition["id"]
    classified = ok(client.post(f"/petitions/{pid}/classify", headers=auth(Agency.HDND), json={
        "field": "transport", "level": "province", "agency": "ubnd", "unit": TRANSPORT_DEPT,
        "committee": "Ban Kinh tế - Ngân sách"}))
    assert classified["classification"]["unit"] == TRANSPORT_DEPT
    forwarded = ok(client.post(f"/petitions/{pid}/forward", headers=auth(Agency.HDND)))
    assert forwarded["forwarding"]["due_date"] == (TODAY + timedelta(days=30)).isoformat()
    assert forwarded["forwarding"]["rule_id"] == "petition.answer.local"
    clock.advance(timedelta(days=31))
    assert [p["id"] for p in ok(client.get("/petitions/overdue"))["items"]] == [pid]
    answered = ok(client.post(f"/petitions/{pid}/answer",
                              headers=auth(Agency.UBND, unit=TRANSPORT_DEPT),
                              json={"text": "Sở GTVT đã bố trí vốn sửa chữa trong quý IV"}))
    assert (answered["status"], answered["answer"]["on_time"]) == ("answered", False)
    assert ok(client.get("/petitions/overdue"))["total"] == 0
    notice = ok(client.post(f"/petitions/{pid}/publish-answer", headers=auth(Agency.MTTQ)))
    assert notice["status"] == "published"
    followed = ok(client.post(f"/petitions/{pid}/resolution", headers=auth(Agency.HDND), json={
        "status": "in_progress", "roadmap_date": (clock.today + timedelta(days=90)).isoformat(),
        "note": "Khởi công quý I"}))
    assert followed["resolution"]["status"] == "in_progress"
    assert ok(client.get(f"/petitions/{pid}")) == followed
    history = ok(client.get(f"/petitions/{pid}/history"))["events"]
    assert [e["type"] for e in history] == [
        "Recorded", "Classified", "Forwarded", "Answered", "AnswerPublished",
        "ResolutionUpdated"]
    assert [e["version"] for e in history] == [1, 2, 3, 4, 5, 6]
    assert history[2]["fields"]["due_date"] == forwarded["forwarding"]["due_date"]
    assert history[0]["fields"]["by"] == "ubnd/ubnd-staff"


def test_as_of_shows_the_petition_as_it_stood(client: TestClient, auth: Auth) -> None:
    pid = record(client, auth)["petition"]["id"]
    ok(client.post(f"/petitions/{pid}/classify", headers=auth(Agency.HDND), json={
        "field": "land", "level": "commune", "agency": "ubnd"}))
    history = ok(client.get(f"/petitions/{pid}/history"))["events"]
    recorded_at = datetime.fromisoformat(history[0]["timestamp"])
    then = ok(client.get(f"/petitions/{pid}", params={"as_of": recorded_at.isoformat()}))
    assert (then["status"], then["version"], then["classification"]) == ("recorded", 1, None)
    before = (recorded_at - timedelta(seconds=1)).isoformat()
    missing = client.get(f"/petitions/{pid}", params={"as_of": before})
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


def test_recording_suggests_similar_petitions_and_merged_ids_resolve(
    client: TestClient, auth: Auth
) -> None:
    first = record(client, auth)["petition"]["id"]
    second = record(client, auth, ROAD_AGAIN, commune="Mỹ Phong")
    assert [s["petition_id"] for s in second["similar"]] == [first]
    assert second["similar"][0]["score"] >= 0.6
    sid = second["petition"]["id"]
    assert [s["petition_id"] for s in ok(client.get(f"/petitions/{first}/similar"))] == [sid]
    typing = "Đề nghị sửa chữa đường tỉnh 864 qua xã Tân Phú"
    typed = ok(client.get("/petitions/similar", params={"text": typing}))
    assert {s["petition_id"] for s in typed} == {first, sid}
    assert client.get("/petitions/similar", params={"text": ""}).status_code == 422
    merged = ok(client.post("/petitions/consolidate", headers=auth(Agency.MTTQ), json={
        "petition_ids": [first, sid], "text": "Sửa chữa đường tỉnh 864"}), 201)
    assert (merged["commune_count"], len(merged["sources"])) == (2, 2)
    old = ok(client.get(f"/petitions/{first}"))
    assert (old["status"], old["merged_into"], old["current_id"]) == (
        "consolidated", merged["id"], merged["id"])
    assert [p["id"] for p in ok(client.get("/petitions"))["items"]] == [merged["id"]]
    split = ok(client.post(f"/petitions/{merged['id']}/split", headers=auth(Agency.HDND),
                           json={"reason": "Hai đoạn đường khác nhau"}))
    assert split["status"] == "withdrawn"
    again = ok(client.get(f"/petitions/{first}"))
    assert (again["status"], again["merged_into"], again["current_id"]) == (
        "recorded", None, first)


def test_list_filters_and_pagination(client: TestClient, auth: Auth) -> None:
    made = [record(client, auth, f"Kiến nghị về kênh thủy lợi số {n}")["petition"]["id"]
            for n in range(5)]
    page = ok(client.get("/petitions", params={"limit": 2, "offset": 1, "q": "KENH thuy loi"}))
    assert page["total"] == 5 and [p["id"] for p in page["items"]] == made[::-1][1:3]
    ok(client.post(f"/petitions/{made[0]}/classify", headers=auth(Agency.DBQH), json={
        "field": "agriculture", "level": "central", "agency": "dbqh"}))
    by_level = ok(client.get("/petitions", params={"level": "central", "field": "agriculture",
                                                   "agency": "dbqh", "status": "classified"}))
    assert [p["id"] for p in by_level["items"]] == [made[0]]
    bad = client.get("/petitions", params={"status": "lost", "limit": 1000})
    assert bad.status_code == 422
    assert bad.headers["content-type"] == "application/problem+json"


def test_reforwarding_over_http(client: TestClient, auth: Auth) -> None:
    pid = record(client, auth)["petition"]["id"]
    ok(client.post(f"/petitions/{pid}/classify", headers=auth(Agency.HDND), json={
        "field": "health", "level": "province", "agency": "ubnd", "unit": "Sở Y tế"}))
    ok(client.post(f"/petitions/{pid}/forward", headers=auth(Agency.HDND), json={}))
    moved = ok(client.post(f"/petitions/{pid}/forward", headers=auth(Agency.MTTQ), json={
        "to_agency": "ubnd", "to_unit": TRANSPORT_DEPT, "reason": "Thuộc lĩnh vực giao thông"}))
    assert moved["forwarding"]["to_unit"] == TRANSPORT_DEPT
    assert moved["forwarding"]["reforward_count"] == 1
    assert moved["forwarding"]["reason"] == "Thuộc lĩnh vực giao thông"
    assert moved["classification"]["unit"] == TRANSPORT_DEPT


def test_the_openapi_document_describes_the_routes(client: TestClient) -> None:
    document = ok(client.get("/openapi.json"))
    paths = document["paths"]
    for path in ("/voter-contacts", "/petitions", "/petitions/{petition_id}/publish-answer",
                 "/petitions/overdue", "/petitions/{petition_id}/history"):
        assert path in paths
    create = document["components"]["schemas"]["PetitionCreate"]["properties"]["text"]
    assert create["maxLength"] == 5000 and "Nội dung kiến nghị" in create["description"]
