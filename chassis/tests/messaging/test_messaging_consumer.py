"""The tracked consumer applies each message exactly once, in stream order."""

from __future__ import annotations

import json

import pytest
from messaging_apps import SERVICE, PetitionDesk, PetitionTally
from messaging_support import (
    DURABLE,
    Store,
    counts,
    record_and_publish,
    run_until_drained,
    stream_messages,
    tally_consumer,
)
from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig
from prometheus_client import REGISTRY

from chassis.streams import ensure_stream, stream_name

pytestmark = pytest.mark.integration


async def test_each_message_is_applied_once_in_stream_order(
    store: Store, js: JetStreamContext, jurisdiction: str
) -> None:
    desk, tally = store.open(PetitionDesk), store.open(PetitionTally)
    texts = [f"petition {number}" for number in range(40)]
    await record_and_publish(desk, js, jurisdiction, texts)

    await run_until_drained(tally_consumer(tally, js, jurisdiction), js, jurisdiction)

    assert counts(tally) == dict.fromkeys(texts, 1)
    assert list(counts(tally)) == texts  # applied in the order they were published


async def test_a_message_seen_again_is_acked_without_effect(
    store: Store, js: JetStreamContext, jurisdiction: str
) -> None:
    desk, tally = store.open(PetitionDesk), store.open(PetitionTally)
    texts = [f"petition {number}" for number in range(5)]
    await record_and_publish(desk, js, jurisdiction, texts)
    consumer = tally_consumer(tally, js, jurisdiction)
    await run_until_drained(consumer, js, jurisdiction)

    # The same CloudEvents published again after JetStream's duplicate window (new msg ids).
    for message in await stream_messages(js, consumer.stream):
        await js.publish(message.subject, message.data, headers={"Nats-Msg-Id": "late-" +
                         json.loads(message.data)["id"]})
    before = duplicates_counted()
    await run_until_drained(consumer, js, jurisdiction)

    assert counts(tally) == dict.fromkeys(texts, 1)
    assert duplicates_counted() - before == 5
    assert (await js.stream_info(consumer.stream)).state.messages == 10


async def test_a_durable_created_with_other_settings_is_brought_in_line(
    store: Store, js: JetStreamContext, jurisdiction: str
) -> None:
    tally = store.open(PetitionTally)
    await ensure_stream(js, jurisdiction, SERVICE)
    stream = stream_name(jurisdiction, SERVICE)
    # What nats-py's pull_subscribe would have created, and would keep silently afterwards.
    await js.add_consumer(stream, ConsumerConfig(
        durable_name=DURABLE, max_ack_pending=1000, filter_subject=f"phoihop.{jurisdiction}.>"
    ))

    info = await tally_consumer(tally, js, jurisdiction).ensure_consumer()

    assert info.config.max_ack_pending == 1
    assert info.config.filter_subject == f"phoihop.{jurisdiction}.{SERVICE}.>"
    assert info.config.max_deliver == -1


async def test_a_handler_that_fails_a_few_times_is_retried_in_place(
    store: Store, js: JetStreamContext, jurisdiction: str
) -> None:
    desk, tally = store.open(PetitionDesk), store.open(PetitionTally)
    tally.failures["flaky"] = 3
    await record_and_publish(desk, js, jurisdiction, ["first", "flaky", "last"])

    consumer = tally_consumer(tally, js, jurisdiction, max_attempts=5, retry_delay=0.02)
    await run_until_drained(consumer, js, jurisdiction)

    assert list(counts(tally).items()) == [("first", 1), ("flaky", 1), ("last", 1)]
    assert tally.failures["flaky"] == 0
    assert tally.dead_letters() == []


def duplicates_counted() -> float:
    """The consumer's metric of messages acked without effect."""
    labels = {"consumer": DURABLE, "outcome": "duplicate"}
    return REGISTRY.get_sample_value("phoihop_messages_consumed_total", labels) or 0.0
