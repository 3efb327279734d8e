"""One way to connect to NATS: reconnect forever, and say so in the logs."""

from __future__ import annotations

import asyncio
import logging

import nats.errors
from nats.aio.client import Client

log = logging.getLogger(__name__)


async def connect(url: str, name: str, *, reconnect_wait: float = 0.5) -> Client:
    """A NATS connection that never gives up reconnecting (a service outlives NATS restarts)."""
    client = Client()

    async def disconnected() -> None:
        if client.is_closed:  # our own close(): nothing to warn about
            log.info("NATS connection %s closed", name)
        else:
            log.warning("NATS connection %s lost; reconnecting", name)

    async def reconnected() -> None:
        log.info("NATS connection %s reconnected", name)

    async def error(problem: Exception) -> None:
        log.warning("NATS connection %s: %s", name, problem)

    await client.connect(
        servers=[url],
        name=name,
        allow_reconnect=True,
        max_reconnect_attempts=-1,
        reconnect_time_wait=reconnect_wait,  # type: ignore[arg-type]  # a sleep: floats work
        connect_timeout=5,
        disconnected_cb=disconnected,
        reconnected_cb=reconnected,
        error_cb=error,
    )
    return client


def retry_is_pointless(error: Exception) -> bool:
    """True when a retry loop must stop: the connection was closed for good, or we are cancelled.

    nats-py turns a cancellation that arrives while its connection is closing into
    ``ConnectionClosedError``: a loop that retries every ``Exception`` would never end.
    """
    task = asyncio.current_task()
    cancelling = task is not None and task.cancelling() > 0
    return cancelling or isinstance(error, nats.errors.ConnectionClosedError)
