"""Where the test servers come from: containers where a Docker engine answers, otherwise
the fallbacks (decision 9); the header of every run says which."""

from __future__ import annotations

import asyncio

import nats
import pytest

from chassis.testing import docker_unavailable, pytest_report_header


def test_the_run_header_names_where_each_server_comes_from() -> None:
    (line,) = pytest_report_header()
    assert line.startswith("phoihop test servers: NATS from ")
    why = docker_unavailable()
    if why is not None:  # the reason is shown wherever a container was not used
        assert why in line or ("NATS_URL" in line and "PHOIHOP_TEST_POSTGRES_DSN" in line)


@pytest.mark.integration
@pytest.mark.skipif(docker_unavailable() is not None,
                    reason=f"testcontainers need a Docker engine: {docker_unavailable()}")
def test_containers_serve_jetstream_and_postgres() -> None:
    import psycopg
    from testcontainers.community.nats import NatsContainer
    from testcontainers.community.postgres import PostgresContainer

    from chassis.testing import NATS_IMAGE, POSTGRES_IMAGE

    async def jetstream_answers(url: str) -> None:
        client = await nats.connect(url)
        try:
            await client.jetstream().account_info()
        finally:
            await client.close()

    with NatsContainer(NATS_IMAGE, jetstream=True) as container:
        asyncio.run(jetstream_answers(container.nats_uri()))
    with PostgresContainer(POSTGRES_IMAGE, driver=None) as container, \
            psycopg.connect(container.get_connection_url()) as connection:
        assert connection.execute("select 1").fetchone() == (1,)
