"""Messages that cannot be applied become dead letters; the stream goes on; retries apply once."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import pytest
from messaging_apps import SERVICE, PetitionDesk, PetitionTally
from messaging_support import Store, counts, record_and_publish, run_until_drained, tally_consumer
from nats.js import JetStreamContext

from chassis.messaging.dead_letters import PARKED, RESOLVED, RETRIED, new_dead_letter
from contracts import event_source

pytestmark = pytest.mark.integration


def cloudevent(jurisdiction: str, sequence: int, **changes: Any) -> dict[str, Any]:
    """A well-formed PetitionRecorded CloudEvent, as JSON attributes, with ``changes``."""
    attributes: dict[str, Any] = {
        "specversion": "1.0",
        "id": f"{jurisdiction}:{SERVICE}:{sequence}",
        "source": event_source(jurisdiction, SERVICE),
        "type": "vn.phoihop.petitions.PetitionRecorded.v1",
        "subject": str(uuid4()),
        "time": "2025-05-01T08:00:00Z",
        "datacontenttype": "application/json",
        "sequence": str(sequence).zfill(20),
        "data": {
            "petition_id": str(uuid4()), "text": "x", "commune": "Tân Phú",
            "channel": "meeting", "recorded_at": datetime.now(UTC).isoformat(),
        },
    }
    attributes.update(changes)
    return attributes


async def test_poison_messages_are_parked_and_later_messages_still_applied(
    store: Store, js: JetStreamContext, jurisdiction: str
) -> None:
    desk, tally = store.open(PetitionDesk), store.open(PetitionTally)
    await record_and_publish(desk, js, jurisdiction, ["before the poison"])
    oversized = cloudevent(jurisdiction, 1000)
    oversized["data"]["text"] = "đ" * 3000
    poison = {
        "not JSON": b"\xff\xfe this is not JSON",
        "missing attributes": json.dumps({"hello": "world", "specversion": "1.0"}).encode(),
        "unknown event type": json.dumps(cloudevent(
            jurisdiction, 1001, type="vn.phoihop.petitions.PetitionTeleported.v1")).encode(),
        "invalid vn.phoihop": json.dumps(cloudevent(
            jurisdiction, 1002, data={"petition_id": "not-a-uuid"})).encode(),
        "oversized": json.dumps(oversized).encode(),
        "unexpected source": json.dumps(cloudevent(
            jurisdiction, 1003, source="urn:phoihop:elsewhere:petitions")).encode(),
    }
    for number, body in enumerate(poison.values()):
        await js.publish(f"phoihop.{jurisdiction}.{SERVICE}.Poison.v1", body,
                         headers={"Nats-Msg-Id": f"poison-{number}"})
    await record_and_publish(desk, js, jurisdiction, ["after the poison"])

    consumer = tally_consumer(tally, js, jurisdiction, max_message_bytes=4096,
                              expected_source=event_source(jurisdiction, SERVICE))
    await run_until_drained(consumer, js, jurisdiction)

    assert counts(tally) == {"before the poison": 1, "after the poison": 1}
    letters = tally.dead_letters()
    assert len(letters) == len(poison)
    for letter, (error, body) in zip(letters, poison.items(), strict=True):
        assert error in letter.error
        assert letter.status == PARKED and letter.attempts == 1
        assert letter.raw_body() == body and letter.body_size == len(body)
        assert letter.upstream_sequence is None
    assert letters[0].body_encoding == "base64" and letters[1].body_encoding == "utf-8"
    assert [letter.stream_sequence for letter in letters] == [2, 3, 4, 5, 6, 7]


async def test_a_message_failing_every_attempt_is_parked_and_its_retry_applies_once(
    store: Store, js: JetStreamContext, jurisdiction: str
) -> None:
    desk, tally = store.open(PetitionDesk), store.open(PetitionTally)
    tally.failures["broken"] = -1
    await record_and_publish(desk, js, jurisdiction, ["a", "broken", "b"])
    consumer = tally_consumer(tally, js, jurisdiction, max_attempts=3, retry_delay=0.02)
    await run_until_drained(consumer, js, jurisdiction)

    assert counts(tally) == {"a": 1, "b": 1}
    [letter] = tally.dead_letters()
    assert letter.attempts == 3 and "failed on purpose" in letter.error
    assert letter.upstream_sequence == 2  # parking it recorded the tracking: "b" came next

    failed_again = tally.retry_dead_letter(letter.id)
    assert failed_again.status == PARKED and failed_again.attempts == 4

    del tally.failures["broken"]
    retried = tally.retry_dead_letter(letter.id)
    again = tally.retry_dead_letter(letter.id)

    assert retried.status == again.status == RETRIED
    assert counts(tally) == {"a": 1, "b": 1, "broken": 1}
    assert tally.dead_letters(status=PARKED) == []


async def test_two_retries_at_once_apply_the_letter_once(
    store: Store, js: JetStreamContext, jurisdiction: str
) -> None:
    desk, tally = store.open(PetitionDesk), store.open(PetitionTally)
    tally.failures["broken"] = -1
    await record_and_publish(desk, js, jurisdiction, ["broken"])
    consumer = tally_consumer(tally, js, jurisdiction, max_attempts=1)
    await run_until_drained(consumer, js, jurisdiction)
    [letter] = tally.dead_letters()
    del tally.failures["broken"]

    outcomes = await asyncio.gather(
        *(asyncio.to_thread(tally.retry_dead_letter, letter.id) for _ in range(4)),
        return_exceptions=True,
    )

    assert any(getattr(outcome, "status", None) == RETRIED for outcome in outcomes)
    assert counts(tally) == {"broken": 1}


async def test_parking_is_idempotent_and_a_letter_can_be_resolved(store: Store) -> None:
    tally = store.open(PetitionTally)
    letter = new_dead_letter(
        consumer="tally-count", stream="S", stream_sequence=7, subject="phoihop.x.y.Z.v1",
        body=b"not json", headers={"Nats-Msg-Id": "m-7"}, error="not JSON", attempts=1,
        tracking_name="urn:phoihop:x:y#count",
    )
    redelivered = new_dead_letter(
        consumer="tally-count", stream="S", stream_sequence=7, subject="phoihop.x.y.Z.v1",
        body=b"not json", headers={"Nats-Msg-Id": "m-7"}, error="not JSON", attempts=1,
        tracking_name="urn:phoihop:x:y#count",
    )

    assert tally.park(letter) is True
    assert tally.park(redelivered) is False  # same stream position and body: same letter
    resolved = tally.resolve_dead_letter(letter.id, "a test message")

    assert resolved.status == RESOLVED and resolved.note == "a test message"
    assert [entry.summary()["status"] for entry in tally.dead_letters()] == [RESOLVED]
    assert tally.retry_dead_letter(letter.id).status == RESOLVED  # closed: left as is
