"""The services' AsyncAPI documents: committed, served, true to the contracts, and valid by
the AsyncAPI project's own CLI (tests/asyncapi/package.json, installed by `make test`)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar
from uuid import UUID

import pytest
from fastapi.testclient import TestClient
from pydantic import Field

from chassis.messaging.asyncapi import (
    DOCUMENT_PATH,
    contract_gaps,
    differences,
    documents_dir,
    events_of,
    render,
)
from chassis.service_specs import installed_services
from chassis.settings import ServiceSettings
from contracts import IntegrationEvent
from contracts.base import _REGISTRY

HERE = Path(__file__).parent
CLI = HERE / "node_modules" / ".bin" / "asyncapi"
SERVICES_WITH_EVENTS = ("letters", "notifier", "oversight", "petitions", "sessions")


def committed(service: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((documents_dir() / f"{service}.json").read_text("utf-8"))
    return document


def test_the_committed_documents_are_what_the_services_serve() -> None:
    assert differences(documents_dir()) == []
    assert sorted(p.stem for p in documents_dir().glob("*.json")) == list(SERVICES_WITH_EVENTS)


@pytest.mark.parametrize("service", SERVICES_WITH_EVENTS)
def test_each_service_serves_its_document_over_http(service: str) -> None:
    import importlib

    spec = next(s for s in installed_services() if s.name == service)
    app = importlib.import_module(f"{spec.module}.bootstrap").build_app(
        ServiceSettings(store="memory"))
    response = TestClient(app).get(DOCUMENT_PATH)  # no lifespan: nothing connects to NATS
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert render(response.json()) == render(committed(service))


@pytest.mark.parametrize("service", SERVICES_WITH_EVENTS)
def test_each_document_holds_every_contract_event_it_sends_or_receives(service: str) -> None:
    assert contract_gaps(committed(service)) == []


def test_who_sends_and_receives_what() -> None:
    def actions(service: str) -> set[tuple[str, str]]:
        return {(op["action"], op["channel"]["$ref"].split("/")[-1].split(".")[0])
                for op in committed(service)["operations"].values()}

    assert actions("petitions") == {("send", "petitions")}
    assert actions("sessions") == {("send", "sessions")}
    assert actions("oversight") == {("send", "oversight"), ("receive", "petitions"),
                                    ("receive", "sessions"), ("receive", "letters"),
                                    ("receive", "oversight")}  # the review: decision 18
    assert actions("letters") == {("send", "letters")}
    assert actions("notifier") == {("receive", "petitions"), ("receive", "sessions"),
                                   ("receive", "oversight"), ("receive", "letters")}


def test_a_message_is_the_cloudevent_with_the_contract_as_data_and_the_msg_id_header() -> None:
    document = committed("petitions")
    message = document["components"]["messages"]["petitions.PetitionForwarded.v1"]
    assert message["contentType"] == "application/cloudevents+json"
    headers = document["components"]["schemas"]["NatsHeaders"]
    assert headers["required"] == ["Nats-Msg-Id"]
    envelope_ref, specifics = message["payload"]["allOf"]
    assert envelope_ref == {"$ref": "#/components/schemas/CloudEvent"}
    assert specifics["properties"]["type"] == {"const": "vn.phoihop.petitions.PetitionForwarded.v1"}
    assert specifics["properties"]["data"] == {
        "$ref": "#/components/schemas/petitions.PetitionForwarded.v1"}
    channel = document["channels"]["petitions.PetitionForwarded.v1"]
    assert channel["address"] == "phoihop.{jurisdiction}.petitions.PetitionForwarded.v1"
    assert "jurisdiction" in channel["parameters"]
    # Every field keeps the contract's description, for a reader of another system.
    data = document["components"]["schemas"]["petitions.PetitionForwarded.v1"]
    assert all(field.get("description") for field in data["properties"].values())


@pytest.fixture
def unpublished_event() -> Iterator[type[IntegrationEvent]]:
    """A new petitions event the documents do not know yet; unregistered afterwards."""

    class PetitionTeleported(IntegrationEvent):
        """A petition moved to another jurisdiction (a test's invention)."""

        service: ClassVar[str] = "petitions"
        petition_id: UUID = Field(description="The petition.")

    try:
        yield PetitionTeleported
    finally:
        _REGISTRY.pop(PetitionTeleported.cloudevent_type())


def test_a_new_event_without_its_channel_fails(
        unpublished_event: type[IntegrationEvent]) -> None:
    assert unpublished_event in events_of("petitions")
    missing = ("vn.phoihop.petitions.PetitionTeleported.v1: "
               "no channel petitions.PetitionTeleported.v1")
    assert contract_gaps(committed("petitions")) == [missing]
    assert contract_gaps(committed("notifier")) == [missing]
    assert "petitions.json: differs from what the service serves" in differences(documents_dir())


def test_a_changed_contract_or_a_stale_channel_fails() -> None:
    document = committed("petitions")
    data = document["components"]["schemas"]["petitions.PetitionForwarded.v1"]
    data["properties"].pop(next(iter(data["properties"])))
    document["channels"]["petitions.PetitionVanished.v1"] = {"address": "x"}
    assert contract_gaps(document) == [
        "petitions.PetitionForwarded.v1: its data schema is not the contract's",
        "petitions.PetitionVanished.v1: stale (no contract publishes it)",
    ]


# --- the AsyncAPI project's CLI -----------------------------------------------------------


def asyncapi_validate(document: Path, home: Path) -> subprocess.CompletedProcess[str]:
    if not CLI.exists():
        pytest.fail("the AsyncAPI CLI is not installed: run `make asyncapi-tools`")
    # Offline: the CLI sends usage metrics unless its analytics file says no (or CI=true);
    # it writes that file and its other state under a scratch HOME, never the user's.
    analytics = home / "asyncapi-analytics.json"
    analytics.write_text('{"analyticsEnabled":"false","infoMessageShown":"true","userID":"test"}')
    env = {**os.environ, "HOME": str(home), "ASYNCAPI_METRICS_CONFIG_PATH": str(analytics),
           "CI": "true", "NODE_NO_WARNINGS": "1"}
    return subprocess.run(
        [str(CLI), "validate", str(document), "--fail-severity", "warn"],
        capture_output=True, text=True, timeout=180, env=env, check=False)


@pytest.mark.parametrize("service", SERVICES_WITH_EVENTS)
def test_the_asyncapi_cli_validates_each_document(service: str, tmp_path: Path) -> None:
    result = asyncapi_validate(documents_dir() / f"{service}.json", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "is valid!" in output and "don't have governance issues" in output, output


def test_the_asyncapi_cli_refuses_a_broken_document(tmp_path: Path) -> None:
    """The check above proves something: the same CLI fails an operation on no channel."""
    document = committed("petitions")
    next(iter(document["operations"].values()))["channel"] = {"$ref": "#/channels/nowhere"}
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    result = asyncapi_validate(broken, tmp_path)
    assert result.returncode != 0, result.stdout + result.stderr
