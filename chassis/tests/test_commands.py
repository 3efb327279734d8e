"""The command dependency routes share, and the one way an application loads a record."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.domain import Aggregate, event
from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from pydantic import BaseModel

from chassis.application import ServiceApplication
from chassis.metrics import COMMANDS
from chassis.settings import ServiceSettings
from chassis.web.app_factory import create_service_app
from chassis.web.auth import issue_token
from chassis.web.commands import Command, command_dependency
from chassis.web.idempotency import IdempotentCommands
from contracts.vocabulary import Agency
from kernel.errors import Conflict, NotFound

SETTINGS = ServiceSettings(jurisdiction="tien-giang")


class Tally(Aggregate):
    @event("Opened")
    def __init__(self, name: str) -> None:
        self.name = name
        self.count = 0

    @event("Incremented")
    def increment(self, by: int) -> None:
        if by > 100:
            raise Conflict("too much at once")
        self.count += by


class Other(Aggregate):
    @event("Made")
    def __init__(self) -> None:
        pass


class TallyNotFound(NotFound):
    title, type_slug = "No such tally", "no-tally"


class Tallies(IdempotentCommands, ServiceApplication):
    record_not_found = TallyNotFound

    def increment(self, tally_id: UUID, by: int, who: str) -> Tally:
        tally = self.load(Tally, tally_id, "tally")
        tally.increment(by)
        self.save(tally)
        return tally


class Increment(BaseModel):
    by: int


def tallies_of(request: Request) -> Tallies:
    tallies: Tallies = request.app.state.tallies
    return tallies


TalliesCommand = Annotated[Command[Tallies], Depends(command_dependency(tallies_of))]


@pytest.fixture
def tallies() -> Iterator[Tallies]:
    app = Tallies({"PERSISTENCE_MODULE": "eventsourcing.popo"})
    yield app
    app.close()


@pytest.fixture
def client(tallies: Tallies) -> Iterator[TestClient]:
    api = create_service_app(SETTINGS, service="tallies", title="t", description="t")
    api.state.tallies = tallies

    @api.post("/tallies/{tally_id}/increment")
    def increment(tally_id: UUID, body: Increment, command: TalliesCommand) -> JSONResponse:
        return command.run(
            "increment",
            lambda: command.app.increment(tally_id, body.by, command.principal.subject),
            lambda tally: {"count": tally.count, "by": command.principal.subject},
            body=body,
        )

    with TestClient(api) as test_client:
        yield test_client


def bearer(subject: str = "alice") -> dict[str, str]:
    token = issue_token(SETTINGS, agency=Agency.HDND, role="staff", subject=subject)
    return {"Authorization": f"Bearer {token}"}


def counted(outcome: str) -> float:
    return COMMANDS.labels("tallies", "increment", outcome)._value.get()  # type: ignore[no-any-return]


def test_a_command_runs_once_per_key_and_is_counted(client: TestClient, tallies: Tallies
                                                   ) -> None:
    tally = Tally("a")
    tallies.save(tally)
    path = f"/tallies/{tally.id}/increment"
    ok, replayed = counted("ok"), counted("replayed")
    keyed = {**bearer(), "Idempotency-Key": "k1"}
    first = client.post(path, json={"by": 2}, headers=keyed)
    again = client.post(path, json={"by": 2}, headers=keyed)
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json() == {"count": 2, "by": "alice"}
    assert again.headers["Idempotent-Replayed"] == "true"
    assert tallies.load(Tally, tally.id, "tally").count == 2
    assert (counted("ok"), counted("replayed")) == (ok + 1, replayed + 1)
    # The key is alice's: bob's request under the same key is his own.
    assert client.post(path, json={"by": 3}, headers={**bearer("bob"), "Idempotency-Key": "k1"}
                       ).json() == {"count": 5, "by": "bob"}


def test_a_refused_command_answers_its_problem_and_is_counted(client: TestClient,
                                                              tallies: Tallies) -> None:
    tally = Tally("a")
    tallies.save(tally)
    rejected = counted("rejected")
    refused = client.post(f"/tallies/{tally.id}/increment", json={"by": 101}, headers=bearer())
    assert refused.status_code == 409 and refused.json()["detail"] == "too much at once"
    missing = client.post(f"/tallies/{uuid4()}/increment", json={"by": 1}, headers=bearer())
    assert missing.status_code == 404 and missing.json()["title"] == "No such tally"
    assert counted("rejected") == rejected + 2
    assert client.post(f"/tallies/{tally.id}/increment", json={"by": 1}).status_code == 401


def test_the_dependency_declares_the_token_and_the_idempotency_key(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/tallies/{tally_id}/increment"][
        "post"]
    header = [p for p in operation["parameters"] if p["in"] == "header"]
    assert [p["name"] for p in header] == ["Idempotency-Key"]
    assert header[0]["required"] is False
    assert operation["security"] == [{"HTTPBearer": []}]
    assert {"400", "401", "403", "413", "422"} <= set(operation["responses"])


def test_load_finds_a_record_of_its_kind_now_or_as_it_stood(tallies: Tallies) -> None:
    tally = Tally("a")
    tallies.save(tally)
    opened: Any = tallies.history(tally.id)[0]
    tallies.increment(tally.id, 4, "alice")
    assert tallies.load(Tally, tally.id, "tally").count == 4
    assert tallies.load(Tally, tally.id, "tally", as_of=opened.timestamp).count == 0
    with pytest.raises(NotFound, match="did not exist"):
        tallies.load(Tally, tally.id, "tally", as_of=datetime(2000, 1, 1, tzinfo=UTC))
    other = Other()
    tallies.save(other)
    with pytest.raises(TallyNotFound, match=f"no tally with id {other.id}"):
        tallies.load(Tally, other.id, "tally")
    with pytest.raises(KeyError):
        tallies.load(Tally, uuid4(), "tally", missing=KeyError)
    assert [type(e).__name__ for e in tallies.history_of(Tally, tally.id, "tally")] == [
        "Opened", "Incremented"]
    with pytest.raises(TallyNotFound):
        tallies.history_of(Tally, other.id, "tally")
