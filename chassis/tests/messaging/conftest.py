"""Fixtures for the messaging tests: each store kind, NATS connections."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from messaging_support import Store
from nats.aio.client import Client
from nats.js import JetStreamContext

from chassis.messaging.nats_connection import connect


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Each test using it runs on a SQLite file and on PostgreSQL (skipped if absent)."""
    if request.param == "sqlite":
        opened = Store("sqlite", tmp_path, None)
        yield opened
        opened.close()
        return
    dsn: str = request.getfixturevalue("postgres_dsn")
    yield from _postgres_store(dsn, tmp_path)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """SQLite files only (the subprocess tests)."""
    opened = Store("sqlite", tmp_path, None)
    yield opened
    opened.close()


def _postgres_store(dsn: str, tmp_path: Path) -> Iterator[Store]:
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    opened = Store("postgres", tmp_path, (dsn, schema))
    try:
        yield opened
    finally:
        opened.close()
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
async def nc(nats_url: str) -> AsyncIterator[Client]:
    """A connection to the session's NATS server."""
    client = await connect(nats_url, "messaging-test")
    yield client
    await client.close()


@pytest.fixture
def js(nc: Client) -> JetStreamContext:
    """JetStream over ``nc``."""
    return nc.jetstream()
