"""The dead-letter routes: operators see, retry and close parked messages over HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from uuid import uuid4

import pytest
from fastapi.testclient import TestClient
from messaging_apps import SERVICE, PetitionTally
from messaging_support import Store

from chassis.messaging.dead_letter_routes import dead_letter_router
from chassis.messaging.dead_letters import new_dead_letter
from chassis.settings import ServiceSettings
from chassis.web.app_factory import create_service_app
from chassis.web.auth import issue_token
from contracts import event_source
from contracts.vocabulary import Agency

SETTINGS = ServiceSettings(jurisdiction="tien-giang")


@pytest.fixture
def tally(sqlite_store: Store) -> PetitionTally:
    return sqlite_store.open(PetitionTally)


@pytest.fixture
def client(tally: PetitionTally) -> Iterator[TestClient]:
    app = create_service_app(SETTINGS, service="test", title="test", description="test")
    app.include_router(dead_letter_router(tally))
    with TestClient(app) as test_client:
        yield test_client


def headers(role: str) -> dict[str, str]:
    token = issue_token(SETTINGS, agency=Agency.HDND, role=role)
    return {"Authorization": f"Bearer {token}"}


def park(tally: PetitionTally, body: bytes, sequence: int) -> str:
    letter = new_dead_letter(
        consumer="tally-count", stream="S", stream_sequence=sequence, subject="phoihop.x",
        body=body, headers={}, error="boom", attempts=5, tracking_name="t#count",
        upstream_sequence=sequence,
    )
    tally.park(letter)
    return str(letter.id)


def good_body(sequence: int) -> bytes:
    return json.dumps({
        "specversion": "1.0", "id": f"tien-giang:{SERVICE}:{sequence}",
        "source": event_source("tien-giang", SERVICE),
        "type": "vn.phoihop.petitions.PetitionRecorded.v1", "subject": str(uuid4()),
        "time": "2025-05-01T08:00:00Z", "sequence": str(sequence).zfill(20),
        "data": {"petition_id": str(uuid4()), "text": "Đề nghị nạo vét kênh", "commune": "Tân Phú",
                 "channel": "mail", "recorded_at": datetime.now(UTC).isoformat()},
    }).encode()


def test_only_operators_see_dead_letters(client: TestClient, tally: PetitionTally) -> None:
    park(tally, b"not json", 1)
    assert client.get("/dead-letters").status_code == 401
    assert client.get("/dead-letters", headers=headers("staff")).status_code == 403
    listed = client.get("/dead-letters", headers=headers("admin")).json()
    assert [letter["status"] for letter in listed] == ["parked"]


def test_a_retry_applies_the_message_once(client: TestClient, tally: PetitionTally) -> None:
    letter_id = park(tally, good_body(7), 7)
    before = tally.recorder.max_notification_id()
    first = client.post(f"/dead-letters/{letter_id}/retry", headers=headers("admin")).json()
    after_first = tally.recorder.max_notification_id()
    again = client.post(f"/dead-letters/{letter_id}/retry", headers=headers("admin")).json()
    assert (first["status"], again["status"]) == ("retried", "retried")
    assert after_first is not None and before is not None and after_first > before
    assert tally.recorder.max_notification_id() == after_first  # the second retry did nothing


def test_a_poison_message_that_fails_again_stays_parked_and_can_be_closed(
    client: TestClient, tally: PetitionTally
) -> None:
    letter_id = park(tally, b"not json", 2)
    retried = client.post(f"/dead-letters/{letter_id}/retry", headers=headers("admin")).json()
    assert retried["status"] == "parked" and "not JSON" in retried["error"]
    closed = client.post(f"/dead-letters/{letter_id}/resolve", headers=headers("admin"),
                         json={"note": "tin thử nghiệm"}).json()
    assert (closed["status"], closed["note"]) == ("resolved", "tin thử nghiệm")
    assert client.get(f"/dead-letters/{uuid4()}", headers=headers("admin")).status_code == 404
