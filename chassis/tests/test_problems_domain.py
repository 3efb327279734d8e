"""Domain errors (``kernel.errors``) become problem documents with the status, title and
type the API has always answered with; the domain itself knows nothing of HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from chassis.settings import ServiceSettings
from chassis.web.app_factory import create_service_app
from chassis.web.problems import PROBLEM_JSON, domain_problem
from kernel.errors import Conflict, DomainError, Forbidden, Invalid, NotFound


class ServiceError(DomainError):
    """A service's own base, as each service's ``domain/errors.py`` has."""


class NoSuchRecord(ServiceError, NotFound): ...


class NotAllowedNow(ServiceError, Conflict): ...


class NotYours(ServiceError, Forbidden): ...


class BadContent(ServiceError, Invalid): ...


class BadRecipient(ServiceError, Invalid):
    title, type_slug = "Invalid recipient", "invalid-recipient"


class OnNoBase(ServiceError):
    """A mistake: extends no kernel base."""


RAISED: dict[str, DomainError] = {
    "not-found": NoSuchRecord("không có kiến nghị 7"),
    "conflict": NotAllowedNow("kỳ họp đã bế mạc", session=7),
    "forbidden": NotYours("only mttq publishes answers; you act for ubnd"),
    "invalid": BadContent("roadmap_date is required"),
    "recipient": BadRecipient("unknown agency 'x'"),
    "no-base": OnNoBase("secret internals"),
}


@pytest.fixture
def client() -> Iterator[TestClient]:
    app: FastAPI = create_service_app(ServiceSettings(environment="test"), service="t",
                                      title="t", description="d")

    @app.get("/raise/{name}")
    def raise_it(name: str) -> None:
        raise RAISED[name]

    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.parametrize(("name", "status", "title", "type_slug"), [
    ("not-found", 404, "Not found", "not-found"),
    ("conflict", 409, "Conflict", "conflict"),
    ("forbidden", 403, "Forbidden", "forbidden"),
    ("invalid", 422, "Unprocessable content", "unprocessable"),
    ("recipient", 422, "Invalid recipient", "invalid-recipient"),
])
def test_each_kernel_base_answers_with_its_problem(
    client: TestClient, name: str, status: int, title: str, type_slug: str,
) -> None:
    answer = client.get(f"/raise/{name}")
    assert answer.status_code == status
    assert answer.headers["content-type"] == PROBLEM_JSON
    body = answer.json()
    assert body["type"] == f"https://phoihop.vn/problems/{type_slug}"
    assert (body["title"], body["status"]) == (title, status)
    assert body["detail"] == RAISED[name].detail
    assert body["instance"] == f"/raise/{name}"
    known_status, known_title, known_type = domain_problem(RAISED[name])
    assert (known_status, str(known_title), known_type) == (status, title, type_slug)


def test_extensions_of_a_domain_error_are_members_of_its_problem(client: TestClient) -> None:
    assert client.get("/raise/conflict").json()["session"] == 7


def test_a_domain_error_on_no_kernel_base_is_the_servers_mistake(client: TestClient) -> None:
    answer = client.get("/raise/no-base")
    assert answer.status_code == 500
    assert answer.json()["title"] == "Internal error"
    assert "secret internals" not in answer.text


def test_a_domain_error_has_no_http_status_of_its_own() -> None:
    assert not hasattr(NotYours("x"), "status")
