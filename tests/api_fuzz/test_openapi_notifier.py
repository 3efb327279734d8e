"""Schemathesis against the notifier's own OpenAPI document: no 5xx, and every status,
content type, body and header as documented, for each agency and role that may act.

The app is the notifier's own HTTP app over its real application and a SQLite store, with
a lifespan that only binds the save signal (so the live inbox wakes on saves): no
consumer and no worker runs. Nothing is ever sent: the fuzzer registers webhooks with any
URL it likes (the notifier refuses internal addresses in production only), and with no
delivery worker none of them is called; the test checks that no attempt was recorded
beyond the seeded ones. Notifications come from real petitions and sessions CloudEvents
applied through the consumer's entry point, as the notifier's application tests do.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from chassis.application import store_readiness
from chassis.settings import ServiceSettings
from contracts.vocabulary import Agency
from kernel.clock import ManualClock
from notifier.application import Notifier
from notifier.application.signals import SaveSignal
from notifier.bootstrap import build_notifier
from notifier.entrypoints.http import create_http_app
from notifier.settings import NotifierSettings
from tests.api_fuzz.fuzzing import (
    FuzzReport,
    assert_clean,
    assert_valid_openapi_31,
    fuzz_operations,
    load_schema,
    walk_links,
)
from tests.api_fuzz.seeds import CONSTRUCTION, PERSON, Bearer, Pool, Seeder, seed_notifier

pytestmark = pytest.mark.integration
NOW = datetime(2025, 11, 28, 2, 0, tzinfo=UTC)
HOOK = "http://127.0.0.1:9/hooks"  # never called: no delivery worker runs here
# Who reads and acts: a unit an item is addressed to, its agency, MTTQ, a deputy (role
# inbox), a person by name, DBQH (no record of its own), and an operator (role admin:
# every delivery, audience "all", the dead letters).
ACTORS = [(Agency.UBND, CONSTRUCTION, "staff", None), (Agency.UBND, None, "staff", None),
          (Agency.MTTQ, None, "staff", None), (Agency.HDND, None, "deputy", None),
          (Agency.MTTQ, None, "staff", PERSON), (Agency.DBQH, None, "staff", None),
          (Agency.HDND, None, "admin", None)]
# The live inbox never ends by itself: schemathesis reads an event stream until it has
# sent this many events or this many seconds passed, then cancels the request. Both are
# small, so the cases that start "from now on" (no event comes) stay cheap.
STREAM = {"include-path": "/inbox/stream", "max-stream-events": 3, "request-timeout": 0.3}


@pytest.fixture
def config(settings: ServiceSettings) -> NotifierSettings:
    # E-mail on (deliveries to contacts are planned; no worker sends them); two failures
    # park a delivery, so the seeds hold a dead one.
    return NotifierSettings.of(settings).model_copy(
        update={"smtp_host": "127.0.0.1", "delivery_max_attempts": 2})


@pytest.fixture
def notifier(config: NotifierSettings) -> Iterator[Notifier]:
    built = build_notifier(config, ManualClock(NOW))
    yield built
    built.close()


@pytest.fixture
def app(config: NotifierSettings, notifier: Notifier) -> FastAPI:
    signal = SaveSignal(notifier)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        signal.bind()  # the live inbox waits on saves, on the loop that serves it
        yield

    http = create_http_app(config, notifier, signal, lifespan=lifespan)
    http.state.readiness.append(store_readiness(notifier))
    return http


@pytest.fixture
def pool(app: FastAPI, notifier: Notifier, bearer: Bearer) -> Pool:
    with TestClient(app) as client:
        return seed_notifier(Seeder(client, bearer), notifier, HOOK, NOW)


def attempts(notifier: Notifier) -> int:
    return sum(d["attempt_count"] for d in notifier.read_model.deliveries(limit=10_000))


def test_the_openapi_document_is_valid_openapi_3_1(app: FastAPI) -> None:
    document = assert_valid_openapi_31(app)
    assert "/deliveries/{delivery_id}/retry" in document["paths"]


@pytest.mark.slow
def test_every_operation_answers_as_documented(app: FastAPI, notifier: Notifier,
                                               bearer: Bearer, pool: Pool) -> None:
    seeded_attempts = attempts(notifier)
    schema = load_schema(app, bearer(Agency.HDND, role="admin"), operations=[STREAM])
    report = fuzz_operations(schema, bearers=[bearer(*actor) for actor in ACTORS], pool=pool,
                             max_examples=25, prefer_real=True)

    def reached(run: FuzzReport) -> None:
        assert {label for label, _ in run.statuses} == {
            f"{method.upper()} {path}" for path, item in schema.raw_schema["paths"].items()
            for method in item}
        commands = run.succeeded("POST") | run.succeeded("DELETE")
        assert {"POST /subscriptions", "POST /contacts", "POST /deliveries/{delivery_id}/retry",
                "POST /dead-letters/{letter_id}/retry"} <= commands, commands
        assert "GET /inbox/stream" in run.succeeded("GET")
        # Whatever the fuzzer registered, nothing was sent anywhere.
        assert attempts(notifier) == seeded_attempts

    assert_clean(report, "notifier, operation by operation", reached)


# Links start at the commands that create: webhooks (any agency) and contacts (which
# random recipients seldom are: the operation-by-operation run covers them with seeds).
@pytest.mark.slow
@pytest.mark.parametrize("actor", [(Agency.UBND, None, "staff"), (Agency.HDND, None, "admin")],
                         ids=lambda actor: f"{actor[0].value}-{actor[2]}")
def test_linked_operations_answer_as_documented(app: FastAPI, notifier: Notifier,
                                                bearer: Bearer, pool: Pool,
                                                actor: tuple[Agency, None, str]) -> None:
    seeded_attempts = attempts(notifier)
    report = walk_links(load_schema(app, bearer(*actor), operations=[STREAM]),
                        max_examples=20, steps=8)

    def reached(run: FuzzReport) -> None:
        assert len({label for label, status in run.statuses if status < 300}) >= 2
        assert attempts(notifier) == seeded_attempts

    assert_clean(report, f"notifier, linked operations as {actor[0].value} {actor[2]}", reached)
