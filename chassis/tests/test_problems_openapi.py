"""Every response the chassis sends is declared in OpenAPI, and problem documents keep
their RFC 9457 members (regressions found by fuzzing the services' OpenAPI documents)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

import pytest
from fastapi import APIRouter, FastAPI, Header
from fastapi.testclient import TestClient
from pydantic import BaseModel

from chassis.settings import ServiceSettings
from chassis.web.app_factory import create_service_app
from chassis.web.auth import CurrentPrincipal
from chassis.web.problems import PROBLEM_JSON
from kernel.errors import Conflict


class Note(BaseModel):
    text: str


@pytest.fixture
def app() -> FastAPI:
    service = create_service_app(ServiceSettings(environment="test"), service="problems-test",
                                 title="t", description="d")

    @service.post("/notes")
    def record(note: Note, principal: CurrentPrincipal,
               key: Annotated[str | None, Header(alias="Idempotency-Key")] = None) -> Note:
        return note

    @service.post("/sessions/{number}/close")
    def close(number: int) -> None:
        raise Conflict(f"session {number} is closed", status="closed", rule="x")

    return service


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def responses(client: TestClient, path: str, method: str) -> dict[str, Any]:
    document = client.get("/openapi.json").json()
    declared: dict[str, Any] = document["paths"][path][method]["responses"]
    return declared


def test_a_command_declares_every_problem_the_chassis_may_answer(client: TestClient) -> None:
    declared = responses(client, "/notes", "post")
    assert {"400", "401", "403", "413", "422"} <= declared.keys()
    for status in ("400", "401", "403", "413", "422"):
        schema = declared[status]["content"][PROBLEM_JSON]["schema"]
        assert schema["required"] == ["type", "title", "status"], status
    # FastAPI's own 422 (HTTPValidationError, application/json) is not what is sent.
    assert "application/json" not in declared["422"]["content"]
    assert "WWW-Authenticate" in declared["401"]["headers"]
    assert client.post("/notes", json={"text": "x"}).headers["WWW-Authenticate"] == "Bearer"


def test_operational_routes_declare_what_they_send(client: TestClient) -> None:
    metrics = responses(client, "/metrics", "get")
    assert list(metrics["200"]["content"]) == ["text/plain"]
    assert client.get("/metrics").headers["content-type"].startswith("text/plain")
    assert set(metrics) == {"200", "413"}  # no parameters, no body, no token
    assert PROBLEM_JSON in responses(client, "/readyz", "get")["503"]["content"]


def test_an_extension_named_like_a_member_does_not_break_the_problem(
    client: TestClient,
) -> None:
    refused = client.post("/sessions/7/close")
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"] == PROBLEM_JSON
    body = refused.json()
    assert (body["status"], body["detail"], body["rule"]) == (409, "session 7 is closed", "x")


def test_a_method_not_allowed_names_every_method_the_path_supports(app: FastAPI) -> None:
    @app.get("/sessions/{number}/close")  # a second route on the same path
    def closing(number: int) -> None:
        return None

    with TestClient(app) as test_client:
        refused = test_client.delete("/sessions/7/close")
    assert refused.status_code == 405, refused.text
    assert refused.headers["content-type"] == PROBLEM_JSON
    allowed = {method.strip() for method in refused.headers["Allow"].split(",")}
    assert allowed == {"GET", "POST"}


def test_allow_names_the_methods_of_routes_on_an_included_router(app: FastAPI) -> None:
    # FastAPI keeps an included router as one entry of app.router.routes: its Allow was
    # once empty, since only plain routes were asked.
    router = APIRouter(prefix="/meetings")

    @router.get("/{number}")
    def meeting(number: int) -> None:
        return None

    @router.put("/{number}")
    def replace_meeting(number: int) -> None:
        return None

    app.include_router(router)
    with TestClient(app) as test_client:
        refused = test_client.post("/meetings/7")
    assert refused.status_code == 405, refused.text
    assert refused.headers["Allow"] == "GET, PUT"
