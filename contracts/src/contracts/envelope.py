"""CloudEvents 1.0 in structured JSON mode, with phoihop's naming rules (decision 3).

Encoding and decoding are hand-rolled over ``json`` because they are on the relay's hot
path; a test proves that the official ``cloudevents`` SDK reads and writes the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from pydantic import ValidationError

from contracts.base import IntegrationEvent, event_class_for_type

SPECVERSION = "1.0"
SCHEMA_BASE_URI = "https://phoihop.vn/contracts/schemas/"
REQUIRED_ATTRIBUTES = ("id", "source", "type", "subject", "time", "sequence")
SEQUENCE_WIDTH = 20  # zero-padded: CloudEvents compares `sequence` as a string


class CloudEventError(ValueError):
    """A message that is not a phoihop CloudEvent, or whose data breaks its schema."""


def event_subject(jurisdiction: str, service: str, name: str, major: int) -> str:
    """The NATS subject, e.g. ``phoihop.tien-giang.petitions.PetitionForwarded.v1``."""
    return f"phoihop.{jurisdiction}.{service}.{name}.v{major}"


def stream_subjects(jurisdiction: str, service: str) -> str:
    return f"phoihop.{jurisdiction}.{service}.>"


def stream_name(jurisdiction: str, service: str) -> str:
    """The producer's JetStream stream over ``stream_subjects``, e.g.
    ``PHOIHOP_TIEN_GIANG_PETITIONS``: what a subscriber's durable consumer is created on."""
    return f"PHOIHOP_{jurisdiction}_{service}".upper().replace("-", "_")


def event_type(event: type[IntegrationEvent] | IntegrationEvent) -> str:
    return event.cloudevent_type()


def event_source(jurisdiction: str, service: str) -> str:
    return f"urn:phoihop:{jurisdiction}:{service}"


def cloudevent_id(jurisdiction: str, service: str, sequence: int) -> str:
    """Deterministic, so a re-publish of the same notification is dropped by JetStream."""
    return f"{jurisdiction}:{service}:{sequence}"


def encode_cloudevent(
    event: IntegrationEvent,
    *,
    jurisdiction: str,
    sequence: int,
    subject: str,
    time: datetime,
    traceparent: str | None = None,
) -> tuple[str, str, bytes]:
    """Returns ``(nats_subject, cloudevent_id, body)`` for one integration event.

    The body is one JSON object. It is assembled from pieces rather than ``json.dumps`` of
    a dict: the attributes that depend only on the event's class are encoded once per
    class (``_fixed_part``), and the data is written by pydantic's own serializer.
    """
    service = event.service
    ce_id = cloudevent_id(jurisdiction, service, sequence)
    nats_subject, fixed = _fixed_part(type(event), jurisdiction)
    body = b"".join((
        b'{"specversion":"1.0","id":', _json_text(ce_id), fixed,
        b',"subject":', _json_text(subject),
        b',"time":"', _rfc3339(time).encode(),
        b'","sequence":"', str(sequence).zfill(SEQUENCE_WIDTH).encode(),
        b'",', b'"traceparent":' + _json_text(traceparent) + b"," if traceparent else b"",
        b'"data":', event.model_dump_json().encode(), b"}",
    ))
    return nats_subject, ce_id, body


@lru_cache(maxsize=1024)
def _fixed_part(model: type[IntegrationEvent], jurisdiction: str) -> tuple[str, bytes]:
    """The NATS subject and the attributes every event of ``model`` shares, as JSON."""
    service = model.service
    attributes = {
        "source": event_source(jurisdiction, service),
        "type": model.cloudevent_type(),
        "datacontenttype": "application/json",
        "dataschema": SCHEMA_BASE_URI + model.schema_path(),
    }
    members = json.dumps(attributes, ensure_ascii=False, separators=(",", ":"))[1:-1]
    subject = event_subject(jurisdiction, service, model.event_name(), model.major)
    return subject, b"," + members.encode()


def _json_text(text: str) -> bytes:
    return json.dumps(text, ensure_ascii=False).encode()


@dataclass(frozen=True)
class ReceivedEvent:
    """A decoded CloudEvent: its envelope attributes and its validated data."""

    id: str
    source: str
    type: str
    subject: str
    time: datetime
    sequence: int
    data: IntegrationEvent
    traceparent: str | None = None


def decode_cloudevent(body: bytes) -> ReceivedEvent:
    """Parses and validates a structured-mode CloudEvent; raises ``CloudEventError``."""
    try:
        attributes = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CloudEventError(f"not JSON: {error}") from error
    if not isinstance(attributes, dict):
        raise CloudEventError("not a JSON object")
    if attributes.get("specversion") != SPECVERSION:
        raise CloudEventError(f"specversion must be {SPECVERSION}")
    missing = [k for k in REQUIRED_ATTRIBUTES if k not in attributes]
    if missing:
        raise CloudEventError(f"missing attributes: {', '.join(missing)}")
    model = event_class_for_type(str(attributes["type"]))
    if model is None:
        raise CloudEventError(f"unknown event type {attributes['type']!r}")
    try:
        data = model.model_validate(attributes.get("data"))
        sequence = _parse_sequence(attributes["sequence"])
        time = _parse_time(attributes["time"])
    except (ValidationError, ValueError) as error:
        raise CloudEventError(f"invalid {attributes['type']}: {error}") from error
    return ReceivedEvent(
        id=str(attributes["id"]),
        source=str(attributes["source"]),
        type=str(attributes["type"]),
        subject=str(attributes["subject"]),
        time=time,
        sequence=sequence,
        data=data,
        traceparent=attributes.get("traceparent"),
    )


def _parse_sequence(value: object) -> int:
    # int() alone would also take "-3", " 7" or "1_000": none of them is a notification id.
    text = str(value)
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"sequence must be a string of digits, got {value!r}")
    return int(text)


def _parse_time(value: object) -> datetime:
    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if moment.tzinfo is None:  # RFC 3339 requires an offset; a naive time cannot be compared
        raise ValueError(f"time must carry a UTC offset (RFC 3339), got {value!r}")
    return moment


def _rfc3339(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    elif moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    return moment.isoformat().replace("+00:00", "Z")
