"""Schemathesis against the petitions service's own OpenAPI document: no 5xx, and every
status, content type, body and header as documented, for each agency that may act."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from contracts.vocabulary import VIETNAM, Agency
from kernel.clock import ManualClock
from petitions.application import Petitions
from petitions.entrypoints.http import create_http_app
from tests.api_fuzz.fuzzing import (
    FuzzReport,
    assert_clean,
    assert_valid_openapi_31,
    fuzz_operations,
    load_schema,
    walk_links,
)
from tests.api_fuzz.seeds import TRANSPORT, Bearer, Pool, Seeder, seed_petitions

pytestmark = pytest.mark.integration
TODAY = date(2025, 9, 15)
NOON_TODAY = datetime.combine(TODAY, time(12), VIETNAM)
# Every agency may record petitions; each acts on some commands and is refused others.
# UBND answers as the unit a petition was forwarded to.
ACTORS = [(Agency.MTTQ, None), (Agency.HDND, None), (Agency.DBQH, None), (Agency.UBND, None),
          (Agency.UBND, TRANSPORT)]


@pytest.fixture
def app(settings: ServiceSettings) -> Iterator[FastAPI]:
    petitions = Petitions(store_environment(settings, "petitions"), clock=ManualClock(NOON_TODAY))
    yield create_http_app(settings, petitions)
    petitions.close()


@pytest.fixture
def pool(app: FastAPI, bearer: Bearer) -> Pool:
    with TestClient(app) as client:
        return seed_petitions(Seeder(client, bearer))


def test_the_openapi_document_is_valid_openapi_3_1(app: FastAPI) -> None:
    document = assert_valid_openapi_31(app)
    assert "/petitions/{petition_id}/answer" in document["paths"]


@pytest.mark.slow
def test_every_operation_answers_as_documented(app: FastAPI, bearer: Bearer,
                                               pool: Pool) -> None:
    schema = load_schema(app, bearer(Agency.HDND))
    report = fuzz_operations(schema, bearers=[bearer(*actor) for actor in ACTORS], pool=pool,
                             max_examples=30)

    def reached(run: FuzzReport) -> None:
        assert {label for label, _ in run.statuses} == {
            f"{method.upper()} {path}" for path, item in schema.raw_schema["paths"].items()
            for method in item}
        commands = run.succeeded("POST")
        assert "POST /petitions" in commands and len(commands) >= 4, commands

    assert_clean(report, "petitions, operation by operation", reached)


# The agencies that may plan voter-contact meetings, where the inferred links start.
# (Recording a petition is no starting point for schemathesis: it reads the `meeting_id`
# field as a "Meeting" no operation produces, the meetings being `MeetingPublic`. The
# operation-by-operation run covers petitions in every state through the seeds instead.)
@pytest.mark.slow
@pytest.mark.parametrize("agency", [Agency.MTTQ, Agency.HDND, Agency.DBQH], ids=str)
def test_linked_operations_answer_as_documented(app: FastAPI, bearer: Bearer, pool: Pool,
                                                agency: Agency) -> None:
    report = walk_links(load_schema(app, bearer(agency)), max_examples=20, steps=8)

    def reached(run: FuzzReport) -> None:
        # Past its first step: more than one operation answered with success.
        assert len({label for label, status in run.statuses if status < 300}) >= 2

    assert_clean(report, f"petitions, linked operations as {agency.value}", reached)
