"""Real records in every state, made over HTTP before a fuzz run (and, for the notifier,
from real upstream CloudEvents applied as its consumer applies them).

Random ids only ever reach "404 not found". The fuzzer draws path parameters and id
fields from these records too, so commands meet records they can act on (or must refuse
with 403 or 409) and the rich responses (a forwarded and answered petition, a closed
session with its votes) are checked against their schemas.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid5

from fastapi.testclient import TestClient

from chassis.messaging.consuming_application import tracking_name
from chassis.messaging.dead_letters import new_dead_letter
from contracts import IntegrationEvent, decode_cloudevent, encode_cloudevent
from contracts.petitions.v1 import (
    PetitionAnswered,
    PetitionAnswerPublished,
    PetitionForwarded,
    PetitionResolutionUpdated,
)
from contracts.sessions.v1 import MeetingScheduled, ResolutionPassed, SessionPlanned
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from notifier.application import Notifier
from notifier.domain.delivery import Outcome

Bearer = Callable[..., str]  # (agency, unit=None, role="staff", subject=None) -> a token
Pool = dict[str, list[str]]
TRANSPORT = "Sở Giao thông vận tải"
FINANCE = "Sở Tài chính"
CONSTRUCTION = "Sở Xây dựng"
PERSON = "Nguyễn Văn An"
JURISDICTION = "tien-giang"  # the fuzz settings' (conftest.py)


class Seeder:
    """Sends seeding commands as one agency (and role) or another; stops at the first
    refusal."""

    def __init__(self, client: TestClient, bearer: Bearer) -> None:
        self.client, self.bearer = client, bearer

    def __call__(self, path: str, body: object = None, *, agency: Agency,
                 unit: str | None = None, role: str = "staff", method: str = "POST",
                 status: int = 200) -> Any:
        headers = {"Authorization": f"Bearer {self.bearer(agency, unit, role)}"}
        response = self.client.request(method, path, json=body, headers=headers)
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


def seed_notifier(post: Seeder, notifier: Notifier, hook_url: str, at: datetime) -> Pool:
    """Webhooks and contacts (some cancelled or removed) over HTTP; then real petitions and
    sessions CloudEvents applied as the tracked consumer applies them, so notifications,
    deliveries and reminders follow from the rule table; then what the delivery worker
    would record (delivered, dead, cancelled, failed once) and parked dead letters."""
    subscriptions = [post("/subscriptions", {"url": hook_url, **body}, agency=agency,
                          role=role, status=201)["id"] for agency, role, body in (
        (Agency.UBND, "staff", {"event_types": ["vn.phoihop.petitions.*"], "unit": CONSTRUCTION}),
        (Agency.MTTQ, "staff", {"event_types": ["*"], "audience": "public"}),
        (Agency.HDND, "admin", {"event_types": ["*"], "audience": "all"}),
        (Agency.HDND, "staff", {"event_types": ["reminder.*"]}))]
    post(f"/subscriptions/{subscriptions[-1]}", agency=Agency.HDND, method="DELETE")
    addresses = {f"agency:ubnd/{CONSTRUCTION}": "soxd@tiengiang.gov.vn",
                 "agency:mttq": "mttq@tiengiang.gov.vn", "role:hdnd/deputy": "db@tiengiang.vn",
                 f"person:{PERSON}": "nva@tiengiang.gov.vn", "agency:ubnd": "ubnd@tg.gov.vn"}
    contacts = [post("/contacts", {"recipient": recipient, "email": email}, agency=Agency.HDND,
                     role="admin", status=201)["id"] for recipient, email in addresses.items()]
    post(f"/contacts/{contacts[-1]}", agency=Agency.UBND, method="DELETE")
    apply = _Upstream(notifier, at)
    for event, subject in _upstream_events():
        apply(event, subject)
    # Recipients and addresses too, seldom random strings: a known pair answers 409.
    return {"subscription_id": subscriptions, "contact_id": contacts,
            "recipient": list(addresses), "email": list(addresses.values()),
            "notification_id": [n["id"] for n in notifier.read_model.notifications()],
            "delivery_id": _attempt_deliveries(notifier, at),
            "letter_id": _park_dead_letters(notifier, apply)}


def _forwarded(name: str, text: str, unit: str) -> tuple[PetitionForwarded, str]:
    petition = uuid5(UUID(int=0), name)
    return PetitionForwarded(
        petition_id=petition, text=text, to_agency=Agency.UBND, to_unit=unit,
        level=JurisdictionLevel.PROVINCE, forwarded_on=date(2025, 11, 28),
        due_date=date(2025, 12, 28), rule_id="petition.answer.local",
        legal_source="Quy chế phối hợp của tỉnh"), str(petition)


def _upstream_events() -> list[tuple[IntegrationEvent, str]]:
    road, bridge = _forwarded("road", "Sửa đường 864", CONSTRUCTION), _forwarded(
        "bridge", "Sửa cầu Mỹ Phong", TRANSPORT)
    road_id, bridge_id = road[0].petition_id, bridge[0].petition_id
    session = uuid5(UUID(int=0), "session")
    return [road, bridge, (PetitionAnswered(
        petition_id=road_id, agency=Agency.UBND, unit=CONSTRUCTION, answer="Đã bố trí vốn",
        answered_on=date(2025, 12, 20), due_date=date(2025, 12, 28), on_time=True), road[1]),
        (PetitionAnswerPublished(
            petition_id=road_id, text="Sửa đường 864", answer="Đã bố trí vốn",
            answered_by=Agency.UBND, published_on=date(2026, 1, 5), communes=["Tân Phú"]),
         road[1]),
        (PetitionResolutionUpdated(petition_id=bridge_id, updated_on=date(2026, 1, 10),
                                   status=ResolutionStatus.IN_PROGRESS), bridge[1]),
        (SessionPlanned(session_id=session, number=12, term="X, 2021–2026", kind="regular",
                        title="Kỳ họp thứ 12", place="Hội trường HĐND tỉnh",
                        planned_opening=date(2025, 12, 8), total_deputies=50), str(session)),
        (ResolutionPassed(
            session_id=session, resolution_id=session, document_id=session,
            number="15/2025/NQ-HĐND", title="Bảng giá đất", field=PolicyField.LAND,
            passed_on=date(2025, 12, 10), yes=45, no=2, abstain=1, absent=2,
            total_deputies=50, rule_id="session.resolution.pass_share",
            legal_source="Luật Tổ chức chính quyền địa phương 2015, Điều 91"), str(session)),
        (MeetingScheduled(
            entry_id=session, organiser_kind="ubnd", organiser="UBND tỉnh", title="Giao ban",
            place="Phòng họp số 1", starts_at=datetime(2025, 12, 2, 1, tzinfo=UTC),
            ends_at=datetime(2025, 12, 2, 4, tzinfo=UTC), participants=[PERSON, "Trần Thị B"]),
         str(session))]


class _Upstream:
    """Encodes events as the upstream relays do and applies them as the consumer does."""

    def __init__(self, notifier: Notifier, at: datetime) -> None:
        self.notifier, self.at, self.sequences = notifier, at, {"petitions": 0, "sessions": 0}

    def encode(self, event: IntegrationEvent, subject: str) -> tuple[str, str, bytes]:
        self.sequences[event.service] += 1
        return encode_cloudevent(event, jurisdiction=JURISDICTION, subject=subject,
                                 sequence=self.sequences[event.service], time=self.at)

    def __call__(self, event: IntegrationEvent, subject: str) -> None:
        received = decode_cloudevent(self.encode(event, subject)[2])
        name = tracking_name(received.source, event.service)
        assert self.notifier.apply_received(received, name), f"{received.type} not applied"


def _attempt_deliveries(notifier: Notifier, at: datetime) -> list[str]:
    """UBND's deliveries dead (its to retry); one delivered, cancelled, failed, untried."""
    found = notifier.read_model.deliveries()
    dead = [UUID(d["id"]) for d in found if d["owner_agency"] == "ubnd"]
    others = [UUID(d["id"]) for d in found if d["owner_agency"] != "ubnd"]
    assert len(dead) == 3 and len(others) >= 4, found
    delivered, cancelled, failed, pending = others[:4]
    notifier.record_attempt(delivered, Outcome(True, 204), at, 35)
    for attempt in range(notifier.max_attempts):
        for parked in dead:
            notifier.record_attempt(parked, Outcome(False, 503, "HTTP 503"),
                                    at + timedelta(minutes=attempt), 40)
    notifier.record_attempt(cancelled, Outcome(False, error="subscription cancelled",
                                               cancelled=True), at, 0)
    notifier.record_attempt(failed, Outcome(False, None, "connection refused"), at, 3)
    return [str(i) for i in (*dead, delivered, cancelled, failed, pending)]


def _park_dead_letters(notifier: Notifier, upstream: _Upstream) -> list[str]:
    """Parked messages: a valid event the store failed on, a malformed one, a resolved one."""
    subject, ce_id, body = upstream.encode(*_forwarded("canal", "Nạo vét kênh", CONSTRUCTION))
    name = tracking_name(f"urn:phoihop:{JURISDICTION}:petitions", "petitions")
    letters = [new_dead_letter(
        consumer="notifier-petitions", stream="PHOIHOP_TIEN_GIANG_PETITIONS",
        stream_sequence=sequence, subject=subject, body=raw, headers={"Nats-Msg-Id": ce_id},
        error=error, attempts=attempts, tracking_name=name,
        upstream_sequence=upstream_sequence)
        for sequence, raw, error, attempts, upstream_sequence in (
            (40, body, "OperationalError('database is locked')", 5,
             upstream.sequences["petitions"]),
            (41, b'{"specversion": "0.3"}', "CloudEventError('specversion must be 1.0')", 1,
             None),
            (42, b"\xff\xfe not json", "CloudEventError('not JSON')", 1, None))]
    for letter in letters:
        assert notifier.park(letter)
    notifier.resolve_dead_letter(letters[-1].id, "Tin thử nghiệm, không xử lý")
    return [str(letter.id) for letter in letters]


EDUCATION = "Sở Giáo dục và Đào tạo"


def seed_oversight(post: Seeder) -> Pool:
    """An HĐND and an MTTQ programme with an overlap between them (one open, one resolved),
    a reported supervision, and recommendations open, answered and accepted."""
    def programme(agency: Agency, body: str, start: str, end: str, topic: str) -> Any:
        return post("/programmes", {
            "year": 2026, "body": body, "adopted_on": "2026-01-05", "topics": [{
                "topic": topic, "field": "education", "units": [EDUCATION, "Xã Tân Phú"],
                "window_start": start, "window_end": end}]}, agency=agency, status=201)

    hdnd = programme(Agency.HDND, "standing_committee", "2026-02-01", "2026-02-28",
                     "Chính sách hỗ trợ học sinh vùng khó khăn")
    programme(Agency.MTTQ, "mttq", "2026-02-15", "2026-03-15", "Giám sát bữa ăn bán trú")
    programme(Agency.MTTQ, "mttq", "2026-02-20", "2026-03-20", "An toàn thực phẩm trường học")
    overlaps = [o["id"] for o in post("/overlaps", agency=Agency.HDND, method="GET")]
    post(f"/overlaps/{overlaps[0]}/resolve", {"resolution": "joint"}, agency=Agency.MTTQ)
    item = hdnd["topics"][0]["item_id"]
    supervision = post("/supervisions", {
        "programme_id": hdnd["id"], "item_id": item, "members": ["Nguyễn Thị Lan"],
        "started_on": "2026-02-10", "ended_on": "2026-02-12", "units_visited": [EDUCATION]},
        agency=Agency.HDND, status=201)["id"]
    reported = post(f"/supervisions/{supervision}/report", {
        "reported_on": "2026-02-20", "findings": "Chi trả chậm", "causes": "Hồ sơ kéo dài",
        "responsibility": EDUCATION, "recommendations": [
            {"addressee_agency": "ubnd", "addressee_unit": EDUCATION, "action": action}
            for action in ("Chi trả dứt điểm", "Rà soát danh sách", "Báo cáo kết quả")]},
        agency=Agency.HDND)
    open_, answered, accepted = reported["report"]["recommendation_ids"]
    for rid in (answered, accepted):
        post(f"/recommendations/{rid}/answer", {"outcome": "partly", "done": "Một phần"},
             agency=Agency.UBND, unit=EDUCATION)
    post(f"/recommendations/{accepted}/accept", {"note": "Kết thúc"}, agency=Agency.HDND)
    return {"programme_id": [hdnd["id"]], "item_id": [item], "overlap_id": overlaps,
            "supervision_id": [supervision], "recommendation_id": [open_, answered, accepted]}
