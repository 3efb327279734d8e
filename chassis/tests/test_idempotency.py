"""Idempotent commands on a small application, in memory and on a real SQLite file."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import IntegrityError

from chassis.application import ServiceApplication
from chassis.web.idempotency import (
    IdempotencyKeyReusedProblem,
    IdempotentCommands,
    IdempotentRequest,
    InvalidIdempotencyKeyProblem,
    execute_idempotently,
)


class Tally(Aggregate):
    @event("Opened")
    def __init__(self, name: str) -> None:
        self.name = name
        self.count = 0

    @event("Incremented")
    def increment(self, by: int) -> None:
        self.count += by


class Tallies(IdempotentCommands, ServiceApplication):
    def open(self, name: str) -> Tally:
        tally = Tally(name)
        self.save(tally)
        return tally

    def increment(self, tally_id: UUID, by: int) -> Tally:
        tally: Tally = self.repository.get(tally_id)
        tally.increment(by)
        self.save(tally)
        return tally


def render(tally: Tally) -> dict[str, Any]:
    return {"id": str(tally.id), "count": tally.count, "version": tally.version}


def keyed(key: str, body: Any, path: str = "/tallies") -> IdempotentRequest:
    return IdempotentRequest.of(scope="hdnd:alice", key=key, method="POST", path=path, body=body)


@pytest.fixture(params=["memory", "sqlite"])
def app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Tallies]:
    if request.param == "memory":
        env = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    else:
        env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite",
               "SQLITE_DBNAME": str(tmp_path / "tallies.db"), "SQLITE_LOCK_TIMEOUT": "10"}
    application = Tallies(env)
    yield application
    application.close()


def max_id(app: Tallies) -> int:
    return app.recorder.max_notification_id() or 0


def test_a_keyed_command_stores_its_events_and_the_record_in_one_save(app: Tallies) -> None:
    saves: list[int] = []
    app.add_save_listener(saves.append)
    first = execute_idempotently(app, keyed("k1", {"name": "a"}), lambda: app.open("a"), render,
                                 status_code=201)
    assert (first.status_code, first.replayed) == (201, False)
    assert first.body["count"] == 0
    assert max_id(app) == 2  # Tally.Opened and IdempotencyRecord.Stored
    assert saves == [2]  # one save, so one transaction


def test_a_repeat_returns_the_stored_response_and_stores_nothing(app: Tallies) -> None:
    tally = app.open("a")
    request = keyed("k2", {"by": 5}, path=f"/tallies/{tally.id}")
    first = execute_idempotently(app, request, lambda: app.increment(tally.id, 5), render)
    before = max_id(app)
    again = execute_idempotently(app, request, lambda: app.increment(tally.id, 5), render)
    assert again.replayed is True
    assert (again.status_code, again.body) == (first.status_code, first.body)
    assert max_id(app) == before
    assert app.repository.get(tally.id).count == 5


def test_the_same_key_with_another_body_is_refused(app: Tallies) -> None:
    tally = app.open("a")
    path = f"/tallies/{tally.id}"
    execute_idempotently(app, keyed("k3", {"by": 1}, path), lambda: app.increment(tally.id, 1),
                         render)
    before = max_id(app)
    with pytest.raises(IdempotencyKeyReusedProblem) as caught:
        execute_idempotently(app, keyed("k3", {"by": 2}, path),
                             lambda: app.increment(tally.id, 2), render)
    assert caught.value.status == 422
    assert max_id(app) == before


def test_keys_are_scoped_to_the_caller() -> None:
    one = IdempotentRequest.of(scope="hdnd:alice", key="k", method="POST", path="/", body=None)
    two = IdempotentRequest.of(scope="ubnd:bob", key="k", method="POST", path="/", body=None)
    assert one.record_id != two.record_id
    assert one.fingerprint == two.fingerprint


@pytest.mark.parametrize("key", ["", "x" * 256, "khóa", "tab\tkey"])
def test_malformed_keys_are_refused(key: str) -> None:
    with pytest.raises(InvalidIdempotencyKeyProblem):
        IdempotentRequest.of(scope="s", key=key, method="POST", path="/", body=None)


def test_without_a_key_every_call_runs(app: Tallies) -> None:
    tally = app.open("a")
    for _ in range(2):
        execute_idempotently(app, None, lambda: app.increment(tally.id, 1), render)
    assert app.repository.get(tally.id).count == 2


def test_a_failing_command_stores_nothing_and_may_be_retried(app: Tallies) -> None:
    request = keyed("k4", {"by": 1}, path="/tallies/missing")
    def failing() -> Tally:
        raise LookupError("no such tally")

    with pytest.raises(LookupError):
        execute_idempotently(app, request, failing, render)
    assert max_id(app) == 0
    result = execute_idempotently(app, request, lambda: app.open("b"), render)
    assert result.replayed is False


def test_two_racing_requests_with_one_key_have_one_effect(app: Tallies) -> None:
    tally = app.open("a")
    request = keyed("k5", {"by": 3}, path=f"/tallies/{tally.id}")
    both_ran = threading.Barrier(2, timeout=10)

    def command() -> Tally:
        result = app.increment(tally.id, 3)  # deferred: nothing is stored yet
        both_ran.wait()  # both have passed the "already stored?" check
        return result

    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(execute_idempotently, app, request, command, render)
                   for _ in range(2)]
        outcomes = [f.result(timeout=20) for f in futures]
    assert sorted(o.replayed for o in outcomes) == [False, True]
    assert outcomes[0].body == outcomes[1].body
    assert app.repository.get(tally.id).count == 3
    assert max_id(app) == 3  # Opened, one Incremented, one record


def test_a_real_conflict_without_a_stored_record_propagates(app: Tallies) -> None:
    tally = app.open("a")
    stale: Tally = app.repository.get(tally.id)
    app.increment(tally.id, 1)
    stale.increment(1)
    request = keyed(str(uuid4()), {"by": 1}, path=f"/tallies/{tally.id}")
    with pytest.raises(IntegrityError):
        execute_idempotently(app, request, lambda: (app.save(stale), stale)[1], render)


def test_a_withheld_part_of_a_response_is_not_stored_and_a_replay_is_made_from_the_rest(
    app: Tallies,
) -> None:
    """What must not be stored in the clear (a secret shown once) is left out of the
    record; a replay gets what the route makes of the stored rest."""
    request = keyed("with-secret", {"name": "kênh"})

    def withheld(body: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in body.items() if k != "secret"}

    def replayed(kept: dict[str, Any]) -> dict[str, Any]:
        return {**kept, "secret": f"read back for {kept['id']}"}

    def run() -> Any:
        return execute_idempotently(
            app, request, lambda: app.open("kênh"),
            lambda tally: {**render(tally), "secret": "whsec_c2VjcmV0"},
            status_code=201, withheld=withheld, replayed=replayed)

    first, again = run(), run()
    assert first.body["secret"] == "whsec_c2VjcmV0" and not first.replayed
    assert again.replayed and again.body == {**withheld(first.body),
                                             "secret": f"read back for {first.body['id']}"}
    record = app.repository.get(request.record_id)
    assert "whsec_" not in record.body
