"""Schemathesis against the oversight service's own OpenAPI document: no 5xx, and every
status, content type, body and header as documented, for each agency that may act."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from chassis.settings import ServiceSettings
from chassis.stores import store_environment
from contracts.vocabulary import Agency
from kernel.clock import ManualClock
from oversight.application import Oversight
from oversight.entrypoints.http import create_http_app
from tests.api_fuzz.fuzzing import (
    FuzzReport,
    assert_clean,
    assert_valid_openapi_31,
    fuzz_operations,
    load_schema,
    walk_links,
)
from tests.api_fuzz.seeds import EDUCATION, Bearer, Pool, Seeder, seed_oversight

pytestmark = pytest.mark.integration
NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
# HĐND and MTTQ run their programmes; UBND's department answers recommendations; DBQH has
# no command here (every one answers 403).
ACTORS = [(Agency.HDND, None), (Agency.MTTQ, None), (Agency.UBND, EDUCATION),
          (Agency.DBQH, None)]


@pytest.fixture
def app(settings: ServiceSettings) -> Iterator[FastAPI]:
    oversight = Oversight(store_environment(settings, "oversight"), clock=ManualClock(NOW))
    yield create_http_app(settings, oversight)
    oversight.close()


@pytest.fixture
def pool(app: FastAPI, bearer: Bearer) -> Pool:
    with TestClient(app) as client:
        return seed_oversight(Seeder(client, bearer))


def test_the_openapi_document_is_valid_openapi_3_1(app: FastAPI) -> None:
    document = assert_valid_openapi_31(app)
    assert "/recommendations/{recommendation_id}/answer" in document["paths"]


@pytest.mark.slow
def test_every_operation_answers_as_documented(app: FastAPI, bearer: Bearer,
                                               pool: Pool) -> None:
    schema = load_schema(app, bearer(Agency.HDND))
    report = fuzz_operations(schema, bearers=[bearer(*actor) for actor in ACTORS], pool=pool,
                             max_examples=12)

    def reached(run: FuzzReport) -> None:
        assert {label for label, _ in run.statuses} == {
            f"{method.upper()} {path}" for path, item in schema.raw_schema["paths"].items()
            for method in item}
        # A programme's topics must fall in its year, which random dates rarely do: the
        # commands on the seeded records are the ones that succeed.
        commands = run.succeeded("POST")
        assert len(commands) >= 3, commands

    assert_clean(report, "oversight, operation by operation", reached)


@pytest.mark.slow
@pytest.mark.parametrize("agency", [Agency.HDND, Agency.MTTQ], ids=str)
def test_linked_operations_answer_as_documented(app: FastAPI, bearer: Bearer, pool: Pool,
                                                agency: Agency) -> None:
    report = walk_links(load_schema(app, bearer(agency)), max_examples=20, steps=8)

    def reached(run: FuzzReport) -> None:
        # Past its first step: more than one operation answered with success.
        assert len({label for label, status in run.statuses if status < 300}) >= 2

    assert_clean(report, f"oversight, linked operations as {agency}", reached)
