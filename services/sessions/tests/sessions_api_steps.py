"""HTTP steps shared by the API tests: a session taken through its life over the API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from contracts.vocabulary import Agency

Auth = Callable[..., dict[str, str]]  # the conftest's ``auth`` fixture
Headers = Auth


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def plan(client: TestClient, auth: Headers, **overrides: Any) -> Any:
    body = {"number": 12, "term": "X, 2021–2026", "title": "Kỳ họp thứ 12",
            "kind": "regular", "planned_opening": "2025-07-14", "place": "Hội trường HĐND",
            "total_deputies": 50, **overrides}
    return ok(client.post("/sessions", json=body, headers=auth(Agency.HDND)), 201)


def prepare(client: TestClient, auth: Headers, session_id: str) -> Any:
    body = {"held_on": "2025-06-20", "attending": ["hdnd", "ubnd", "mttq"],
            "agreed_opening": "2025-07-15", "agreed_closing": "2025-07-17",
            "agenda": [{"title": "Dự thảo nghị quyết về giá đất", "kind": "draft_resolution",
                        "prepared_by": "ubnd", "preparing_unit": "Sở Tài chính",
                        "vetting_committee": "Ban Kinh tế - Ngân sách"}]}
    return ok(client.post(f"/sessions/{session_id}/joint-meeting", json=body,
                          headers=auth(Agency.HDND)))


def submit_draft(client: TestClient, auth: Headers, session_id: str, submitted_on: str,
                 title: str = "Dự thảo nghị quyết về giá đất",
                 agenda_item_id: str | None = None) -> Any:
    body = {"kind": "draft_resolution", "title": title, "field": "land",
            "submitted_on": submitted_on, "agenda_item_id": agenda_item_id}
    return ok(client.post(f"/sessions/{session_id}/documents", json=body,
                          headers=auth(Agency.UBND, unit="Sở Tài chính")), 201)


def convene(client: TestClient, auth: Headers, session_id: str) -> Any:
    body = {"present": 48, "absent_deputies": ["Nguyễn Văn A"], "opened_on": "2025-07-15"}
    return ok(client.post(f"/sessions/{session_id}/convene", json=body,
                          headers=auth(Agency.HDND)))


def vote(client: TestClient, auth: Headers, session_id: str, document_id: str, yes: int,
         no: int, abstain: int, absent: int, number: str | None = None) -> Any:
    body = {"document_id": document_id, "yes": yes, "no": no, "abstain": abstain,
            "absent": absent, "number": number, "voted_on": "2025-07-16"}
    return client.post(f"/sessions/{session_id}/votes", json=body, headers=auth(Agency.HDND))


def session_with_votes(client: TestClient, auth: Headers) -> Any:
    """A closed session: one draft adopted, one rejected with yes exactly half."""
    session = plan(client, auth)
    sid = session["id"]
    prepared = prepare(client, auth, sid)
    item = prepared["agenda"][0]["item_id"]
    land = submit_draft(client, auth, sid, "2025-07-08", agenda_item_id=item)
    fees = submit_draft(client, auth, sid, "2025-07-12", title="Dự thảo nghị quyết về phí")
    convene(client, auth, sid)
    passed = ok(vote(client, auth, sid, land["document_id"], 45, 2, 1, 2, "15/2025/NQ-HĐND"), 201)
    rejected = ok(vote(client, auth, sid, fees["document_id"], 25, 20, 3, 2), 201)
    ok(client.post(f"/sessions/{sid}/close", headers=auth(Agency.HDND)))
    return {"id": sid, "land": land, "fees": fees, "passed": passed, "rejected": rejected}
