"""What a consumer gets for a message that is not a valid phoihop CloudEvent: a clear error.

A consumer dead-letters such a message at once (decision 5), so the message must say
what is wrong; and it must not reject a newer producer's extra fields.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from typing import Any

import pytest
from contract_examples import AT, JURISDICTION, SEQUENCE, TRACEPARENT, full_example, subject_of

from contracts import CloudEventError, decode_cloudevent, encode_cloudevent
from contracts.petitions.v1 import PetitionForwarded


def forwarded() -> dict[str, Any]:
    event = full_example(PetitionForwarded)
    _, _, body = encode_cloudevent(
        event, jurisdiction=JURISDICTION, sequence=SEQUENCE, subject=subject_of(event),
        time=AT, traceparent=TRACEPARENT,
    )
    envelope: dict[str, Any] = json.loads(body)
    return envelope


def as_body(envelope: dict[str, Any]) -> bytes:
    return json.dumps(envelope, ensure_ascii=False).encode()


def decode_error(body: bytes) -> str:
    with pytest.raises(CloudEventError) as caught:
        decode_cloudevent(body)
    return str(caught.value)


def test_a_cloudevent_error_is_a_value_error() -> None:
    assert issubclass(CloudEventError, ValueError)


@pytest.mark.parametrize(
    "body", [b"", b"{\"specversion\": \"1.0\"", b"ki\xe1\xba\xbfn ngh\xe1\xbb\x8b", b"\xff\xfe\x00"]
)
def test_not_json(body: bytes) -> None:
    assert decode_error(body).startswith("not JSON")


@pytest.mark.parametrize("body", [b"[1, 2]", b"\"PetitionForwarded\"", b"42", b"null"])
def test_not_an_object(body: bytes) -> None:
    assert decode_error(body) == "not a JSON object"


@pytest.mark.parametrize("version", ["0.3", "1", 1.0, None])
def test_wrong_specversion(version: Any) -> None:
    message = decode_error(as_body(forwarded() | {"specversion": version}))
    assert message == "specversion must be 1.0"


def test_missing_specversion() -> None:
    envelope = forwarded()
    del envelope["specversion"]
    assert decode_error(as_body(envelope)) == "specversion must be 1.0"


def test_missing_attributes_are_all_named() -> None:
    envelope = forwarded()
    for name in ("source", "time", "sequence"):
        del envelope[name]
    assert decode_error(as_body(envelope)) == "missing attributes: source, time, sequence"


@pytest.mark.parametrize(
    "event_type",
    [
        "vn.phoihop.petitions.PetitionVanished.v1",
        "vn.phoihop.petitions.PetitionForwarded.v9",
        "com.github.pull_request.opened",
    ],
)
def test_unknown_type(event_type: str) -> None:
    message = decode_error(as_body(forwarded() | {"type": event_type}))
    assert message == f"unknown event type {event_type!r}"


def test_schema_invalid_data_names_the_type_and_the_field() -> None:
    envelope = forwarded()
    envelope["data"]["to_agency"] = "quoc-hoi"
    message = decode_error(as_body(envelope))
    assert message.startswith("invalid vn.phoihop.petitions.PetitionForwarded.v1:")
    assert "to_agency" in message and "'dbqh', 'hdnd', 'ubnd' or 'mttq'" in message


def test_missing_data_field_is_named() -> None:
    envelope = forwarded()
    del envelope["data"]["due_date"]
    message = decode_error(as_body(envelope))
    assert "due_date" in message and "Field required" in message


def test_missing_data() -> None:
    envelope = forwarded()
    del envelope["data"]
    assert decode_error(as_body(envelope)).startswith("invalid vn.phoihop.petitions")


@pytest.mark.parametrize("sequence", ["bốn", "-4217", " 4217", "4_217", ""])
def test_sequence_that_is_not_a_notification_id(sequence: str) -> None:
    message = decode_error(as_body(forwarded() | {"sequence": sequence}))
    assert "sequence must be a string of digits" in message


@pytest.mark.parametrize("time", ["hôm qua", "2025-11-21T03:15:42", "21/11/2025"])
def test_time_that_is_not_rfc3339_with_an_offset(time: str) -> None:
    message = decode_error(as_body(forwarded() | {"time": time}))
    assert message.startswith("invalid vn.phoihop.petitions.PetitionForwarded.v1:")
    assert time in message


def test_unknown_data_fields_and_extensions_are_ignored() -> None:
    """Forward compatibility: a newer producer's optional field keeps the major version."""
    envelope = forwarded() | {"partitionkey": "petitions"}
    envelope["data"] |= {"priority": "khẩn", "attachments": [{"name": "anh-hien-truong.jpg"}]}

    received = decode_cloudevent(as_body(envelope))

    assert received.data == full_example(PetitionForwarded)
    assert "priority" not in received.data.model_dump()


def test_an_older_producer_without_the_optional_fields_is_read() -> None:
    envelope = forwarded()
    for optional in ("to_unit", "reforwarded", "reason"):
        del envelope["data"][optional]
    data = decode_cloudevent(as_body(envelope)).data
    assert isinstance(data, PetitionForwarded)
    assert (data.to_unit, data.reforwarded, data.reason) == (None, False, None)


def test_a_consumer_decodes_events_whose_module_it_never_imported() -> None:
    """Registration happens on import; a generic consumer (audit, notifier) imports nothing."""
    program = (
        "import sys\n"
        "from contracts import decode_cloudevent\n"
        "print(type(decode_cloudevent(sys.stdin.buffer.read()).data).__name__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], input=as_body(forwarded()),
        capture_output=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().strip() == "PetitionForwarded"


def test_the_day_of_the_act_and_the_recording_time_travel_and_may_be_absent() -> None:
    """occurred_on and recorded_at are optional on every event: a producer from before them
    is read with None; one that sends them is read with both, the time with its offset."""
    envelope = forwarded()
    received = decode_cloudevent(as_body(envelope)).data
    assert received.occurred_on == date(2025, 11, 14)
    assert received.recorded_at is not None and received.recorded_at.utcoffset() is not None
    for field in ("occurred_on", "recorded_at"):
        del envelope["data"][field]
    older = decode_cloudevent(as_body(envelope)).data
    assert (older.occurred_on, older.recorded_at) == (None, None)
