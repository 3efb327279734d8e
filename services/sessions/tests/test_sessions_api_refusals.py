"""API refusals: bad input and forbidden commands get a 4xx problem and change nothing."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sessions_api_steps import Auth, convene, ok, plan, prepare, submit_draft, vote
from sessions_builders import JURISDICTION

from chassis.web.auth import Principal
from chassis.web.problems import PROBLEM_JSON
from contracts.vocabulary import Agency
from sessions.application import Sessions
from sessions.domain.values import SessionKind

pytestmark = pytest.mark.integration


def problem(response: object, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"] == PROBLEM_JSON  # type: ignore[attr-defined]
    return response.json()  # type: ignore[attr-defined, no-any-return]


def test_thematic_session_by_too_few_deputies_and_no_entitled_body_is_refused(
    client: TestClient, auth: Auth,
) -> None:
    body = {"number": 5, "term": "X", "title": "Kỳ họp chuyên đề về đất đai",
            "kind": "thematic", "planned_opening": "2025-09-01", "place": "Hội trường",
            "total_deputies": 50, "requested_by": "deputies", "requesting_deputies": 16}
    refused = problem(client.post("/sessions", json=body, headers=auth(Agency.HDND)), 422)
    assert refused["rule_id"] == "session.thematic.request_share"
    assert "too few" in str(refused["detail"])
    assert ok(client.get("/sessions"))["count"] == 0
    enough = ok(client.post("/sessions", json={**body, "requesting_deputies": 17},
                            headers=auth(Agency.HDND)), 201)
    assert enough["requested_by"] == "deputies"


def test_who_may_do_what(client: TestClient, auth: Auth) -> None:
    body = {"number": 1, "term": "X", "title": "Kỳ họp", "kind": "regular",
            "planned_opening": "2025-07-14", "place": "Hội trường", "total_deputies": 50}
    problem(client.post("/sessions", json=body), 401)
    problem(client.post("/sessions", json=body, headers=auth(Agency.UBND)), 403)
    sid = plan(client, auth)["id"]
    prepare(client, auth, sid)
    draft = submit_draft(client, auth, sid, "2025-07-08")
    convene(client, auth, sid)
    problem(client.post(f"/sessions/{sid}/votes", headers=auth(Agency.MTTQ), json={
        "document_id": draft["document_id"], "yes": 40, "no": 5, "abstain": 5, "absent": 0,
        "number": "1/NQ"}), 403)
    problem(client.post(f"/sessions/{sid}/documents", headers=auth(Agency.MTTQ),
                        json={"kind": "report", "title": "Báo cáo"}), 403)
    problem(client.post(f"/sessions/{sid}/joint-meeting/confirmations",
                        headers=auth(Agency.HDND)), 403)
    assert ok(client.get(f"/sessions/{sid}"))["votes"] == []


def test_bad_input_is_a_4xx_problem_and_changes_nothing(client: TestClient, auth: Auth) -> None:
    sid = plan(client, auth)["id"]
    hdnd = auth(Agency.HDND)
    problem(client.post(f"/sessions/{sid}/convene", json={"present": 40}, headers=hdnd), 409)
    prepare(client, auth, sid)
    draft = submit_draft(client, auth, sid, "2025-07-08")
    convene(client, auth, sid)
    before = len(ok(client.get(f"/sessions/{sid}/history"))["events"])
    assert "add up" in str(problem(vote(client, auth, sid, draft["document_id"], 30, 5, 0, 0,
                                        "1/NQ"), 422)["detail"])
    problem(vote(client, auth, sid, draft["document_id"], 40, 5, 5, 0), 422)  # no number
    problem(client.post(f"/sessions/{sid}/votes", headers=hdnd, json={
        "document_id": draft["document_id"], "yes": -1, "no": 0, "abstain": 0,
        "absent": 51}), 422)
    problem(client.post(f"/sessions/{sid}/close", headers={**hdnd, "Content-Type":
                        "application/json"}, content=b"{not json"), 400)
    problem(client.post(f"/sessions/{sid}/close", headers=hdnd,
                        json={"closed_on": "2025-07-17", "extra": 1}), 422)
    problem(client.post(f"/sessions/{sid}/close", headers=hdnd,
                        json={"closed_on": "2099-01-01"}), 422)
    assert len(ok(client.get(f"/sessions/{sid}/history"))["events"]) == before


def test_unknown_records_and_bad_queries(client: TestClient, auth: Auth) -> None:
    unknown = "00000000-0000-4000-8000-000000000000"
    problem(client.get(f"/sessions/{unknown}"), 404)
    problem(client.get(f"/sessions/{unknown}/history"), 404)
    problem(client.get(f"/resolutions/{unknown}"), 404)
    problem(client.post(f"/resolutions/{unknown}/guidance", headers=auth(Agency.UBND),
                        json={"number": "1", "title": "x"}), 404)
    problem(client.get("/sessions/not-a-uuid"), 422)
    problem(client.get("/sessions", params={"as_of": "2025-07-01T00:00:00"}), 422)  # naive
    sid = plan(client, auth)["id"]
    problem(client.get(f"/resolutions/{sid}"), 404)  # a session's id is not a resolution's
    before = f"{date.today().year - 5}-01-01T00:00:00Z"  # within the range, before it
    problem(client.get(f"/sessions/{sid}", params={"as_of": before}), 404)


def test_a_joint_meeting_without_mttq_is_refused(client: TestClient, auth: Auth) -> None:
    sid = plan(client, auth)["id"]
    refused = problem(client.post(f"/sessions/{sid}/joint-meeting", headers=auth(Agency.HDND),
                                  json={"held_on": "2025-06-20", "attending": ["hdnd", "ubnd"],
                                        "agreed_opening": "2025-07-15",
                                        "agenda": [{"title": "Báo cáo", "kind": "report",
                                                    "prepared_by": "ubnd"}]}), 422)
    assert "mttq" in str(refused["detail"])
    assert ok(client.get(f"/sessions/{sid}"))["joint_meeting"] is None


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1990-01-01"])
def test_a_day_outside_the_plausible_range_is_a_422(client: TestClient, auth: Auth,
                                                    day: str) -> None:
    # 0001-01-01 as a due date used to stop the notifier's reminder pass (OverflowError),
    # and as a session's opening made submitting a document a 500 (issue 12).
    problem(client.post("/sessions", headers=auth(Agency.HDND), json={
        "number": 1, "term": "X", "title": "Kỳ họp", "kind": "regular",
        "planned_opening": day, "place": "Hội trường", "total_deputies": 50}), 422)
    sid = plan(client, auth)["id"]
    problem(client.post(f"/sessions/{sid}/agenda-requests", headers=auth(Agency.HDND),
                        json={"due_on": day}), 422)
    assert len(ok(client.get(f"/sessions/{sid}/history"))["events"]) == 1


@pytest.mark.parametrize("as_of", ["0001-01-01T00:00:00+07:00", "9999-12-31T23:59:59-23:59"])
@pytest.mark.parametrize("path", ["/resolutions", "/resolutions/guidance-lag", "/sessions"])
def test_an_as_of_outside_the_plausible_range_is_a_422(client: TestClient, path: str,
                                                       as_of: str) -> None:
    refused = problem(client.get(path, params={"as_of": as_of}), 422)
    assert refused["errors"][0]["loc"] == ["query", "as_of"]  # type: ignore[index]


def test_a_document_for_a_session_stored_with_an_absurd_opening_is_a_422(
    client: TestClient, auth: Auth, sqlite_sessions: Sessions,
) -> None:
    # A session stored before dates had a range (planned to open on 0001-01-01): the
    # document deadline, counted back from the opening, falls off the calendar.
    hdnd = Principal("hdnd-staff", Agency.HDND, "staff", JURISDICTION)
    session = sqlite_sessions.plan_session(
        hdnd, number=1, term="X", title="Kỳ họp", kind=SessionKind.REGULAR,
        planned_opening=date(1, 1, 1), place="Hội trường", total_deputies=50)
    refused = problem(client.post(f"/sessions/{session.id}/documents", headers=auth(
        Agency.UBND), json={"kind": "report", "title": "Báo cáo"}), 422)
    assert "ngoài lịch" in str(refused["detail"])


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b"])
def test_control_characters_in_free_text_are_refused(client: TestClient, auth: Auth,
                                                    control: str) -> None:
    body = {"number": 1, "term": "X", "title": f"Kỳ họp{control} thứ nhất", "kind": "regular",
            "planned_opening": "2025-07-14", "place": "Hội trường", "total_deputies": 50}
    problem(client.post("/sessions", json=body, headers=auth(Agency.HDND)), 422)
    problem(client.post("/sessions", json={**body, "title": "Kỳ họp\nthứ nhất"},
                        headers=auth(Agency.HDND)), 422)
    assert ok(client.get("/sessions"))["count"] == 0
    sid = plan(client, auth)["id"]
    note = {"due_on": "2025-06-30", "note": f"Đề nghị{control} gửi nội dung"}
    problem(client.post(f"/sessions/{sid}/agenda-requests", json=note,
                        headers=auth(Agency.HDND)), 422)
    multi_line = {"due_on": "2025-06-30", "note": "Dòng một\nDòng hai\tcột"}
    requested = ok(client.post(f"/sessions/{sid}/agenda-requests", json=multi_line,
                               headers=auth(Agency.HDND)))
    assert requested["agenda_requests"][0]["note"] == "Dòng một\nDòng hai\tcột"
