"""Real records in every state, made over HTTP before a fuzz run.

Random ids only ever reach "404 not found". The fuzzer draws path parameters and id
fields from these records too, so commands meet records they can act on (or must refuse
with 403 or 409) and the rich responses (a forwarded and answered petition, a closed
session with its votes) are checked against their schemas.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from contracts.vocabulary import Agency

Bearer = Callable[..., str]  # (agency, unit=None) -> a bearer token
Pool = dict[str, list[str]]
TRANSPORT = "Sở Giao thông vận tải"
FINANCE = "Sở Tài chính"


class Seeder:
    """Posts seeding commands as one agency or another; stops at the first refusal."""

    def __init__(self, client: TestClient, bearer: Bearer) -> None:
        self.client, self.bearer = client, bearer

    def __call__(self, path: str, body: object = None, *, agency: Agency,
                 unit: str | None = None, status: int = 200) -> Any:
        headers = {"Authorization": f"Bearer {self.bearer(agency, unit)}"}
        response = self.client.post(path, json=body, headers=headers)
        assert response.status_code == status, f"{path}: {response.status_code} {response.text}"
        return response.json()


def seed_petitions(post: Seeder) -> Pool:
    """Meetings planned and held; petitions recorded, classified, forwarded, answered,
    published, followed up, and merged."""
    meeting = {"title": "TXCT trước kỳ họp thứ 5", "scheduled_on": "2025-09-15",
               "place": "Hội trường UBND xã Tân Phú", "commune": "Tân Phú",
               "deputies": ["Nguyễn Văn A", "Trần Thị B"]}
    planned = post("/voter-contacts", meeting, agency=Agency.MTTQ, status=201)["id"]
    held = post("/voter-contacts", meeting, agency=Agency.MTTQ, status=201)["id"]
    post(f"/voter-contacts/{held}/held", {"held_on": "2025-09-15", "attendance": 120},
         agency=Agency.MTTQ)

    def record(text: str, **more: object) -> str:
        body = {"text": text, "channel": "deputy", "commune": "Tân Phú", **more}
        return str(post("/petitions", body, agency=Agency.MTTQ, status=201)["petition"]["id"])

    at_meeting = record("Đề nghị lắp đèn chiếu sáng ấp 3", channel="meeting", meeting_id=held,
                        commune=None)
    recorded = record("Đề nghị nạo vét kênh Xáng Cụt")
    steps = [record(f"Đề nghị sửa chữa cầu số {n} trên đường tỉnh 864") for n in range(5)]
    classify = {"field": "transport", "level": "province", "agency": "ubnd", "unit": TRANSPORT}
    for pid in steps:
        post(f"/petitions/{pid}/classify", classify, agency=Agency.HDND)
    for pid in steps[1:]:
        post(f"/petitions/{pid}/forward", agency=Agency.HDND)
    for pid in steps[2:]:
        post(f"/petitions/{pid}/answer", {"text": "Đã bố trí vốn sửa chữa trong quý IV"},
             agency=Agency.UBND, unit=TRANSPORT)
    for pid in steps[3:]:
        post(f"/petitions/{pid}/publish-answer", agency=Agency.MTTQ)
    post(f"/petitions/{steps[4]}/resolution",
         {"status": "in_progress", "roadmap_date": "2025-12-31", "note": "Khởi công quý IV"},
         agency=Agency.HDND)
    twins = [record("Đường tỉnh 864 qua xã Tân Phú xuống cấp", commune=commune)
             for commune in ("Tân Phú", "Mỹ Phong")]
    merged = post("/petitions/consolidate", {"petition_ids": twins, "text": "Sửa đường 864"},
                  agency=Agency.MTTQ, status=201)["id"]
    return {"petition_id": [at_meeting, recorded, *steps, *twins, merged],
            "meeting_id": [planned, held]}


def seed_sessions(post: Seeder) -> Pool:
    """A planned session and a closed one with its documents, questions and votes; a
    resolution with guidance; the Standing Committee's work; a clash in the calendar."""
    def plan(number: int) -> str:
        body = {"number": number, "term": "X, 2021–2026", "title": f"Kỳ họp thứ {number}",
                "kind": "regular", "planned_opening": "2025-07-14",
                "place": "Hội trường HĐND tỉnh", "total_deputies": 50}
        return str(post("/sessions", body, agency=Agency.HDND, status=201)["id"])

    planned, sid = plan(11), plan(12)
    post(f"/sessions/{planned}/agenda-requests", {"due_on": "2025-07-01"}, agency=Agency.HDND)
    prepared = post(f"/sessions/{sid}/joint-meeting", {
        "held_on": "2025-06-20", "attending": ["hdnd", "ubnd", "mttq"],
        "agreed_opening": "2025-07-15", "agreed_closing": "2025-07-17",
        "agenda": [{"title": "Dự thảo nghị quyết về giá đất", "kind": "draft_resolution",
                    "prepared_by": "ubnd", "preparing_unit": FINANCE}]}, agency=Agency.HDND)
    post(f"/sessions/{sid}/joint-meeting/confirmations", agency=Agency.MTTQ)

    def draft(title: str) -> str:
        body = {"kind": "draft_resolution", "title": title, "field": "land",
                "submitted_on": "2025-07-08", "agenda_item_id": prepared["agenda"][0]["item_id"]}
        return str(post(f"/sessions/{sid}/documents", body, agency=Agency.UBND, unit=FINANCE,
                        status=201)["document_id"])

    land, fees = draft("Dự thảo nghị quyết về giá đất"), draft("Dự thảo nghị quyết về phí")
    post(f"/sessions/{sid}/convene", {"present": 48, "opened_on": "2025-07-15"},
         agency=Agency.HDND)
    question = post(f"/sessions/{sid}/questions", {
        "deputy": "Trần Thị B", "question": "Vì sao đường tỉnh 864 chậm tiến độ?",
        "official": "Ông Lê Văn C", "official_position": "Giám đốc Sở Xây dựng",
        "asked_on": "2025-07-16"}, agency=Agency.HDND, status=201)["question_id"]
    post(f"/sessions/{sid}/questions/{question}/answer",
         {"answer": "Vướng giải phóng mặt bằng", "answered_on": "2025-07-16"},
         agency=Agency.UBND)
    votes = [post(f"/sessions/{sid}/votes", {
        "document_id": document, "yes": yes, "no": 50 - yes, "abstain": 0, "absent": 0,
        "number": number, "voted_on": "2025-07-16"}, agency=Agency.HDND, status=201)
        for document, yes, number in ((land, 45, "15/2025/NQ-HĐND"), (fees, 20, None))]
    post(f"/sessions/{sid}/close", {"closed_on": "2025-07-17"}, agency=Agency.HDND)
    resolution = votes[0]["resolution_id"]
    post(f"/resolutions/{resolution}/guidance", {"number": "2345/UBND-KT",
         "title": "Hướng dẫn thực hiện", "issued_on": "2025-07-19"},
         agency=Agency.UBND, status=201)
    council = _seed_council_work(post, sid)
    return {"session_id": [planned, sid], "question_id": [question],
            "document_id": [land, fees], "resolution_id": [resolution], **council,
            "record_id": [i for name in ("explanation_id", "matter_id", "rating_id")
                          for i in council[name]]}


def _seed_council_work(post: Seeder, sid: str) -> Pool:
    scheduled = [post("/explanation-sessions", {
        "topic": topic, "field": "economy", "scheduled_on": "2025-07-18",
        "explaining": ["Sở Tài chính"]}, agency=Agency.HDND, status=201)["id"]
        for topic in ("Chậm giải ngân vốn đầu tư công", "Ô nhiễm kênh rạch")]
    post(f"/explanation-sessions/{scheduled[0]}/held", {
        "conclusions": "Đẩy nhanh giải ngân", "commitments": ["95% trong năm"],
        "held_on": "2025-07-18"}, agency=Agency.HDND)
    matters = [post("/between-session-matters", {
        "title": title, "field": "economy", "decision_number": f"{n}/NQ-TTHĐND",
        "summary": "Đồng ý", "decided_on": "2025-05-02"}, agency=Agency.HDND, status=201)["id"]
        for n, title in ((12, "Bổ sung dự toán"), (13, "Điều chỉnh vốn"))]
    post(f"/between-session-matters/{matters[0]}/report", {"session_id": sid},
         agency=Agency.HDND)
    rating = post("/confidence-ratings", {
        "session_id": sid, "official": "Bà H", "position": "Giám đốc Sở", "high": 5,
        "confidence": 15, "low": 26, "rated_on": "2025-07-16"},
        agency=Agency.HDND, status=201)["id"]
    entries = [post("/calendar", {
        "organiser_kind": kind, "organiser": organiser, "title": "Họp", "starts_at": starts,
        "ends_at": ends, "place": "Phòng họp", "participants": ["Chủ tịch UBND tỉnh"]},
        agency=agency, status=201)["id"]
        for kind, organiser, agency, starts, ends in (
            ("standing_committee", "Thường trực HĐND", Agency.HDND,
             "2025-08-05T08:00:00+07:00", "2025-08-05T11:00:00+07:00"),
            ("ubnd", "UBND tỉnh", Agency.UBND,
             "2025-08-05T10:00:00+07:00", "2025-08-05T12:00:00+07:00"))]
    return {"explanation_id": scheduled, "matter_id": matters, "rating_id": [rating],
            "entry_id": entries}
