"""The committed schemas say no to what breaks phoihop's rules (they are not vacuous)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from contract_examples import AT, JURISDICTION, SEQUENCE, TRACEPARENT, full_example, subject_of
from jsonschema import Draft202012Validator, ValidationError

from contracts import encode_cloudevent
from contracts.petitions.v1 import PetitionForwarded
from contracts.schemas import ENVELOPE_SCHEMA_PATH, schemas_dir

Mutation = Callable[[dict[str, Any]], None]


def validator(path: str) -> Draft202012Validator:
    schema = json.loads((schemas_dir() / path).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def forwarded_envelope() -> dict[str, Any]:
    event = full_example(PetitionForwarded)
    _, _, body = encode_cloudevent(
        event, jurisdiction=JURISDICTION, sequence=SEQUENCE, subject=subject_of(event),
        time=AT, traceparent=TRACEPARENT,
    )
    envelope: dict[str, Any] = json.loads(body)
    return envelope


def setter(key: str, value: Any) -> Mutation:
    return lambda envelope: envelope.__setitem__(key, value)


def remover(key: str) -> Mutation:
    return lambda envelope: envelope.__delitem__(key)


BAD_ENVELOPES = {
    "unpadded sequence": setter("sequence", "4217"),
    "numeric sequence": setter("sequence", 4217),
    "type without major": setter("type", "vn.phoihop.petitions.PetitionForwarded"),
    "type of another vendor": setter("type", "com.example.petitions.PetitionForwarded.v1"),
    "lower-case event name": setter("type", "vn.phoihop.petitions.petitionForwarded.v1"),
    "source with spaces": setter("source", "urn:phoihop:Tiền Giang:petitions"),
    "source not a urn": setter("source", "https://tien-giang.gov.vn/petitions"),
    "id without jurisdiction": setter("id", "petitions:4217"),
    "foreign dataschema": setter("dataschema", "https://example.org/PetitionForwarded.json"),
    "time without offset": setter("time", "2025-11-21T03:15:42"),
    "time with a space": setter("time", "2025-11-21 03:15:42Z"),
    "other content type": setter("datacontenttype", "application/xml"),
    "specversion 0.3": setter("specversion", "0.3"),
    "empty subject": setter("subject", ""),
    "bad traceparent": setter("traceparent", "trace-42"),
    "data as a string": setter("data", "kiến nghị"),
    "extension name with capitals": setter("partitionKey", "x"),
    "no subject": remover("subject"),
    "no sequence": remover("sequence"),
    "no dataschema": remover("dataschema"),
    "no data": remover("data"),
}


def test_the_unchanged_envelope_is_valid() -> None:
    validator(ENVELOPE_SCHEMA_PATH).validate(forwarded_envelope())


@pytest.mark.parametrize("mutate", BAD_ENVELOPES.values(), ids=BAD_ENVELOPES.keys())
def test_the_envelope_schema_rejects(mutate: Mutation) -> None:
    envelope = forwarded_envelope()
    mutate(envelope)
    with pytest.raises(ValidationError):
        validator(ENVELOPE_SCHEMA_PATH).validate(envelope)


def test_the_envelope_schema_allows_other_extensions() -> None:
    envelope = forwarded_envelope() | {"partitionkey": "petitions"}
    validator(ENVELOPE_SCHEMA_PATH).validate(envelope)


BAD_DATA = {
    "unknown agency": setter("to_agency", "quoc-hoi"),
    "petition id not a uuid": setter("petition_id", "KN-2025-0042"),
    "due date not a date": setter("due_date", "28/12/2025"),
    "reforwarded not a boolean": setter("reforwarded", "có"),
    "no text": remover("text"),
    "no due date": remover("due_date"),
}


@pytest.mark.parametrize("mutate", BAD_DATA.values(), ids=BAD_DATA.keys())
def test_the_event_schema_rejects(mutate: Mutation) -> None:
    data = forwarded_envelope()["data"]
    mutate(data)
    with pytest.raises(ValidationError):
        validator(PetitionForwarded.schema_path()).validate(data)


def test_the_event_schema_allows_unknown_fields_and_omitted_options() -> None:
    data = forwarded_envelope()["data"] | {"priority": "khẩn"}
    for optional in ("to_unit", "reforwarded", "reason"):
        del data[optional]
    validator(PetitionForwarded.schema_path()).validate(data)
