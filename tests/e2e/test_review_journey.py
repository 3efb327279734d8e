"""End to end: acts recorded over the HTTP APIs of petitions, sessions, letters and
oversight, dated in two years, reach oversight's review through a real NATS; each figure,
its previous period and its drill-down list are checked, then ``phoihop audit`` re-derives
the same review by replaying every store from zero (decision 17)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from chassis.audit.run import audit, spec_of
from chassis.settings import ServiceSettings
from contracts.vocabulary import Agency
from tests.e2e.journey import bearer, post

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


def hold_session(client: httpx.Client, jurisdiction: str, number: int, kind: str,
                 joint_on: str, opened_on: str, drafts: int = 0) -> str:
    hdnd = bearer(jurisdiction, Agency.HDND)
    ubnd = bearer(jurisdiction, Agency.UBND, unit="Sở Tài chính")
    sid = post(client, "/sessions", hdnd, {
        "number": number, "term": "X, 2021–2026", "title": f"Kỳ họp thứ {number}",
        "kind": kind, "planned_opening": opened_on, "place": "Hội trường HĐND tỉnh",
        "total_deputies": 50,
        **({"requested_by": "standing_committee"} if kind == "thematic" else {})})["id"]
    post(client, f"/sessions/{sid}/joint-meeting", hdnd, {
        "held_on": joint_on, "attending": ["hdnd", "ubnd", "mttq"],
        "agreed_opening": opened_on, "agreed_closing": opened_on,
        "agenda": [{"title": f"Dự thảo nghị quyết {n}", "kind": "draft_resolution",
                    "prepared_by": "ubnd", "preparing_unit": "Sở Tài chính",
                    "vetting_committee": "Ban Kinh tế - Ngân sách"}
                   for n in range(max(drafts, 1))]})  # a joint meeting agrees an agenda
    documents = [post(client, f"/sessions/{sid}/documents", ubnd, {
        "kind": "draft_resolution", "title": f"Dự thảo nghị quyết {n}", "field": "land",
        "submitted_on": joint_on})["document_id"] for n in range(drafts)]
    post(client, f"/sessions/{sid}/convene", hdnd,
         {"present": 48, "absent_deputies": [], "opened_on": opened_on})
    for n, document_id in enumerate(documents):
        post(client, f"/sessions/{sid}/votes", hdnd, {
            "document_id": document_id, "yes": 45, "no": 2, "abstain": 1, "absent": 2,
            "voted_on": opened_on, "number": f"{n + 1}/{opened_on[:4]}/NQ-HĐND"})
    return str(sid)


def council_year(url: str, jurisdiction: str) -> dict[str, list[str]]:
    hdnd = bearer(jurisdiction, Agency.HDND)
    with httpx.Client(base_url=url, timeout=10) as client:
        before = [hold_session(client, jurisdiction, 11, "regular", "2024-06-20", "2024-07-15")]
        now = [hold_session(client, jurisdiction, 12, "thematic", "2025-03-01", "2025-03-14",
                            drafts=1),
               hold_session(client, jurisdiction, 13, "regular", "2025-11-20", "2025-12-09")]
        explanation = post(client, "/explanation-sessions", hdnd, {
            "topic": "Tiến độ giải ngân vốn đầu tư công", "field": "economy",
            "scheduled_on": "2025-06-10", "explaining": ["Giám đốc Sở Tài chính"]})["id"]
        post(client, f"/explanation-sessions/{explanation}/held", hdnd, {
            "conclusions": "Đẩy nhanh giải ngân", "held_on": "2025-06-10"})
        post(client, "/between-session-matters", hdnd, {
            "title": "Điều chỉnh kế hoạch vốn", "field": "economy",
            "decision_number": "15/NQ-HĐND", "summary": "Điều chỉnh vốn",
            "decided_on": "2025-08-01"})
    return {"2024": before, "2025": now}


def petition(client: httpx.Client, jurisdiction: str, recorded: str, forwarded: str,
             answered: str) -> str:
    mttq, hdnd = bearer(jurisdiction, Agency.MTTQ), bearer(jurisdiction, Agency.HDND)
    ubnd = bearer(jurisdiction, Agency.UBND, unit="Sở Xây dựng")
    pid = post(client, "/petitions", mttq, {
        "text": f"Đề nghị sửa chữa đường tỉnh 864 (ghi nhận {recorded})", "channel": "mail",
        "commune": "Tân Phú", "occurred_on": recorded})["petition"]["id"]
    post(client, f"/petitions/{pid}/classify", hdnd, {
        "field": "transport", "level": "province", "agency": "ubnd", "unit": "Sở Xây dựng",
        "occurred_on": forwarded})
    post(client, f"/petitions/{pid}/forward", hdnd, {"forwarded_on": forwarded})
    post(client, f"/petitions/{pid}/answer", ubnd,
         {"text": "Đã bố trí vốn sửa chữa.", "answered_on": answered})
    return str(pid)


def letter(client: httpx.Client, jurisdiction: str, kind: str, received_on: str) -> str:
    ubnd = bearer(jurisdiction, Agency.UBND)
    return str(post(client, "/letters", ubnd, {
        "kind": kind, "channel": "mail", "received_on": received_on,
        "summary": "Đơn về bồi thường giải phóng mặt bằng",
        **({"sender_name": "Nguyễn Văn Bình"} if kind == "complaint" else {})})["id"])


def figures_of(review: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["key"]: f for s in review["sections"] for f in s["figures"]}


EXPECTED = {  # 2025's figure, and 2024's beside it
    "sessions.held": (2, 1), "sessions.joint_meetings": (2, 1),
    "sessions.resolutions_passed": (1, 0), "sessions.explanations": (1, 0),
    "sessions.between_matters": (1, 0), "petitions.recorded": (2, 1),
    "petitions.forwarded": (2, 1), "petitions.answered": (2, 1),
    "petitions.median_days_to_answer": (58.0, 18.0), "letters.received": (2, 1),
    "oversight.topics": (2, 0),
}


def wait_for_review(url: str, timeout: float = 60.0) -> dict[str, Any]:
    """The review of 2025 once every fact has come through NATS (the consumers are async)."""
    deadline, seen = time.monotonic() + timeout, {}
    while time.monotonic() < deadline:
        review = httpx.get(f"{url}/review", params={"year": 2025}, timeout=10).json()
        figures = figures_of(review)
        seen = {k: (figures[k]["value"], figures[k]["previous"]) for k in EXPECTED}
        if seen == EXPECTED:
            return review
        time.sleep(0.5)
    raise AssertionError(f"the review never reached the acts recorded: {seen}")


def test_acts_recorded_over_http_in_two_years_make_the_review_and_its_audit(
    nats_url: str, jurisdiction: str, start_service: Callable[..., Any], tmp_path: Path
) -> None:
    services = {name: start_service(name, nats_url, jurisdiction)
                for name in ("petitions", "sessions", "letters", "oversight")}
    sessions = council_year(services["sessions"].url, jurisdiction)
    with httpx.Client(base_url=services["petitions"].url, timeout=10) as client:
        petition(client, jurisdiction, "2024-05-10", "2024-05-12", "2024-05-30")
        petition(client, jurisdiction, "2025-02-01", "2025-02-03", "2025-02-23")
        petition(client, jurisdiction, "2025-02-01", "2025-02-03", "2025-05-10")
    with httpx.Client(base_url=services["letters"].url, timeout=10) as client:
        letter(client, jurisdiction, "complaint", "2024-03-01")
        letter(client, jurisdiction, "complaint", "2025-04-02")
        letter(client, jurisdiction, "reflection", "2025-04-03")
    with httpx.Client(base_url=services["oversight"].url, timeout=10) as client:
        post(client, "/programmes", bearer(jurisdiction, Agency.MTTQ), {
            "year": 2025, "body": "mttq", "adopted_on": "2024-12-15", "topics": [{
                "topic": f"Chuyên đề {n}", "field": "education",
                "units": ["Trường THPT Tân Phú"], "window_start": f"2025-0{n}-01",
                "window_end": f"2025-0{n}-20"} for n in (4, 6)]})

    oversight = services["oversight"].url
    review = wait_for_review(oversight)
    held = figures_of(review)["sessions.held"]
    assert [(p["key"], p["value"], p["previous"]) for p in held["parts"]] == [
        ("thematic", 1, 0), ("regular", 1, 1)]
    listed = httpx.get(f"{oversight}{held['records']}").json()
    assert sorted(r["id"] for r in listed["records"]) == sorted(sessions["2025"])
    assert {r["href"] for r in listed["records"]} == {f"/sessions/{s}" for s in sessions["2025"]}
    before = httpx.get(f"{oversight}{held['records']}&period=previous").json()
    assert [r["id"] for r in before["records"]] == sessions["2024"]
    session = httpx.get(services["sessions"].url + listed["records"][0]["href"])
    assert session.status_code == 200  # the link is the owning service's API path
    received = httpx.get(f"{oversight}/review/figures/letters.received",
                         params={"year": 2025}).json()
    assert sorted(r["occurred_on"] for r in received["records"]) == ["2025-04-02",
                                                                    "2025-04-03"]
    assert [a["unit"] for a in review["agencies"]] == ["Sở Xây dựng"]
    assert review["agencies"][0]["ranked"] is False  # two answers: below the rulebook's five

    settings = ServiceSettings(store="sqlite", data_dir=tmp_path, jurisdiction=jurisdiction)
    report = audit(spec_of("oversight"), settings, "oversight", say=False)
    assert report.problems == []
