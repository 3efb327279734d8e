"""Any CloudEvents library reads phoihop's events, and phoihop reads theirs (decision 3).

The official SDK (cloudevents 2.x, structured JSON format) stands for "any library"; the
committed schemas stand for "any consumer that validates".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent
from contract_examples import (
    AT,
    JURISDICTION,
    SEQUENCE,
    TRACEPARENT,
    full_example,
    minimal_example,
    subject_of,
)
from jsonschema import Draft202012Validator

from contracts import IntegrationEvent, decode_cloudevent, encode_cloudevent, registered_events
from contracts.envelope import SCHEMA_BASE_URI
from contracts.schemas import ENVELOPE_SCHEMA_PATH, schemas_dir

Build = Callable[[type[IntegrationEvent]], IntegrationEvent]
EXAMPLES = [
    pytest.param(model, build, id=f"{model.__name__}-{kind}")
    for model in registered_events()
    for kind, build in (("full", full_example), ("minimal", minimal_example))
]
PADDED_SEQUENCE = "00000000000000004217"


@cache
def validator(path: str) -> Draft202012Validator:
    """A validator over the committed file (not the model), checking uuid and date formats."""
    schema = json.loads((schemas_dir() / path).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def encode(event: IntegrationEvent, traceparent: str | None = TRACEPARENT) -> bytes:
    _, _, body = encode_cloudevent(
        event, jurisdiction=JURISDICTION, sequence=SEQUENCE, subject=subject_of(event),
        time=AT, traceparent=traceparent,
    )
    return body


@pytest.mark.parametrize(("model", "build"), EXAMPLES)
def test_the_sdk_reads_what_phoihop_writes(model: type[IntegrationEvent], build: Build) -> None:
    event = build(model)
    sdk_event = JSONFormat().read(None, encode(event))

    assert isinstance(sdk_event, CloudEvent)
    assert sdk_event.get_specversion() == "1.0"
    assert sdk_event.get_id() == f"tien-giang:{model.service}:4217"
    assert sdk_event.get_source() == f"urn:phoihop:tien-giang:{model.service}"
    assert sdk_event.get_type() == f"vn.phoihop.{model.service}.{model.__name__}.v{model.major}"
    assert sdk_event.get_subject() == subject_of(event)
    assert sdk_event.get_time() == AT
    assert sdk_event.get_datacontenttype() == "application/json"
    assert sdk_event.get_dataschema() == SCHEMA_BASE_URI + model.schema_path()
    assert sdk_event.get_extension("sequence") == PADDED_SEQUENCE
    assert sdk_event.get_extension("traceparent") == TRACEPARENT
    assert sdk_event.get_data() == event.model_dump(mode="json")
    assert model.model_validate(sdk_event.get_data()) == event


@pytest.mark.parametrize(("model", "build"), EXAMPLES)
def test_phoihop_reads_what_the_sdk_writes(model: type[IntegrationEvent], build: Build) -> None:
    event = build(model)
    attributes: dict[str, Any] = {
        "specversion": "1.0",
        "id": f"{JURISDICTION}:{model.service}:{SEQUENCE}",
        "source": f"urn:phoihop:{JURISDICTION}:{model.service}",
        "type": model.cloudevent_type(),
        "subject": subject_of(event),
        "time": AT,
        "datacontenttype": "application/json",
        "dataschema": SCHEMA_BASE_URI + model.schema_path(),
        "sequence": PADDED_SEQUENCE,
        "traceparent": TRACEPARENT,
    }
    body = JSONFormat().write(CloudEvent(attributes, event.model_dump(mode="json")))

    received = decode_cloudevent(body)

    assert received.id == attributes["id"]
    assert received.source == attributes["source"]
    assert received.type == model.cloudevent_type()
    assert received.subject == subject_of(event)
    assert received.time == AT
    assert received.sequence == SEQUENCE
    assert received.traceparent == TRACEPARENT
    assert type(received.data) is model
    assert received.data == event
    validator(ENVELOPE_SCHEMA_PATH).validate(json.loads(body))


@pytest.mark.parametrize(("model", "build"), EXAMPLES)
def test_an_sdk_rewrite_of_a_phoihop_event_decodes_to_the_same_event(
    model: type[IntegrationEvent], build: Build
) -> None:
    """A bridge or router built on the SDK may re-serialise events: nothing may be lost."""
    event = build(model)
    original = decode_cloudevent(encode(event))
    rewritten = decode_cloudevent(JSONFormat().write(JSONFormat().read(None, encode(event))))
    assert rewritten == original
    assert rewritten.data == event


@pytest.mark.parametrize(("model", "build"), EXAMPLES)
def test_the_envelope_and_its_data_validate_against_the_committed_schemas(
    model: type[IntegrationEvent], build: Build
) -> None:
    envelope = json.loads(encode(build(model)))
    validator(ENVELOPE_SCHEMA_PATH).validate(envelope)
    data_schema_path = envelope["dataschema"].removeprefix(SCHEMA_BASE_URI)
    assert data_schema_path == model.schema_path()
    assert validator(data_schema_path).schema["$id"] == envelope["dataschema"]
    validator(data_schema_path).validate(envelope["data"])


def test_traceparent_is_optional_for_both_readers() -> None:
    event = full_example(registered_events()[0])
    body = encode(event, traceparent=None)
    assert "traceparent" not in json.loads(body)
    assert JSONFormat().read(None, body).get_extension("traceparent") is None
    assert decode_cloudevent(body).traceparent is None
    validator(ENVELOPE_SCHEMA_PATH).validate(json.loads(body))
