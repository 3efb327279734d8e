"""A consumer's policy is handed the whole CloudEvent, and a dead-letter retry the same one."""

from __future__ import annotations

from uuid import UUID

import pytest
from messaging_apps import SERVICE, Petition, PetitionDesk, PetitionTally
from messaging_support import Store, record_and_publish, run_until_drained, tally_consumer
from nats.js import JetStreamContext

from chassis.messaging.dead_letters import RETRIED
from contracts import event_source
from contracts.petitions.v1 import PetitionRecorded

pytestmark = pytest.mark.integration

RECORDED_TYPE = "vn.phoihop.petitions.PetitionRecorded.v1"


def recorded_petitions(desk: PetitionDesk) -> list[Petition]:
    """The desk's petitions in the order it recorded them (its notification log's order)."""
    log = desk.recorder.select_notifications(0, 100, inclusive_of_start=False)
    petitions: list[Petition] = [desk.repository.get(UUID(str(n.originator_id)))
                                 for n in log if n.originator_version == 1]
    return petitions


async def test_the_policy_sees_each_message_s_id_source_type_time_and_subject(
    store: Store, js: JetStreamContext, jurisdiction: str
) -> None:
    desk, tally = store.open(PetitionDesk), store.open(PetitionTally)
    await record_and_publish(desk, js, jurisdiction, ["first", "second"])

    await run_until_drained(tally_consumer(tally, js, jurisdiction), js, jurisdiction)

    first, second = recorded_petitions(desk)
    assert [r.id for r in tally.received] == [f"{jurisdiction}:{SERVICE}:1",
                                              f"{jurisdiction}:{SERVICE}:2"]
    assert [r.sequence for r in tally.received] == [1, 2]
    assert {r.source for r in tally.received} == {event_source(jurisdiction, SERVICE)}
    assert {r.type for r in tally.received} == {RECORDED_TYPE}
    assert [r.subject for r in tally.received] == [str(first.id), str(second.id)]
    assert [r.time for r in tally.received] == [first.created_on, second.created_on]
    assert all(isinstance(r.data, PetitionRecorded) for r in tally.received)
    assert [r.data.text for r in tally.received] == ["first", "second"]


async def test_a_dead_letter_retry_hands_the_policy_the_envelope_the_consumer_did(
    store: Store, js: JetStreamContext, jurisdiction: str
) -> None:
    desk, tally = store.open(PetitionDesk), store.open(PetitionTally)
    tally.failures["broken"] = -1
    await record_and_publish(desk, js, jurisdiction, ["broken"])
    consumer = tally_consumer(tally, js, jurisdiction, max_attempts=2, retry_delay=0.02)
    await run_until_drained(consumer, js, jurisdiction)
    [letter] = tally.dead_letters()
    from_the_stream = tally.received[-1]
    assert len(tally.received) == 2  # two attempts, then parked

    del tally.failures["broken"]
    assert tally.retry_dead_letter(letter.id).status == RETRIED

    from_the_letter = tally.received[-1]
    assert len(tally.received) == 3
    assert from_the_letter == from_the_stream  # id, source, type, subject, time, sequence, data
    assert from_the_letter.id == f"{jurisdiction}:{SERVICE}:1"
    assert from_the_letter.subject == str(recorded_petitions(desk)[0].id)


async def test_a_large_message_that_fails_is_kept_whole_and_its_retry_sees_the_whole_envelope(
    store: Store, js: JetStreamContext, jurisdiction: str
) -> None:
    desk, tally = store.open(PetitionDesk), store.open(PetitionTally)
    text = "đơn dài " * 12_000  # about 110 kB: under the consumer's limit, over 64 kB
    tally.failures[text] = -1
    await record_and_publish(desk, js, jurisdiction, [text])
    consumer = tally_consumer(tally, js, jurisdiction, max_attempts=1)
    await run_until_drained(consumer, js, jurisdiction)
    [letter] = tally.dead_letters()
    assert letter.body_size > 100_000
    assert not letter.truncated and len(letter.raw_body()) == letter.body_size

    del tally.failures[text]
    assert tally.retry_dead_letter(letter.id).status == RETRIED
    assert tally.received[-1] == tally.received[0]
    assert tally.received[-1].data.text == text
