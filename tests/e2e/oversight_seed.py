"""A supervision year in miniature, over the oversight API: an HĐND committee and MTTQ
planning to visit the same school in overlapping weeks (one open overlap), and a reported
supervision whose two recommendations go to the Department of Education, one long overdue
and one not yet due. Used by the portal's tests (in process and in the browser)."""

from __future__ import annotations

from typing import Any

import httpx

from contracts.vocabulary import Agency
from tests.e2e.journey import bearer, post

EDUCATION = "Sở Giáo dục và Đào tạo"
COMMITTEE = "Ban Văn hóa - Xã hội"
SCHOOL = "Trường THPT Tân Phú"
OVERDUE_ACTION = "Chi trả dứt điểm tiền hỗ trợ học sinh vùng khó khăn"
LATER_ACTION = "Rà soát danh sách học sinh được hỗ trợ năm học mới"


def topic(window_start: str, window_end: str) -> dict[str, Any]:
    return {"topic": "Việc thực hiện chính sách hỗ trợ học sinh vùng khó khăn",
            "field": "education", "units": [SCHOOL, EDUCATION],
            "window_start": window_start, "window_end": window_end}


def plan_supervision_year(client: httpx.Client, jurisdiction: str) -> dict[str, Any]:
    """The ids: the committee's programme, the overlap, the two recommendations."""
    hdnd = bearer(jurisdiction, Agency.HDND)
    committee = post(client, "/programmes", hdnd, {
        "year": 2026, "body": "committee", "body_name": COMMITTEE, "adopted_on": "2026-01-05",
        "topics": [topic("2026-02-01", "2026-04-30")]})
    post(client, "/programmes", bearer(jurisdiction, Agency.MTTQ), {
        "year": 2026, "body": "mttq", "adopted_on": "2026-01-10",
        "topics": [topic("2026-04-15", "2026-05-20")]})
    [overlap] = client.get("/overlaps", params={"open": "true"}).json()
    supervision = post(client, "/supervisions", hdnd, {
        "programme_id": committee["id"], "item_id": committee["topics"][0]["item_id"],
        "members": ["Nguyễn Thị Lan", "Trần Văn Bình"], "started_on": "2026-02-10",
        "ended_on": "2026-02-12", "units_visited": [SCHOOL, EDUCATION]})
    reported = post(client, f"/supervisions/{supervision['id']}/report", hdnd, {
        "reported_on": "2026-02-20", "findings": "Chi trả hỗ trợ chậm hai tháng",
        "causes": "Hồ sơ xét duyệt kéo dài", "responsibility": EDUCATION,
        "recommendations": [
            {"addressee_agency": "ubnd", "addressee_unit": EDUCATION,
             "action": OVERDUE_ACTION, "due_on": "2026-03-20"},
            {"addressee_agency": "ubnd", "addressee_unit": EDUCATION,
             "action": LATER_ACTION, "due_on": "2027-03-31"}]})
    overdue, later = reported["report"]["recommendation_ids"]
    return {"programme": committee["id"], "overlap": overlap["id"],
            "overdue": overdue, "later": later}
