"""Does the stream hold what the store says was published, as it was published, and
nothing else?

The relay's tracking position says up to which notification id JetStream acknowledged.
The audit reads that position, then the whole stream, then replays the store; each stored
event the relay publishes is encoded again the way the relay encodes it
(``relay.published_form``) and compared with the stream's copy under its deterministic
CloudEvents id (``<jurisdiction>:<service>:<notification id>``):

- an event at or before the position with no message is *missing* (lost by the relay);
- a message that differs from its stored event means one of the two was changed after
  publication: the stream is written once and nobody may purge it (the NATS accounts),
  so an edited row is caught here even where no seal covers it;
- a message the store has no event for is *foreign* (someone else published on the
  service's subjects, or the store lost rows).

Copies are compared on a digest of their JSON, key order and ``traceparent`` aside; the
data is compared on the keys the published copy has, so an event contract that gained an
optional field since does not count as a change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import nats
from eventsourcing.persistence import Notification

from chassis.messaging.relay import published_form
from chassis.messaging.streams import read_subjects, stream_name
from contracts import IntegrationEvent
from contracts.envelope import stream_subjects

READ_TIMEOUT = 5.0  # seconds to wait for the next message before calling the stream short
FETCH_BATCH = 500  # messages asked for at once
NOT_A_CLOUDEVENT = "(not a CloudEvent)"


def content_digest(document: dict[str, Any], data_keys: frozenset[str] | None = None) -> bytes:
    """What two copies of a message are compared on (``data_keys``: only those of data)."""
    document = {key: value for key, value in document.items() if key != "traceparent"}
    data = document.get("data")
    if data_keys is not None and isinstance(data, dict):
        document["data"] = {key: value for key, value in data.items() if key in data_keys}
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).digest()


@dataclass(frozen=True)
class PublishedCopy:
    """One message of the stream, as much of it as the comparison needs."""

    sequence: int  # in the stream
    digest: bytes
    data_keys: frozenset[str]


@dataclass
class StreamContent:
    """The stream read once: each CloudEvents id's copies (a re-publish outside the
    duplicate window stores a second one), and what could not be read as one of ours."""

    copies: dict[str, list[PublishedCopy]] = field(default_factory=dict)
    _keys: dict[frozenset[str], frozenset[str]] = field(default_factory=dict)

    def add(self, sequence: int, body: bytes) -> None:
        try:
            document = json.loads(body)
            ce_id = str(document["id"])
            data = document.get("data")
            keys = frozenset(data) if isinstance(data, dict) else frozenset()
        except (ValueError, KeyError, TypeError):
            ce_id, document, keys = f"{NOT_A_CLOUDEVENT} #{sequence}", {}, frozenset()
        keys = self._keys.setdefault(keys, keys)  # one set per event schema, not per message
        self.copies.setdefault(ce_id, []).append(
            PublishedCopy(sequence, content_digest(document, keys), keys))


class PublishedCheck:
    """Compares each stored event with its stream copy during the replay (``on_event``)."""

    def __init__(
        self, jurisdiction: str, service: str, position: int,
        translate: Callable[[Any], IntegrationEvent | None], stream: StreamContent,
    ) -> None:
        self.jurisdiction, self.service, self.position = jurisdiction, service, position
        self.translate = translate
        self.unmatched = stream.copies  # what is left at the end is foreign
        self.checked = 0
        self.problems: list[str] = []

    def __call__(self, notification: Notification, event: Any) -> None:
        integration = self.translate(event)
        if integration is None:
            return
        _, ce_id, body = published_form(integration, event, self.jurisdiction, notification.id)
        copies = self.unmatched.pop(ce_id, None)
        if copies is None:
            if notification.id <= self.position:
                self.problems.append(
                    f"stream: notification {notification.id} ({ce_id}) was recorded as "
                    f"published (relay position {self.position}) but is not in the stream")
            return
        self.checked += 1
        document = json.loads(body)
        for copy in copies:
            if content_digest(document, copy.data_keys) != copy.digest:
                self.problems.append(
                    f"stream: notification {notification.id} ({ce_id}) differs from the "
                    f"message published at stream sequence {copy.sequence}: the stored "
                    "event or the message was changed after publication")

    def foreign(self) -> list[str]:
        """Messages of the stream the store has no event for (call after the replay)."""
        return [
            f"stream: message {ce_id} at stream sequence {copy.sequence} is not an event of "
            "this store (published by someone else, or the store lost it)"
            for ce_id, copies in sorted(self.unmatched.items()) for copy in copies
        ]


async def read_stream(
    nats_url: str, jurisdiction: str, service: str, api_prefix: str = "$JS.API"
) -> StreamContent:
    """Every message of the service's stream, by CloudEvents id.

    ``api_prefix``: from another NATS account the stream is read through its export,
    ``$JS.<service>.API`` (decision 8).
    """
    client = await nats.connect(nats_url, allow_reconnect=False, connect_timeout=5)
    try:
        found = StreamContent()
        async for message in read_subjects(
            client.jetstream(prefix=api_prefix), stream_name(jurisdiction, service),
            stream_subjects(jurisdiction, service), FETCH_BATCH, READ_TIMEOUT,
        ):
            found.add(message.metadata.sequence.stream, message.data)
        return found
    finally:
        await client.close()
