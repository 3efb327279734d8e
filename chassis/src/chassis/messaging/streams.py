"""JetStream streams: one per producing service (decision 4).

A stream holds every integration event one service published in one jurisdiction. It is
the system's durable record of what was said: file storage, nothing may be deleted or
purged, and a re-published event (same ``Nats-Msg-Id``) is dropped within the window.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import (
    AckPolicy,
    ConsumerConfig,
    DeliverPolicy,
    DiscardPolicy,
    RetentionPolicy,
    StorageType,
    StreamConfig,
    StreamInfo,
)
from nats.js.errors import NotFoundError

from contracts import stream_name, stream_subjects

__all__ = [
    "DUPLICATE_WINDOW_SECONDS", "ensure_stream", "read_subjects", "seal_subject", "stream_config",
    "stream_name",
]

log = logging.getLogger(__name__)

# Two hours, not JetStream's default two minutes: a relay re-publishes the batch whose
# position it had not recorded when it crashed or lost NATS, and it may come back only
# after a pod restart, a node drain or a NATS outage of many minutes. Within the window
# JetStream drops those re-publishes by id; beyond it consumers' tracking absorbs them.
# The server keeps the window's ids in memory: a few thousand an hour per service here.
DUPLICATE_WINDOW_SECONDS = 2 * 60 * 60


def seal_subject(jurisdiction: str, service: str) -> str:
    """Where the audit's signed seals of the service's store go, in the same stream (kept
    as long, purged by no one) but outside the events' subjects that consumers follow."""
    return f"phoihop-seals.{jurisdiction}.{service}"


def stream_config(jurisdiction: str, service: str, replicas: int = 1) -> StreamConfig:
    """The configuration every service stream has."""
    return StreamConfig(
        name=stream_name(jurisdiction, service),
        description=f"Integration events of {service} in {jurisdiction}",
        subjects=[stream_subjects(jurisdiction, service), seal_subject(jurisdiction, service)],
        retention=RetentionPolicy.LIMITS,
        discard=DiscardPolicy.OLD,
        storage=StorageType.FILE,
        num_replicas=replicas,
        duplicate_window=DUPLICATE_WINDOW_SECONDS,
        deny_delete=True,
        deny_purge=True,
        # Direct get lets audits read a message by sequence from any replica.
        allow_direct=True,
    )


async def ensure_stream(
    js: JetStreamContext, jurisdiction: str, service: str, replicas: int = 1
) -> StreamInfo:
    """Creates the service's stream, or updates it to the wanted configuration."""
    config = stream_config(jurisdiction, service, replicas)
    assert config.name is not None
    try:
        info = await js.stream_info(config.name)
    except NotFoundError:
        log.info("creating stream %s", config.name)
        return await js.add_stream(config)
    if _differs(info.config, config):
        log.info("updating stream %s", config.name)
        return await js.update_stream(config)
    return info


def _differs(current: StreamConfig, wanted: StreamConfig) -> bool:
    fields = (
        "subjects", "storage", "num_replicas", "duplicate_window",
        "deny_delete", "deny_purge", "allow_direct",
    )
    return any(getattr(current, name) != getattr(wanted, name) for name in fields)


async def read_subjects(
    js: JetStreamContext, stream: str, subjects: str, batch: int = 500, timeout: float = 5.0
) -> AsyncIterator[Msg]:
    """Every message of ``stream`` on ``subjects`` (a filter), oldest first, then stops.

    As many as the stream counted on those subjects when asked; an ephemeral pull
    consumer, the only kind another account's export lets one make. A stream that is
    missing yields nothing.
    """
    try:
        info = await js.stream_info(stream, subjects_filter=subjects)
    except NotFoundError:
        return
    wanted = sum((info.state.subjects or {}).values())
    if not wanted:
        return
    sub = await js.pull_subscribe(
        subjects, stream=stream,
        config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL, ack_policy=AckPolicy.NONE,
                              inactive_threshold=60.0),
    )
    try:
        while wanted > 0:
            for message in await sub.fetch(min(wanted, batch), timeout=timeout):
                wanted -= 1
                yield message
    finally:
        await sub.unsubscribe()
