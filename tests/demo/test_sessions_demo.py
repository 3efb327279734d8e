"""`python -m demo` against the sessions service alone (petitions not running): the council's
year it leaves behind, read back through the API, and a second run that changes nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from chassis.messaging.embedded_nats import free_port
from demo.sessions_data import load_council
from tests.demo.conftest import DemoRun
from tests.e2e.processes import ServiceProcess

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

YEAR = 2023  # the third year of term X (2021–2026): confidence ratings are held


def get(url: str, path: str, **params: Any) -> Any:
    response = httpx.get(f"{url}{path}", params=params, timeout=10)
    assert response.status_code == 200, (path, response.status_code, response.text)
    return response.json()


def figures(url: str) -> dict[str, Any]:
    """The year's counts as the service reports them."""
    sessions = get(url, "/sessions", year=YEAR)["items"]
    lag = get(url, "/resolutions/guidance-lag", year=YEAR)
    return {
        "sessions": len(sessions),
        "thematic": sum(s["kind"] == "thematic" for s in sessions),
        "documents": sum(s["document_count"] for s in sessions),
        "late": sum(s["late_document_count"] for s in sessions),
        "passed": sum(s["resolutions_passed"] for s in sessions),
        "rejected": sum(s["drafts_rejected"] for s in sessions),
        "questions": sum(s["question_count"] for s in sessions),
        "guided": lag["guided"], "awaiting": lag["awaiting"],
        "explanations": len(get(url, "/explanation-sessions", year=YEAR)),
        "matters": len(get(url, "/between-session-matters", year=YEAR)),
        "calendar": len(get(url, "/calendar")),
        "clashes": len(get(url, "/calendar/clashes")),
        "ratings": len(get(url, "/confidence-ratings")),
    }


def test_the_sessions_demo_fills_a_council_year_and_a_rerun_changes_nothing(
    sessions_service: ServiceProcess, jurisdiction: str, run_demo: DemoRun
) -> None:
    url, nowhere = sessions_service.url, f"http://127.0.0.1:{free_port()}"
    args = ("--sessions-url", url, "--petitions-url", nowhere, "--jurisdiction", jurisdiction,
            "--scale", "0.2", "--seed", "7", "--year", str(YEAR))
    first = run_demo(*args)
    assert first.returncode == 0, first.stderr
    assert f"Bỏ qua petitions: không có dịch vụ trả lời tại {nowhere}" in first.stderr
    assert "[13/13] Lấy phiếu tín nhiệm" in first.stdout and "Tổng kết năm 2023" in first.stdout
    counts = figures(url)

    sessions = [get(url, f"/sessions/{s['id']}") for s in get(url, "/sessions")["items"]]
    assert {s["kind"] for s in sessions} == {"regular", "thematic"}
    assert all(s["status"] == "closed" for s in sessions)
    assert all(s["joint_meeting"]["confirmed_by"] == ["mttq", "ubnd"] for s in sessions)
    callers = {s["requested_by"]: s for s in sessions if s["kind"] == "thematic"}
    assert set(callers) == {"standing_committee", "ubnd_chair", "deputies"}
    by_deputies = callers["deputies"]
    assert 3 * by_deputies["requesting_deputies"] >= by_deputies["total_deputies"]

    votes = [v for s in sessions for v in s["votes"]]
    assert all(v["yes"] + v["no"] + v["abstain"] + v["absent"] == v["total_deputies"]
               for v in votes)
    [rejected] = [v for v in votes if not v["passed"]]
    assert 2 * rejected["yes"] <= rejected["total_deputies"] and rejected["number"] is None
    passed = [v for v in votes if v["passed"]]
    assert passed and all(2 * v["yes"] > v["total_deputies"] for v in passed)
    drafts = [d for s in sessions for d in s["documents"] if d["kind"] == "draft_resolution"]
    assert len(drafts) == len(votes)
    assert all(d["vetting"] for d in drafts)  # every UBND draft was vetted by a committee

    late = [(s, d) for s in sessions for d in s["documents"] if not d["on_time"]]
    assert late and all(d["days_late"] > 0 for _, d in late)
    session, document = late[0]
    history = get(url, f"/sessions/{session['id']}/history")["events"]
    assert any(e["type"] == "DocumentSubmittedLate"
               and e["fields"]["document_id"] == document["document_id"] for e in history)

    [questioned] = [s for s in sessions if s["questions"]]
    assert questioned["kind"] == "regular"
    assert all(q["answer"] and q["answered_by"] for q in questioned["questions"])
    assert any(q["follow_ups"] for q in questioned["questions"])

    resolutions = get(url, "/resolutions", year=YEAR)["items"]
    assert len(resolutions) == len(passed) == counts["passed"]
    lags = [r["guidance_lag_days"] for r in resolutions if r["guidance_lag_days"] is not None]
    waiting = [r for r in resolutions if r["days_waiting"] is not None]
    assert len(set(lags)) > 1 and waiting  # varying lags, and some resolutions still wait
    assert (counts["guided"], counts["awaiting"]) == (len(lags), len(waiting))
    assert any(r["conference_held_on"] for r in resolutions)

    [clash] = get(url, "/calendar/clashes")
    assert {clash["organiser"], clash["other_organiser"]} == {"UBND tỉnh",
                                                              "Ban Kinh tế - Ngân sách"}
    assert clash["shared_participants"] and clash["active"]

    assert all(e["held_on"] for e in get(url, "/explanation-sessions", year=YEAR))
    matters = get(url, "/between-session-matters", year=YEAR)
    assert len(matters) >= 2 and any(m["reported_to"] for m in matters)
    ratings = get(url, "/confidence-ratings")
    assert len(ratings) == sum(o.rated for o in load_council().officials)
    assert {r["session_id"] for r in ratings} == {s["id"] for s in sessions
                                                  if s["title"].endswith(f"cuối năm {YEAR}")}

    again = run_demo(*args)
    assert again.returncode == 0, again.stderr
    assert "không ghi lại" in again.stdout
    assert figures(url) == counts
