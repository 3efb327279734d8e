"""The review from consumed events, on SQLite and PostgreSQL: each message's facts are
noted once (a redelivery changes nothing), listed in the review tables, and served by
``/review`` and ``/review/figures`` (JSON and CSV); bad input is a problem document in
Vietnamese or English, and stores nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from monitoring_builders import Envelopes, subject_of
from oversight_builders import JURISDICTION, SteppingClock
from review_builders import History

from chassis.messaging.consuming_application import tracking_name
from chassis.settings import ServiceSettings
from chassis.stores import postgres_environment
from contracts import ReceivedEvent
from oversight.application import Oversight
from oversight.entrypoints.http import create_http_app

pytestmark = pytest.mark.integration


@pytest.fixture(params=["sqlite", "postgres"])
def store_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    if request.param == "sqlite":
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(tmp_path / "oversight.db")}
    return postgres_environment(request.getfixturevalue("fresh_postgres_dsn"), "oversight")


@pytest.fixture
def reviewer(store_env: dict[str, str]) -> Iterator[Oversight]:
    application = Oversight(store_env, clock=SteppingClock())
    yield application
    application.close()


def two_years() -> History:
    h = History()
    h.session(date(2024, 7, 10), "regular")
    h.session(date(2025, 3, 14), "thematic")
    h.session(date(2025, 12, 9), "regular", questions=2)
    petition = h.petition(date(2025, 2, 1))
    h.forward(petition, date(2025, 2, 3), date(2025, 3, 5))
    h.answer(petition, date(2025, 2, 23), date(2025, 3, 5))
    h.letter(date(2025, 5, 2), "complaint")
    h.programme(2025, "mttq", [4, 6])
    return h


def delivered(history: History) -> list[tuple[ReceivedEvent, str]]:
    envelopes = Envelopes(JURISDICTION)
    return [(envelopes.received(event, subject_of(event) if event.service in (
        "petitions", "sessions") else "subject"),
        tracking_name(f"urn:phoihop:{JURISDICTION}:{event.service}", event.service))
        for _, event in history.events]


def consume(app: Oversight, messages: list[tuple[ReceivedEvent, str]]) -> int:
    return sum(app.apply_received(received, name) for received, name in messages)


def test_each_message_is_noted_once_and_the_review_counts_it(reviewer: Oversight) -> None:
    messages = delivered(two_years())
    assert consume(reviewer, messages) == len(messages)
    assert consume(reviewer, messages) == 0  # redelivered: their receipts are there
    period = reviewer.review_period(date(2025, 1, 1), date(2025, 12, 31))
    review = reviewer.review(period, None, JURISDICTION)
    figures = {f["key"]: f for s in review["sections"] for f in s["figures"]}
    assert (figures["sessions.held"]["value"], figures["sessions.held"]["previous"]) == (2, 1)
    assert figures["sessions.questioning"]["value"] == 1
    assert figures["petitions.answered"]["value"] == 1
    assert figures["petitions.median_days_to_answer"]["value"] == 20.0
    assert figures["letters.received"]["value"] == 1
    assert figures["oversight.topics"]["value"] == 2
    records = reviewer.review_figure("sessions.held", period, None)["records"]
    assert sorted(r["occurred_on"] for r in records) == ["2025-03-14", "2025-12-09"]
    assert all(r["href"] == f"/sessions/{r['id']}" for r in records)


def test_a_restarted_service_lists_the_same_facts_from_its_tables(
    store_env: dict[str, str]
) -> None:
    first = Oversight(store_env, clock=SteppingClock())
    consume(first, delivered(two_years()))
    before = first.review_facts.until(date(2025, 12, 31))
    first.close()
    second = Oversight(store_env, clock=SteppingClock())
    assert sorted(second.review_facts.until(date(2025, 12, 31)),
                  key=lambda f: f.fact_id) == sorted(before, key=lambda f: f.fact_id)
    second.close()


@pytest.fixture
def client(tmp_path: Path, store_env: dict[str, str], reviewer: Oversight
           ) -> Iterator[TestClient]:
    settings = ServiceSettings(environment="test", store="sqlite", data_dir=tmp_path,
                               jurisdiction=JURISDICTION)
    consume(reviewer, delivered(two_years()))
    with TestClient(create_http_app(settings, reviewer)) as test_client:
        yield test_client


def test_the_review_over_http_json_and_csv(client: TestClient) -> None:
    review = client.get("/review", params={"year": 2025})
    assert review.status_code == 200
    body = review.json()
    assert body["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    held = body["sections"][0]["figures"][0]
    assert (held["key"], held["value"], held["previous"]) == ("sessions.held", 2, 1)
    listed = client.get(held["records"])
    assert listed.status_code == 200 and listed.json()["value"] == 2
    previous = client.get(held["records"] + "&period=previous").json()
    assert [r["occurred_on"] for r in previous["records"]] == ["2024-07-10"]
    as_csv = client.get("/review/figures/sessions.held.csv", params={"year": 2025})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.content.startswith("\ufeff".encode())
    lines = as_csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "id,kind,title,occurred_on,href" and len(lines) == 3
    accepted = client.get("/review/figures/sessions.held", params={"year": 2025},
                          headers={"Accept": "text/csv"})
    assert accepted.content == as_csv.content
    mttq = client.get("/review", params={"year": 2025, "body": "mttq"}).json()
    topics = [f for s in mttq["sections"] for f in s["figures"] if f["key"] == "oversight.topics"]
    assert topics[0]["value"] == 2 and mttq["body"] == "mttq"


@pytest.mark.parametrize(("params", "status"), [
    ({"from": "2025-05-01", "to": "2025-04-30"}, 422),  # ends before it starts
    ({"year": 1800}, 422),
    ({"year": 3000}, 422),
    ({"year": 99999}, 422),
    ({"from": "01/05/2025", "to": "2025-06-01"}, 422),  # not an ISO date
    ({"from": "2025-05-01"}, 422),  # no end
    ({}, 422),
    ({"year": 2025, "from": "2025-01-01", "to": "2025-02-01"}, 422),
    ({"year": 2025, "body": "ubnd-tinh"}, 422),  # unknown body
    ({"year": 2025, "jurisdiction": "ben-tre"}, 404),
])
def test_bad_input_is_a_problem_document_in_either_language(
    client: TestClient, reviewer: Oversight, params: dict[str, object], status: int
) -> None:
    stored = reviewer.recorder.max_notification_id()
    for language in ("vi", "en"):
        answer = client.get("/review", params=params, headers={"Accept-Language": language})
        assert answer.status_code == status, answer.text
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["title"]
    vietnamese = client.get("/review", params=params, headers={"Accept-Language": "vi"})
    english = client.get("/review", params=params, headers={"Accept-Language": "en"})
    assert vietnamese.json()["title"] != english.json()["title"]
    assert reviewer.recorder.max_notification_id() == stored  # nothing stored


def test_an_unknown_figure_is_a_404(client: TestClient) -> None:
    answer = client.get("/review/figures/sessions.nothing", params={"year": 2025},
                        headers={"Accept-Language": "vi"})
    assert answer.status_code == 404
    assert answer.json()["title"] == "Không có chỉ tiêu này"
