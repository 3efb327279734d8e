"""Fixtures of the sessions tests: a stepping clock, the application on SQLite, the API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sessions_api_steps import Auth
from sessions_builders import JURISDICTION, SteppingClock

from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from chassis.web.auth import issue_token
from contracts.vocabulary import Agency
from sessions.application import Sessions
from sessions.entrypoints.http import create_http_app


@pytest.fixture
def settings(tmp_path: Path) -> ServiceSettings:
    return ServiceSettings(environment="test", store="sqlite", data_dir=tmp_path,
                           jurisdiction=JURISDICTION, max_body_bytes=64 * 1024)


@pytest.fixture
def sqlite_sessions(settings: ServiceSettings) -> Iterator[Sessions]:
    app = Sessions(store_environment(settings, "sessions"), clock=SteppingClock())
    yield app
    app.close()


@pytest.fixture
def client(settings: ServiceSettings, sqlite_sessions: Sessions) -> Iterator[TestClient]:
    with TestClient(create_http_app(settings, sqlite_sessions)) as test_client:
        yield test_client


@pytest.fixture
def auth(settings: ServiceSettings) -> Auth:
    """Headers with a bearer token for an agency (and unit)."""
    def headers(agency: Agency, unit: str | None = None, **extra: str) -> dict[str, str]:
        token = issue_token(settings, agency=agency, role="staff", unit=unit)
        return {"Authorization": f"Bearer {token}", **extra}
    return headers
