"""Open data: the Popolo / OCD export validates against the published Popolo schemas."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from frictionless import Package, validate
from jsonschema import Draft3Validator, FormatChecker
from pupa.exceptions import ScrapeValueError
from pupa.scrape.base import BaseModel
from pupa.scrape.schemas import bill as bill_schema
from pupa.scrape.schemas import event as event_schema
from pupa.scrape.schemas import jurisdiction as jurisdiction_schema
from pupa.scrape.schemas import organization as organization_schema
from pupa.scrape.schemas import vote_event as vote_event_schema
from referencing import Registry
from referencing.jsonschema import DRAFT3
from sessions_api_steps import Auth, ok, session_with_votes

from sessions.application import Sessions
from sessions.application.open_data import open_data

pytestmark = pytest.mark.integration

# The repository's root is four levels up: services/sessions/tests/<this file>.
POPOLO = Path(__file__).resolve().parents[3] / "../shared/standards/popolo"


def rfc3339(value: object) -> bool:
    """Popolo's `date-time`, checked (jsonschema checks it only with an optional package)."""
    if not isinstance(value, str) or "T" not in value:
        return False
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def popolo_validators() -> dict[str, Draft3Validator]:
    if not POPOLO.is_dir():
        pytest.skip(f"the Popolo schemas are not at {POPOLO.resolve()} (see its NOTICE.md)")
    schemas = {p.name: json.loads(p.read_text("utf-8")) for p in POPOLO.glob("*.json")}
    registry: Registry[Any] = Registry().with_resources(
        (schema["id"], DRAFT3.create_resource(schema))
        for schema in schemas.values()
    )
    checker = FormatChecker()
    checker.checks("date-time")(rfc3339)
    return {name: Draft3Validator(schema, registry=registry, format_checker=checker)
            for name, schema in schemas.items()}


def check(validator: Draft3Validator, record: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(record)]
    assert errors == [], f"{record.get('id')}: {errors}"


def test_the_validator_catches_a_broken_record() -> None:
    validators = popolo_validators()
    broken = {"id": "x", "counts": [{"option": "yes"}], "start_date": "2025-07-16"}
    assert len(list(validators["vote_event.json"].iter_errors(broken))) == 2


def test_the_popolo_export_validates_and_says_what_happened(client: TestClient,
                                                            auth: Auth) -> None:
    validators = popolo_validators()
    run = session_with_votes(client, auth)
    data = ok(client.get("/open-data/popolo"))
    for name, key in (("organization.json", "organizations"), ("event.json", "events"),
                      ("motion.json", "motions"), ("vote_event.json", "vote_events")):
        assert data[key], key
        for record in data[key]:
            check(validators[name], record)

    [event] = data["events"]
    assert (event["id"], event["status"]) == (f"ocd-event/{run['id']}", "passed")
    [item] = event["agenda"]
    assert item["related_entities"][0]["entity_id"] == f"ocd-bill/{run['land']['document_id']}"
    motions = {m["id"]: m for m in data["motions"]}
    land = motions[f"ocd-bill/{run['land']['document_id']}"]
    assert (land["classification"], land["result"], land["identifier"]) == (
        "resolution", "passed", "15/2025/NQ-HĐND")
    assert motions[f"ocd-bill/{run['fees']['document_id']}"]["result"] == "failed"
    votes = {v["motion_id"]: v for v in data["vote_events"]}
    passed = votes[land["id"]]
    assert passed["result"] == "pass"
    assert {c["option"]: c["value"] for c in passed["counts"]} == {
        "yes": 45, "no": 2, "abstain": 1, "absent": 2}
    rejected = votes[f"ocd-bill/{run['fees']['document_id']}"]
    assert (rejected["result"], rejected["counts"][0]["value"]) == ("fail", 25)


def test_sessions_votes_and_resolutions_as_flat_files_the_card_describes(
    client: TestClient, auth: Auth, sqlite_sessions: Sessions, tmp_path: Path
) -> None:
    walked = session_with_votes(client, auth)
    files = open_data(sqlite_sessions, tmp_path / "open-data", "tien-giang")
    files.publish()

    card = tmp_path / "open-data" / "datapackage.json"
    report = validate(str(card))  # every file against its Table Schema, by frictionless
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(card))
    [session] = package.get_resource("sessions").read_rows()
    assert (session["session_id"], session["status"], session["kind"]) == (
        walked["id"], "closed", "regular")
    votes = package.get_resource("votes").read_rows()
    assert sorted((v["passed"], v["yes"], v["no"]) for v in votes) == [
        (False, 25, 20), (True, 45, 2)]
    [resolution] = package.get_resource("resolutions").read_rows()
    assert (resolution["number"], resolution["yes"], resolution["first_guidance_on"]) == (
        "15/2025/NQ-HĐND", 45, None)
    assert isinstance(resolution["passed_on"], date)


class Scraped(BaseModel):  # type: ignore[misc]  # pupa is untyped
    """One exported record, checked by pupa's own validator (``BaseModel.validate``)."""

    def __init__(self, record: dict[str, Any], schema: dict[str, Any]) -> None:
        self._record, self._schema = record, schema
        self._type, self._id = record.get("_type", "record"), record.get("_id", "")

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self._record.items() if not k.startswith("_")}


PUPA_SCHEMAS = {"jurisdiction": jurisdiction_schema.schema,
                "organization": organization_schema.schema, "event": event_schema.schema,
                "bill": bill_schema.schema, "vote_event": vote_event_schema.schema}


def test_pupas_validator_catches_a_popolo_shaped_vote() -> None:
    popolo_shaped = {"motion_text": "x", "motion_classification": "passage", "result": "passed"}
    with pytest.raises(ScrapeValueError):
        Scraped(popolo_shaped, vote_event_schema.schema).validate()


def test_the_ocd_export_is_what_pupa_accepts(client: TestClient, auth: Auth) -> None:
    walked = session_with_votes(client, auth)
    exported = ok(client.get("/open-data/ocd"))
    records = [exported["jurisdiction"], *exported["organizations"], *exported["events"],
               *exported["bills"], *exported["vote_events"]]
    for record in records:
        Scraped(record, PUPA_SCHEMAS[record["_type"]]).validate()  # raises on any error
    division = exported["jurisdiction"]["division_id"]
    assert division == "ocd-division/country:vn/province:tien-giang"
    [event] = exported["events"]
    assert event["location"]["name"] and event["_id"] == f"ocd-event/{walked['id']}"
    assert all(bill["classification"] == ["resolution"] for bill in exported["bills"])
    votes = sorted((v["result"], v["motion_classification"]) for v in exported["vote_events"])
    assert votes == [("fail", ["bill-passage"]), ("pass", ["bill-passage"])]
    assert {b["identifier"] for b in exported["bills"]} >= {"15/2025/NQ-HĐND"}
