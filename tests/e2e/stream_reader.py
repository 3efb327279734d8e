"""An outside system reading phoihop's events the way any subscriber would."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import nats
from cloudevents.core.formats.json import JSONFormat
from nats.aio.subscription import Subscription

from contracts import ReceivedEvent, decode_cloudevent


@dataclass(frozen=True)
class Delivered:
    """One message as received: NATS subject and headers, and the decoded CloudEvent."""

    subject: str
    msg_id: str | None
    event: ReceivedEvent


async def read_all(
    nats_url: str, subjects: str, expected: int, timeout: float = 20.0
) -> list[Delivered]:
    """Reads one service's stream (``subjects``) from its start with an ordered consumer."""
    client = await nats.connect(nats_url)
    try:
        subscription = await client.jetstream().subscribe(subjects, ordered_consumer=True)
        return await collect(subscription, expected, timeout)
    finally:
        await client.close()


async def collect(subscription: Subscription, expected: int, timeout: float) -> list[Delivered]:
    """Waits until ``expected`` messages arrived, then one more second for any extra
    (a duplicate would arrive then), bounded by ``timeout``."""
    received: list[Delivered] = []
    deadline = time.monotonic() + timeout
    settle_until: float | None = None
    while time.monotonic() < (settle_until or deadline):
        try:
            message = await subscription.next_msg(timeout=0.25)
        except (TimeoutError, nats.errors.TimeoutError):
            if len(received) >= expected and settle_until is None:
                settle_until = time.monotonic() + 1.0
            continue
        JSONFormat().read(None, message.data)  # the official SDK reads it, or this raises
        headers = message.headers or {}
        event = decode_cloudevent(message.data)
        received.append(Delivered(message.subject, headers.get("Nats-Msg-Id"), event))
    return received


def read_all_sync(
    nats_url: str, subjects: str, expected: int, timeout: float = 20.0
) -> list[Delivered]:
    return asyncio.run(read_all(nats_url, subjects, expected, timeout))
