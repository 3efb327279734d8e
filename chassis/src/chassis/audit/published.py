"""Is every event the relay recorded as published in the JetStream stream?

The relay's tracking position says up to which notification id JetStream acknowledged.
Every allow-listed event up to it must be in the stream under its deterministic
CloudEvents id (``<jurisdiction>:<service>:<notification id>``); distinct ids are counted,
not messages (a re-publish outside the duplicate window stores a second copy).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import nats
from eventsourcing.persistence import Notification
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from nats.js.errors import NotFoundError

from chassis.messaging.streams import stream_name
from contracts import IntegrationEvent
from contracts.envelope import cloudevent_id, stream_subjects

READ_TIMEOUT = 5.0  # seconds to wait for the next message before calling the stream short
FETCH_BATCH = 500  # messages asked for at once


class Expected:
    """Collects, during the replay, the ids the stream must hold (an ``on_event`` hook)."""

    def __init__(
        self, jurisdiction: str, service: str, position: int,
        translate: Callable[[Any], IntegrationEvent | None],
    ) -> None:
        self.jurisdiction, self.service, self.position = jurisdiction, service, position
        self.translate = translate
        self.ids: dict[str, int] = {}  # CloudEvents id -> notification id

    def __call__(self, notification: Notification, event: Any) -> None:
        if notification.id <= self.position and self.translate(event) is not None:
            self.ids[cloudevent_id(self.jurisdiction, self.service, notification.id)] = \
                notification.id


async def stream_ids(
    nats_url: str, jurisdiction: str, service: str, api_prefix: str = "$JS.API"
) -> set[str]:
    """The distinct CloudEvents ids of every message in the service's stream.

    ``api_prefix``: from another NATS account the stream is read through its export,
    ``$JS.<service>.API`` (decision 8).
    """
    client = await nats.connect(nats_url, allow_reconnect=False, connect_timeout=5)
    try:
        js = client.jetstream(prefix=api_prefix)
        stream = stream_name(jurisdiction, service)
        try:
            info = await js.stream_info(stream)
        except NotFoundError:
            return set()
        last = info.state.last_seq
        found: set[str] = set()
        if info.state.messages == 0:
            return found
        # A pull consumer, ephemeral: the only kind another account's export lets one make.
        sub = await js.pull_subscribe(
            stream_subjects(jurisdiction, service), stream=stream,
            config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL, ack_policy=AckPolicy.NONE,
                                  inactive_threshold=60.0),
        )
        try:
            while True:
                for message in await sub.fetch(FETCH_BATCH, timeout=READ_TIMEOUT):
                    found.add(_ce_id(message.headers, message.data))
                    if message.metadata.sequence.stream >= last:
                        return found
        finally:
            await sub.unsubscribe()
    finally:
        await client.close()


def _ce_id(headers: dict[str, str] | None, body: bytes) -> str:
    if headers and "Nats-Msg-Id" in headers:
        return headers["Nats-Msg-Id"]
    return str(json.loads(body)["id"])


def missing(expected: Expected, found: set[str]) -> list[str]:
    """One problem per published event the stream lacks, by notification id."""
    return [
        f"stream: notification {notification_id} ({ce_id}) was recorded as published "
        f"(relay position {expected.position}) but is not in the stream"
        for ce_id, notification_id in expected.ids.items() if ce_id not in found
    ]
