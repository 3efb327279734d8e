"""The tracked consumer applies each message exactly once, in stream order."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.persistence import Tracking
from messaging_apps import SERVICE, PetitionDesk, PetitionTally, Tally
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

from chassis.messaging.consuming_application import APPLIED, Anomaly
from chassis.messaging.jetstream_consumer import TrackedConsumer
from chassis.messaging.streams import ensure_stream, stream_name
from contracts import ReceivedEvent
from contracts.petitions.v1 import PetitionRecorded

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

    consumer = tally_consumer(tally, js, jurisdiction, batch_size=16)
    info = await consumer.ensure_consumer()

    assert info.config.max_ack_pending == consumer.batch_size == 16
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


async def test_a_delivery_that_went_astray_is_not_skipped(
    store: Store, js: JetStreamContext, jurisdiction: str
) -> None:
    # An earlier subscription's inbox takes one delivery and never acks it (as after a
    # reconnect). The server goes on delivering the later messages: applied, they would
    # move tracking past the lost one, whose redelivery would then count as seen.
    desk, tally = store.open(PetitionDesk), store.open(PetitionTally)
    texts = [f"petition {number}" for number in range(10)]
    await record_and_publish(desk, js, jurisdiction, texts[:3])
    consumer = tally_consumer(tally, js, jurisdiction, batch_size=8)
    await process_until(consumer, lambda: len(counts(tally)) == 3)
    await record_and_publish(desk, js, jurisdiction, texts[3:])
    stale = await js.pull_subscribe_bind(durable=DURABLE, stream=consumer.stream)
    astray = await stale.fetch(1, timeout=2)
    await stale.unsubscribe()

    await process_until(consumer, lambda: len(counts(tally)) == 10)

    assert json.loads(astray[0].data)["data"]["text"] == "petition 3"
    assert list(counts(tally).items()) == [(text, 1) for text in texts]


def test_a_batch_is_one_transaction_and_later_messages_see_earlier_effects(
    store: Store,
) -> None:
    tally = store.open(PetitionTally)
    petition = uuid4()
    batch = [received(sequence, petition) for sequence in (3, 5, 9)]
    transactions = 0

    def count_transaction() -> None:
        nonlocal transactions
        transactions += 1

    tally.before_commit = count_transaction
    applied = tally.apply_batch(batch, "upstream#count")
    again = tally.apply_batch([*batch, received(11, petition)], "upstream#count")

    assert applied == [3, 5, 9] and again == [11]
    assert transactions == 2
    counted: Tally = tally.repository.get(Tally.create_id(petition))
    assert counted.count == 4  # one Started and three Counted, not four Started
    assert tally.recorder.max_tracking_id("upstream#count") == 11


def test_an_aggregate_exists_once_stored_or_while_its_batch_makes_it(store: Store) -> None:
    tally = store.open(PetitionTally)
    petition = uuid4()
    seen_in_batch: list[bool] = []
    policy = tally.policy

    def apply_and_look(*args: Any) -> None:
        policy(*args)
        seen_in_batch.append(tally.exists(Tally.create_id(petition)))

    tally.policy = apply_and_look

    before = tally.exists(Tally.create_id(petition))
    tally.apply_batch([received(1, petition)], "upstream#count")

    assert before is False
    assert seen_in_batch == [True]  # made by the batch, not yet committed
    assert tally.exists(Tally.create_id(petition)) is True
    assert tally.exists(uuid4()) is False


def test_a_message_is_a_duplicate_by_its_receipt_not_by_its_sequence(store: Store) -> None:
    # A message from the right source with a sequence a little ahead (forged, or the
    # producer's ids going back after a restore from a backup): the events that follow,
    # with lower sequences, are still applied; each message still only once.
    tally = store.open(PetitionTally)
    ahead, first, second = (received(sequence, uuid4()) for sequence in (50, 11, 12))

    assert tally.apply_batch([ahead], "upstream#count") == [50]
    assert tally.apply_batch([first, second, first], "upstream#count") == [11, 12]
    assert tally.apply_batch([second, ahead], "upstream#count") == []
    assert [entry.count for entry in tally.tallies()] == [1, 1, 1]
    assert tally.recorder.max_tracking_id("upstream#count") == 50


def test_a_restored_producer_reusing_ids_is_applied_and_its_republishes_are_not(
    store: Store,
) -> None:
    tally = store.open(PetitionTally)
    before_backup = [received(sequence, uuid4()) for sequence in (1, 2, 3)]
    tally.apply_batch(before_backup, "upstream#count")
    # Restored to after id 1: ids 2 and 3 are used again for other events, same CE ids.
    after_restore = [replace(received(sequence, uuid4()), id=old.id)
                     for sequence, old in zip((2, 3), before_backup[1:], strict=True)]

    assert tally.apply_batch(after_restore, "upstream#count") == [2, 3]
    assert tally.apply_batch([*before_backup, *after_restore], "upstream#count") == []
    assert len(tally.tallies()) == 5


def test_a_sequence_far_beyond_the_highest_applied_is_an_anomaly_that_moves_nothing(
    store: Store,
) -> None:
    tally = store.open(PetitionTally)
    real = [received(sequence, uuid4()) for sequence in (1, 2)]
    forged = received(999_999_999, uuid4())

    outcomes = tally.settle_batch([real[0], forged, real[1]], "upstream#count")

    assert outcomes[0] == outcomes[2] == APPLIED
    assert isinstance(outcomes[1], Anomaly) and "far beyond" in outcomes[1].reason
    assert tally.recorder.max_tracking_id("upstream#count") == 2
    assert len(tally.tallies()) == 2


def test_a_store_that_tracked_before_receipts_keeps_its_duplicates(store: Store) -> None:
    # Stores written before receipts know only the highest sequence applied.
    tally = store.open(PetitionTally)
    tally.recorder.insert_tracking(Tracking("upstream#count", 7))

    assert tally.apply_batch([received(7, uuid4()), received(8, uuid4())],
                             "upstream#count") == [8]
    assert tally.apply_batch([received(5, uuid4())], "upstream#count") == []


def received(sequence: int, petition_id: object) -> ReceivedEvent:
    """A decoded message carrying one recorded petition, at ``sequence`` upstream."""
    moment = datetime.now(UTC)
    return ReceivedEvent(
        id=str(uuid4()), source="upstream", type="vn.phoihop.petitions.PetitionRecorded.v1",
        subject=str(petition_id), time=moment, sequence=sequence,
        data=PetitionRecorded(petition_id=petition_id, text="same petition",
                              commune="Tân Phú", channel="meeting", recorded_at=moment),
    )


async def process_until(consumer: TrackedConsumer, done: Callable[[], bool]) -> None:
    """Calls ``process_next`` until ``done`` holds; fails after 30 s."""
    deadline = time.monotonic() + 30
    while not done():
        assert time.monotonic() < deadline, "the consumer did not get there within 30 s"
        await consumer.process_next()


def duplicates_counted() -> float:
    """The consumer's metric of messages acked without effect."""
    labels = {"consumer": DURABLE, "outcome": "duplicate"}
    return REGISTRY.get_sample_value("phoihop_messages_consumed_total", labels) or 0.0
