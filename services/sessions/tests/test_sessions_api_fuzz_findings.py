"""Regressions found by fuzzing the OpenAPI document (tests/api_fuzz): a refusal that
crashed, and dates read as seconds since 1970."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sessions_api_steps import Auth, ok, plan

from chassis.web.problems import PROBLEM_JSON
from contracts.vocabulary import Agency

pytestmark = pytest.mark.integration


def test_a_command_in_the_wrong_state_is_a_409_problem_not_a_crash(
    client: TestClient, auth: Auth,
) -> None:
    # The domain's refusal carried a `status` extension, which clashed with the problem
    # document's own `status` member: the handler itself raised, and the client got a 500.
    sid = plan(client, auth)["id"]
    refused = client.post(f"/sessions/{sid}/close", headers=auth(Agency.HDND))
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"] == PROBLEM_JSON
    body = refused.json()
    assert body["status"] == 409 and "is planned" in body["detail"]


@pytest.mark.parametrize("as_of", ["2025", "0.5", "1752537600", "2025-07-15"])
def test_as_of_must_be_an_rfc_3339_date_time(client: TestClient, as_of: str) -> None:
    # `as_of=2025` used to mean 2025 seconds after 1970, and answered 200.
    for path in ("/sessions", "/confidence-ratings", "/calendar/clashes"):
        refused = client.get(path, params={"as_of": as_of})
        assert refused.status_code == 422, (path, refused.text)
    assert client.get("/calendar", params={"from": "1754362800"}).status_code == 422
    ok(client.get("/sessions", params={"as_of": "2025-07-20T10:00:00+07:00"}))
    ok(client.get("/calendar", params={"from": "2025-08-05T08:00:00Z"}))


def test_dates_in_bodies_must_be_iso_text(client: TestClient, auth: Auth) -> None:
    body = {"number": 12, "term": "X", "title": "Kỳ họp", "kind": "regular",
            "place": "Hội trường", "total_deputies": 50}
    for opening in (1752537600, "1752537600", 0):
        refused = client.post("/sessions", json={**body, "planned_opening": opening},
                              headers=auth(Agency.HDND))
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["loc"] == ["body", "planned_opening"]
    meeting = {"organiser_kind": "standing_committee", "organiser": "Thường trực HĐND",
               "title": "Họp", "starts_at": 1754362800, "ends_at": 1754373600,
               "place": "Phòng họp", "participants": []}
    assert client.post("/calendar", json=meeting,
                       headers=auth(Agency.HDND)).status_code == 422
    assert ok(client.get("/sessions"))["count"] == 0
    ok(client.post("/sessions", json={**body, "planned_opening": "2025-07-14"},
                   headers=auth(Agency.HDND)), 201)
