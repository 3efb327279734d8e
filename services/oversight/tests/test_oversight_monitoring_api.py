"""The monitoring API: empty lists before anything is consumed, a bad filter refused with a
problem document, and the consumers' dead letters kept for operators only."""

from __future__ import annotations

from conftest import Auth
from fastapi.testclient import TestClient

from chassis.settings import ServiceSettings
from chassis.web.auth import issue_token
from contracts.vocabulary import Agency


def test_the_monitoring_lists_start_empty(client: TestClient) -> None:
    for path in ("/monitoring/petitions", "/monitoring/petitions/overdue",
                 "/monitoring/resolutions/without-guidance"):
        response = client.get(path)
        assert (response.status_code, response.json()) == (200, [])


def test_an_unknown_agency_is_refused_in_vietnamese(client: TestClient) -> None:
    response = client.get("/monitoring/petitions/overdue", params={"agency": "cong-an"},
                          headers={"Accept-Language": "vi"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["title"] == "Yêu cầu không hợp lệ"


def test_dead_letters_are_for_operators(client: TestClient, auth: Auth,
                                        settings: ServiceSettings) -> None:
    assert client.get("/dead-letters").status_code == 401
    assert client.get("/dead-letters", headers=auth(Agency.HDND)).status_code == 403
    admin = issue_token(settings, agency=Agency.HDND, role="admin")
    response = client.get("/dead-letters", headers={"Authorization": f"Bearer {admin}"})
    assert (response.status_code, response.json()) == (200, [])
