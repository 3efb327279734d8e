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
