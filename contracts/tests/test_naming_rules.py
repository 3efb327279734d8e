"""phoihop's names on the wire (decision 3): subjects, types, sources, ids, sequences."""

from __future__ import annotations

import json
import re
from datetime import datetime

import pytest
from contract_examples import AT, JURISDICTION, full_example, subject_of

from contracts import (
    IntegrationEvent,
    cloudevent_id,
    decode_cloudevent,
    encode_cloudevent,
    event_class_for_type,
    event_source,
    event_subject,
    event_type,
    registered_events,
    stream_subjects,
)
from contracts.envelope import SCHEMA_BASE_URI, SEQUENCE_WIDTH
from contracts.petitions.v1 import PetitionForwarded
from contracts.schemas import NATS_SUBJECT_PATTERN, TYPE_PATTERN, schemas_dir

EVENTS = registered_events()


def test_the_documented_examples() -> None:
    assert (
        event_subject("tien-giang", "petitions", "PetitionForwarded", 1)
        == "phoihop.tien-giang.petitions.PetitionForwarded.v1"
    )
    assert event_type(PetitionForwarded) == "vn.phoihop.petitions.PetitionForwarded.v1"
    assert event_source("tien-giang", "petitions") == "urn:phoihop:tien-giang:petitions"
    assert cloudevent_id("tien-giang", "petitions", 42) == "tien-giang:petitions:42"
    assert stream_subjects("tien-giang", "petitions") == "phoihop.tien-giang.petitions.>"
    assert PetitionForwarded.schema_path() == "petitions/v1/PetitionForwarded.json"


@pytest.mark.parametrize("model", EVENTS, ids=lambda model: model.__name__)
def test_each_event_is_published_under_its_names(model: type[IntegrationEvent]) -> None:
    event = full_example(model)
    nats_subject, ce_id, body = encode_cloudevent(
        event, jurisdiction=JURISDICTION, sequence=7, subject=subject_of(event), time=AT
    )
    envelope = json.loads(body)
    name, major = model.__name__, model.major

    assert nats_subject == f"phoihop.{JURISDICTION}.{model.service}.{name}.v{major}"
    assert re.fullmatch(NATS_SUBJECT_PATTERN, nats_subject)
    assert nats_subject.startswith(stream_subjects(JURISDICTION, model.service).removesuffix(">"))
    assert envelope["type"] == event_type(event) == f"vn.phoihop.{model.service}.{name}.v{major}"
    assert re.fullmatch(TYPE_PATTERN, envelope["type"])
    assert envelope["source"] == f"urn:phoihop:{JURISDICTION}:{model.service}"
    assert envelope["id"] == ce_id == f"{JURISDICTION}:{model.service}:7"
    assert envelope["subject"] == subject_of(event)
    assert envelope["dataschema"] == SCHEMA_BASE_URI + f"{model.service}/v{major}/{name}.json"
    assert (schemas_dir() / model.schema_path()).is_file()


def test_types_are_unique_and_resolve_to_their_model() -> None:
    types = [model.cloudevent_type() for model in EVENTS]
    assert len(types) == len(set(types))
    assert types == sorted(types), "registered_events() is in a stable order"
    for model in EVENTS:
        assert event_class_for_type(model.cloudevent_type()) is model


def test_the_same_notification_encodes_to_the_same_id_and_bytes() -> None:
    """So a relay that re-publishes after a crash sends a duplicate JetStream drops."""
    event = full_example(PetitionForwarded)

    def publish(sequence: int) -> tuple[str, str, bytes]:
        return encode_cloudevent(
            event, jurisdiction=JURISDICTION, sequence=sequence, subject=subject_of(event),
            time=AT,
        )

    assert publish(4217) == publish(4217)
    assert publish(4217)[1] != publish(4218)[1]
    assert publish(4217)[1] != cloudevent_id("ben-tre", "petitions", 4217)


SEQUENCES = [1, 2, 9, 10, 11, 99, 100, 1_000, 65_535, 4_294_967_296, 10**19, 10**20 - 1]


def test_sequences_are_zero_padded_and_sort_as_strings_like_integers() -> None:
    event = full_example(PetitionForwarded)
    padded = {}
    for sequence in SEQUENCES:
        _, _, body = encode_cloudevent(
            event, jurisdiction=JURISDICTION, sequence=sequence, subject="x", time=AT
        )
        padded[sequence] = json.loads(body)["sequence"]
        assert len(padded[sequence]) == SEQUENCE_WIDTH
        assert decode_cloudevent(body).sequence == sequence
    assert padded[1] == "00000000000000000001"
    shuffled = sorted(padded.values(), key=lambda text: text[::-1])  # any other order first
    assert [int(text) for text in sorted(shuffled)] == sorted(SEQUENCES)


def test_time_is_rfc3339_in_utc_and_a_naive_time_means_utc() -> None:
    event = full_example(PetitionForwarded)
    naive = datetime(2025, 11, 21, 3, 15, 42)
    _, _, body = encode_cloudevent(
        event, jurisdiction=JURISDICTION, sequence=1, subject="x", time=naive
    )
    assert json.loads(body)["time"] == "2025-11-21T03:15:42Z"
    _, _, body = encode_cloudevent(
        event, jurisdiction=JURISDICTION, sequence=1, subject="x", time=AT
    )
    assert json.loads(body)["time"] == "2025-11-21T03:15:42.123456Z"
    assert decode_cloudevent(body).time == AT
