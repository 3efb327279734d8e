"""End to end: the petitions service as a process, its events read by an outside subscriber."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import nats
import pytest

from tests.e2e.journey import walk_petition_journey
from tests.e2e.stream_reader import Delivered, collect, read_all

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

JOURNEY_TYPES = [
    "VoterContactMeetingPlanned", "VoterContactMeetingHeld", "PetitionRecorded",
    "PetitionRecorded", "PetitionRecorded", "PetitionsConsolidated", "PetitionClassified",
    "PetitionForwarded", "PetitionAnswered", "PetitionAnswerPublished",
    "PetitionResolutionUpdated",
]


async def test_every_event_of_the_journey_reaches_an_outside_subscriber_once_and_in_order(
    nats_url: str, jurisdiction: str, start_service: Callable[..., Any]
) -> None:
    service = start_service("petitions", nats_url, jurisdiction)
    outsider = await nats.connect(nats_url)
    try:
        live = await outsider.subscribe("phoihop.>")  # a plain subscriber, not JetStream
        ids = await asyncio.to_thread(walk_petition_journey, service.url, jurisdiction)
        received = await collect(live, expected=len(JOURNEY_TYPES), timeout=20)
    finally:
        await outsider.close()
    stream = await read_all(nats_url, f"phoihop.{jurisdiction}.petitions.>", len(JOURNEY_TYPES))

    for delivered in (mine(received, jurisdiction), stream):
        assert [d.event.data.event_name() for d in delivered] == JOURNEY_TYPES
        assert_once_in_order(delivered, jurisdiction)
    forwarded = next(d for d in stream if d.event.data.event_name() == "PetitionForwarded")
    assert forwarded.event.subject == ids["merged"]


def mine(delivered: list[Delivered], jurisdiction: str) -> list[Delivered]:
    return [d for d in delivered if d.event.source == f"urn:phoihop:{jurisdiction}:petitions"]


def assert_once_in_order(delivered: list[Delivered], jurisdiction: str) -> None:
    assert len({d.event.id for d in delivered}) == len(delivered)
    sequences = [d.event.sequence for d in delivered]
    assert sequences == sorted(sequences)
    for item in delivered:
        name = item.event.data.event_name()
        assert item.subject == f"phoihop.{jurisdiction}.petitions.{name}.v1"
        assert item.msg_id == item.event.id
