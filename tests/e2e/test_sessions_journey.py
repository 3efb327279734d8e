"""End to end: a council session over HTTP yields ResolutionPassed as a CloudEvent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from contracts.vocabulary import Agency
from tests.e2e.journey import bearer, post
from tests.e2e.stream_reader import read_all_sync

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def hold_session(base_url: str, jurisdiction: str) -> str:
    """Plans, prepares and holds a session with one draft adopted and one rejected."""
    hdnd = bearer(jurisdiction, Agency.HDND)
    ubnd = bearer(jurisdiction, Agency.UBND, unit="Sở Tài chính")
    with httpx.Client(base_url=base_url, timeout=10) as client:
        sid = post(client, "/sessions", hdnd, {
            "number": 12, "term": "X, 2021–2026", "title": "Kỳ họp thứ 12", "kind": "regular",
            "planned_opening": "2025-07-14", "place": "Hội trường HĐND tỉnh",
            "total_deputies": 50,
        })["id"]
        post(client, f"/sessions/{sid}/joint-meeting", hdnd, {
            "held_on": "2025-06-20", "attending": ["hdnd", "ubnd", "mttq"],
            "agreed_opening": "2025-07-15", "agreed_closing": "2025-07-17",
            "agenda": [{"title": "Dự thảo nghị quyết về giá đất", "kind": "draft_resolution",
                        "prepared_by": "ubnd", "preparing_unit": "Sở Tài chính",
                        "vetting_committee": "Ban Kinh tế - Ngân sách"}],
        })
        drafts = [
            post(client, f"/sessions/{sid}/documents", ubnd, {
                "kind": "draft_resolution", "title": title, "field": "land",
                "submitted_on": "2025-07-08",
            })["document_id"]
            for title in ("Dự thảo nghị quyết về giá đất", "Dự thảo nghị quyết về phí")
        ]
        post(client, f"/sessions/{sid}/convene", hdnd,
             {"present": 48, "absent_deputies": ["Nguyễn Văn A"], "opened_on": "2025-07-15"})
        votes = ((drafts[0], 45, 2, "15/2025/NQ-HĐND"), (drafts[1], 25, 22, None))
        for document_id, yes, no, number in votes:
            post(client, f"/sessions/{sid}/votes", hdnd, {
                "document_id": document_id, "yes": yes, "no": no, "abstain": 1, "absent": 2,
                "voted_on": "2025-07-16", "number": number,
            })
        post(client, f"/sessions/{sid}/close", hdnd, {})
    return str(sid)


def test_a_resolution_passed_over_http_is_published_as_a_cloudevent(
    nats_url: str, jurisdiction: str, start_service: Callable[..., Any]
) -> None:
    service = start_service("sessions", nats_url, jurisdiction)
    session_id = hold_session(service.url, jurisdiction)

    delivered = read_all_sync(nats_url, f"phoihop.{jurisdiction}.sessions.>", expected=8)
    assert [d.event.data.event_name() for d in delivered] == [
        "SessionPlanned", "JointMeetingHeld", "DocumentSubmitted", "DocumentSubmitted",
        "SessionConvened", "ResolutionPassed", "ResolutionRejected", "SessionClosed",
    ]
    by_name = {d.event.data.event_name(): d for d in delivered}
    passed = by_name["ResolutionPassed"]
    assert passed.subject == f"phoihop.{jurisdiction}.sessions.ResolutionPassed.v1"
    assert passed.event.type == "vn.phoihop.sessions.ResolutionPassed.v1"
    data = passed.event.data.model_dump()
    assert (data["yes"], data["total_deputies"]) == (45, 50)
    rejected = by_name["ResolutionRejected"].event.data.model_dump()
    assert rejected["yes"] == 25  # exactly half of all deputies is not enough
    assert len({d.event.id for d in delivered}) == len(delivered)
    assert session_id in {d.event.subject for d in delivered}
