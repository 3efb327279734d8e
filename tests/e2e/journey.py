"""A voter petition's whole path over HTTP, as the four bodies' staff would walk it."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx

from chassis.settings import ServiceSettings
from chassis.web.auth import issue_token
from contracts.vocabulary import Agency


def bearer(jurisdiction: str, agency: Agency, unit: str | None = None,
           role: str = "staff") -> dict[str, str]:
    settings = ServiceSettings(jurisdiction=jurisdiction)
    token = issue_token(settings, agency=agency, role=role, unit=unit)
    return {"Authorization": f"Bearer {token}"}


def post(client: httpx.Client, path: str, headers: dict[str, str], body: dict[str, Any]) -> Any:
    response = client.post(path, json=body, headers=headers)
    assert response.status_code in (200, 201), (path, response.status_code, response.text)
    return response.json()


def walk_petition_journey(base_url: str, jurisdiction: str) -> dict[str, str]:
    """Meeting → 2 duplicates + 1 other → consolidate → classify → forward → answer → publish.

    Returns the ids involved. Produces 11 integration events.
    """
    mttq, hdnd = bearer(jurisdiction, Agency.MTTQ), bearer(jurisdiction, Agency.HDND)
    ubnd = bearer(jurisdiction, Agency.UBND)
    with httpx.Client(base_url=base_url, timeout=10) as client:
        meeting = post(client, "/voter-contacts", mttq, {
            "title": "TXCT trước kỳ họp thứ 5", "scheduled_on": str(date.today()),
            "place": "Hội trường UBND xã Tân Phú", "commune": "Tân Phú",
            "deputies": ["Nguyễn Văn An", "Trần Thị Bình"],
        })
        meeting_id = meeting["id"]
        post(client, f"/voter-contacts/{meeting_id}/held", mttq,
             {"held_on": str(date.today()), "attendance": 140})
        first = post(client, "/petitions", mttq, {
            "text": "Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Tân Phú bị xuống cấp",
            "channel": "meeting", "meeting_id": meeting_id,
        })["petition"]["id"]
        second = post(client, "/petitions", mttq, {
            "text": "Cử tri phản ánh đường tỉnh 864 qua xã Tân Phú hư hỏng, đề nghị sửa chữa",
            "channel": "mail", "commune": "Phú Mỹ",
        })["petition"]["id"]
        post(client, "/petitions", mttq, {
            "text": "Đề nghị bổ sung giáo viên tiếng Anh cho trường tiểu học Phú Mỹ",
            "channel": "meeting", "meeting_id": meeting_id,
        })
        merged = post(client, "/petitions/consolidate", hdnd, {
            "petition_ids": [first, second],
            "text": "Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Tân Phú, Phú Mỹ",
        })["id"]
        post(client, f"/petitions/{merged}/classify", hdnd, {
            "field": "transport", "level": "province", "agency": "ubnd",
        })
        post(client, f"/petitions/{merged}/forward", hdnd, {})
        post(client, f"/petitions/{merged}/answer", ubnd,
             {"text": "Sở Xây dựng đã bố trí vốn sửa chữa trong quý IV."})
        post(client, f"/petitions/{merged}/publish-answer", mttq, {})
        post(client, f"/petitions/{merged}/resolution", ubnd,
             {"status": "in_progress", "roadmap_date": "2027-03-31", "note": "Đang thi công"})
    return {"meeting": meeting_id, "first": first, "second": second, "merged": merged}
