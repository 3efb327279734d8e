"""pytest fixtures for real servers, shared by every package's tests (a pytest plugin).

Each server, in this order (decision 9):

- NATS: ``NATS_URL`` if set; else, where a Docker engine answers, a JetStream container
  (testcontainers' NATS module); else a ``nats-server`` process from the wheel on a free port.
- PostgreSQL: ``PHOIHOP_TEST_POSTGRES_DSN`` if set; else, where a Docker engine answers, a
  container (testcontainers' PostgreSQL module); else 127.0.0.1:5432, and the tests that
  need it are skipped with the reason when nothing answers there.

The run's header says which was used and, when no engine answered, why.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chassis.messaging.embedded_nats import EmbeddedNats

DEFAULT_TEST_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
NATS_IMAGE = "nats:2.11"
POSTGRES_IMAGE = "postgres:16"


@functools.cache
def docker_unavailable() -> str | None:
    """None when a Docker engine answers; otherwise why testcontainers cannot be used."""
    try:
        import docker

        docker.from_env(timeout=3).ping()
    except Exception as error:  # no socket, no permission, no engine: all mean "fall back"
        return f"no Docker engine answers ({type(error).__name__})"
    return None


def pytest_report_header() -> list[str]:
    fallback = docker_unavailable()
    nats = ("NATS_URL" if os.environ.get("NATS_URL") else
            f"a {NATS_IMAGE} container" if fallback is None else
            f"a nats-server process from the wheel: {fallback}")
    postgres = ("PHOIHOP_TEST_POSTGRES_DSN" if os.environ.get("PHOIHOP_TEST_POSTGRES_DSN") else
                f"a {POSTGRES_IMAGE} container" if fallback is None else
                f"{DEFAULT_TEST_POSTGRES}: {fallback}")
    return [f"phoihop test servers: NATS from {nats}; PostgreSQL from {postgres}"]


@pytest.fixture(scope="session")
def nats_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    given = os.environ.get("NATS_URL")
    if given:
        yield given
        return
    if docker_unavailable() is None:
        from testcontainers.community.nats import NatsContainer

        with NatsContainer(NATS_IMAGE, jetstream=True) as container:
            yield container.nats_uri()
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
def postgres_dsn() -> Iterator[str]:
    given = os.environ.get("PHOIHOP_TEST_POSTGRES_DSN")
    if given is None and docker_unavailable() is None:
        from testcontainers.community.postgres import PostgresContainer

        with PostgresContainer(POSTGRES_IMAGE, driver=None) as container:
            yield container.get_connection_url()
        return
    yield _reachable(given or DEFAULT_TEST_POSTGRES)


def _reachable(dsn: str) -> str:
    """``dsn``, or a skip that says why (no engine for a container, nothing at ``dsn``)."""
    try:
        import psycopg

        with psycopg.connect(dsn, connect_timeout=3) as connection:
            connection.execute("select 1")
    except Exception as error:  # any failure means: no server to test against
        why = docker_unavailable()
        pytest.skip(f"no PostgreSQL server reachable at {dsn}: {error}"
                    + (f"; and {why}, so no container either" if why else ""))
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


@pytest.fixture
def span_exporter() -> Iterator[Any]:
    """OpenTelemetry's SDK with an in-memory exporter, to see the spans a test makes.

    The SDK's provider is installed once for the process (OpenTelemetry allows one global
    provider); each test gets its own exporter, detached afterwards by shutting it down.
    """
    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    exporter = InMemorySpanExporter()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    try:
        yield exporter
    finally:
        exporter.shutdown()
