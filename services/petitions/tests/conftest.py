"""Fixtures of the petitions tests: a settable clock, the application, the HTTP API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from petitions_testkit import MEMORY, Auth, SettableClock

from chassis.settings import ServiceSettings
from chassis.stores import postgres_environment, store_environment
from chassis.web.auth import issue_token
from contracts.vocabulary import Agency
from petitions.application import Petitions
from petitions.entrypoints.http import create_http_app


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock()


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def store_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """A read model's tests run on each store its tables can live in."""
    if request.param == "memory":
        return MEMORY
    if request.param == "sqlite":
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(tmp_path / "petitions.db")}
    return postgres_environment(request.getfixturevalue("fresh_postgres_dsn"), "petitions")


@pytest.fixture
def petitions(clock: SettableClock) -> Iterator[Petitions]:
    app = Petitions(MEMORY, clock=clock)
    yield app
    app.close()


@pytest.fixture
def settings(tmp_path: Path) -> ServiceSettings:
    return ServiceSettings(environment="test", store="sqlite", data_dir=tmp_path,
                           jurisdiction="tien-giang", max_body_bytes=64 * 1024)


@pytest.fixture
def sqlite_petitions(settings: ServiceSettings, clock: SettableClock) -> Iterator[Petitions]:
    app = Petitions(store_environment(settings, "petitions"), clock=clock)
    yield app
    app.close()


@pytest.fixture
def client(settings: ServiceSettings, sqlite_petitions: Petitions) -> Iterator[TestClient]:
    with TestClient(create_http_app(settings, sqlite_petitions)) as test_client:
        yield test_client



@pytest.fixture
def auth(settings: ServiceSettings) -> Auth:
    """Headers with a bearer token for an agency (and unit)."""
    def headers(agency: Agency, unit: str | None = None, subject: str | None = None,
                **extra: str) -> dict[str, str]:
        token = issue_token(settings, agency=agency, role="staff", unit=unit, subject=subject)
        return {"Authorization": f"Bearer {token}", **extra}
    return headers
