"""Fixtures of the oversight tests: a stepping clock, the application on SQLite, the API."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from oversight_builders import JURISDICTION, SteppingClock

from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from chassis.web.auth import issue_token
from contracts.vocabulary import Agency
from oversight.application import Oversight
from oversight.entrypoints.http import create_http_app

Auth = Callable[..., dict[str, str]]


@pytest.fixture
def settings(tmp_path: Path) -> ServiceSettings:
    return ServiceSettings(environment="test", store="sqlite", data_dir=tmp_path,
                           jurisdiction=JURISDICTION, max_body_bytes=64 * 1024)


@pytest.fixture
def app(settings: ServiceSettings) -> Iterator[Oversight]:
    application = Oversight(store_environment(settings, "oversight"), clock=SteppingClock())
    yield application
    application.close()


@pytest.fixture
def memory_app() -> Iterator[Oversight]:
    application = Oversight({"PERSISTENCE_MODULE": "eventsourcing.popo"}, clock=SteppingClock())
    yield application
    application.close()


@pytest.fixture
def client(settings: ServiceSettings, app: Oversight) -> Iterator[TestClient]:
    with TestClient(create_http_app(settings, app)) as test_client:
        yield test_client


@pytest.fixture
def auth(settings: ServiceSettings) -> Auth:
    """Headers with a bearer token for an agency (and unit)."""
    def headers(agency: Agency, unit: str | None = None, **extra: str) -> dict[str, str]:
        token = issue_token(settings, agency=agency, role="staff", unit=unit)
        return {"Authorization": f"Bearer {token}", **extra}
    return headers
