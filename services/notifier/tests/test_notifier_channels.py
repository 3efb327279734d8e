"""E-mail through a real SMTP server, the public Atom feed, and the live inbox (SSE)."""

from __future__ import annotations

import json
from uuid import uuid4
from xml.etree import ElementTree as ET

import pytest
from notifier_servers import SmtpSink, StartNotifier
from notifier_support import (
    Upstream,
    answer_published,
    answered,
    bearer,
    forwarded,
    resolution_passed,
    wait_until,
)

from contracts.vocabulary import Agency
from notifier.settings import NotifierSettings

pytestmark = [pytest.mark.integration]
ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_forwarded_petition_is_mailed_to_the_unit_and_agency_addresses_once_each(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
    smtp: SmtpSink,
) -> None:
    server = start_notifier(smtp_host="127.0.0.1", smtp_port=smtp.port)
    ubnd, mttq = bearer(settings, Agency.UBND), bearer(settings, Agency.MTTQ)
    with server.client() as http:
        for recipient, address in (("agency:ubnd/Sở Xây dựng", "vanphong@soxd.gov.vn"),
                                   ("agency:ubnd", "ubnd@tiengiang.gov.vn")):
            added = http.post("/contacts", headers=ubnd,
                              json={"recipient": recipient, "email": address})
            assert added.status_code == 201, added.text
        again = {"recipient": "agency:ubnd", "email": "UBND@tiengiang.gov.vn"}
        assert http.post("/contacts", headers=ubnd, json=again).status_code == 409
        assert http.post("/contacts", headers=mttq, json=again).status_code == 403
        assert http.post("/contacts", headers=ubnd,
                         json={"recipient": "agency:ubnd", "email": "not-mail"}).status_code == 422

        event = forwarded()
        upstream.publish((event, str(event.petition_id)))
        wait_until(lambda: len(smtp.messages) >= 2, what="two e-mails")
        deliveries = wait_until(lambda: (d := http.get("/deliveries?channel=email&status="
                                                       "delivered", headers=ubnd).json())
                                and len(d) == 2 and d, what="two delivered e-mails")
    messages = sorted(smtp.messages, key=lambda m: str(m["To"]))
    assert [str(m["To"]) for m in messages] == ["ubnd@tiengiang.gov.vn", "vanphong@soxd.gov.vn"]
    assert {m["Message-ID"].strip() for m in messages} == {d["message_id"] for d in deliveries}
    subject = str(messages[0]["Subject"])
    assert subject == "Kiến nghị cử tri chuyển đến Ủy ban nhân dân: trả lời trước ngày 28/12/2025"
    text = messages[0].get_content()
    assert "Đơn vị: Sở Xây dựng" in text and "Answer due by 2025-12-28" in text
    assert len(smtp.messages) == 2


def test_published_answers_and_passed_resolutions_are_in_the_public_atom_feed(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
) -> None:
    server = start_notifier()
    petition_id, resolution = uuid4(), resolution_passed()
    upstream.publish((answered(petition_id), str(petition_id)),
                     (answer_published(petition_id), str(petition_id)))
    upstream.publish((resolution, str(resolution.resolution_id)))
    with server.client() as http:
        def two_entries() -> ET.Element | None:
            response = http.get("/feed.atom")
            assert response.headers["content-type"].startswith("application/atom+xml")
            root = ET.fromstring(response.content)
            return root if len(root.findall(f"{ATOM}entry")) == 2 else None

        feed = wait_until(two_entries, what="two feed entries")
        mttq_inbox = http.get("/inbox", headers=bearer(settings, Agency.MTTQ)).json()
        ubnd_inbox = http.get("/inbox", headers=bearer(settings, Agency.UBND)).json()
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert (feed.findtext(f"{ATOM}{name}") or "").strip(), name
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles == ["HĐND thông qua Nghị quyết 15/2025/NQ-HĐND: Bảng giá đất giai đoạn "
                      "2026–2030", "Kết quả trả lời kiến nghị cử tri"]
    for entry in entries:
        assert (entry.findtext(f"{ATOM}id") or "").startswith("urn:uuid:")
        assert entry.findtext(f"{ATOM}updated")
        content = entry.find(f"{ATOM}content")
        assert content is not None and content.get("type") == "text" and content.text
    assert "Trả lời của Ủy ban nhân dân" in (entries[1].findtext(f"{ATOM}content") or "")
    assert [n["rule_id"] for n in mttq_inbox] == ["petition.answer_to_publish"]
    assert [n["rule_id"] for n in ubnd_inbox] == ["session.resolution_to_implement"]


def test_the_inbox_stream_pushes_new_items_live_and_resumes_from_the_last_event_id(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
) -> None:
    server = start_notifier()
    ubnd = bearer(settings, Agency.UBND)
    event = forwarded()
    with server.client() as http, http.stream("GET", "/inbox/stream", headers=ubnd,
                                              timeout=5) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        lines = stream.iter_lines()
        assert next(lines) == ": inbox"  # connected: now publish
        upstream.publish((event, str(event.petition_id)))
        received: dict[str, str] = {}
        for line in lines:
            if not line:
                if "data" in received:
                    break
                continue
            field, _, value = line.partition(": ")
            received[field] = value
    assert received["event"] == "notification"
    item = json.loads(received["data"])
    assert item["subject_id"] == str(event.petition_id) and item["type"].endswith("Forwarded.v1")
    assert received["id"] == str(item["position"])

    resumed = {**ubnd, "Last-Event-ID": str(item["position"] - 1)}
    with server.client() as http, http.stream("GET", "/inbox/stream", headers=resumed,
                                              timeout=5) as stream:
        data = next(line for line in stream.iter_lines() if line.startswith("data: "))
    assert json.loads(data.removeprefix("data: "))["id"] == item["id"]


@pytest.mark.parametrize("last_event_id", [b"9" * 5000, b"\xff", "²".encode()])
def test_a_last_event_id_that_is_no_position_is_a_problem_not_a_dropped_stream(
    start_notifier: StartNotifier, settings: NotifierSettings, last_event_id: bytes,
) -> None:
    server = start_notifier()
    headers = {**bearer(settings, Agency.UBND), "Last-Event-ID": last_event_id}
    with server.client() as http:
        refused = http.get("/inbox/stream", headers=headers, timeout=5)  # type: ignore[arg-type]
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
