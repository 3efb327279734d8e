"""One way to connect to NATS: reconnect forever, and say so in the logs."""

from __future__ import annotations

import logging

import nats
from nats.aio.client import Client

log = logging.getLogger(__name__)


async def connect(url: str, name: str, *, reconnect_wait: float = 0.5) -> Client:
    """A NATS connection that never gives up reconnecting (a service outlives NATS restarts)."""

    async def disconnected() -> None:
        log.warning("NATS disconnected", extra={"connection": name})

    async def reconnected() -> None:
        log.info("NATS reconnected", extra={"connection": name})

    async def error(problem: Exception) -> None:
        log.warning("NATS error: %s", problem, extra={"connection": name})

    return await nats.connect(
        servers=[url],
        name=name,
        allow_reconnect=True,
        max_reconnect_attempts=-1,
        reconnect_time_wait=reconnect_wait,
        connect_timeout=5,
        disconnected_cb=disconnected,
        reconnected_cb=reconnected,
        error_cb=error,
    )
