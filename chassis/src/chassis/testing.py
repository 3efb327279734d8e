"""pytest fixtures for real servers, shared by every package's tests (a pytest plugin).

NATS: ``NATS_URL`` if set, else a ``nats-server`` process from the wheel on a free port.
PostgreSQL: ``PHOIHOP_TEST_POSTGRES_DSN`` or 127.0.0.1:5432; skipped with the reason if absent.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from chassis.messaging.embedded_nats import EmbeddedNats

DEFAULT_TEST_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"


@pytest.fixture(scope="session")
def nats_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    given = os.environ.get("NATS_URL")
    if given:
        yield given
        return
    with EmbeddedNats(tmp_path_factory.mktemp("nats")) as server:
        yield server.url


@pytest.fixture
def nats_server(tmp_path: Path) -> Iterator[EmbeddedNats]:
    """A private server a test may stop and restart (fault tests)."""
    server = EmbeddedNats(tmp_path / "nats").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def jurisdiction() -> str:
    """A fresh jurisdiction per test, so subjects and streams never collide on a shared server."""
    return f"test-{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="session")
def postgres_dsn() -> str:
    dsn = os.environ.get("PHOIHOP_TEST_POSTGRES_DSN", DEFAULT_TEST_POSTGRES)
    try:
        import psycopg

        with psycopg.connect(dsn, connect_timeout=3) as connection:
            connection.execute("select 1")
    except Exception as error:  # any failure means: no server to test against
        pytest.skip(f"no PostgreSQL server reachable at {dsn}: {error}")
    return dsn


@pytest.fixture
def fresh_postgres_dsn(postgres_dsn: str) -> Iterator[str]:
    """A database of its own for one test, dropped afterwards: a store's tables and its
    relay position never leak from one test, or one run, into the next."""
    from urllib.parse import urlparse, urlunparse

    import psycopg

    name = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunparse(urlparse(postgres_dsn)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(postgres_dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
