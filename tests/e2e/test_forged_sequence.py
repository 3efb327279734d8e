"""One forged message must not silence the notifier (issue 12, item 1).

On the NATS the services run on, someone publishes one valid-looking `PetitionForwarded`
with the right source and subject but a sequence of 999,999,999. Then staff forward a
petition for real. The notifier must still tell UBND, and the forged message must be
parked as a dead letter an operator can see, not applied and not skipped in silence.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4

import httpx
import nats
import pytest

from chassis.settings import ServiceSettings
from chassis.web.auth import issue_token
from contracts import encode_cloudevent
from contracts.petitions.v1 import PetitionForwarded
from contracts.vocabulary import Agency, JurisdictionLevel
from tests.e2e.journey import bearer, walk_petition_journey
from tests.e2e.test_notifier_journey import eventually, streams_exist

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
FORGED_SEQUENCE = 999_999_999


def test_a_forged_sequence_is_parked_and_the_real_forwards_still_notify(
    nats_url: str, jurisdiction: str, start_service: Callable[..., Any],
) -> None:
    petitions = start_service("petitions", nats_url, jurisdiction)
    eventually(lambda: streams_exist(nats_url, jurisdiction, "petitions"), what="the stream")
    notifier = start_service("notifier", nats_url, jurisdiction)
    forged_petition = str(uuid4())
    asyncio.run(publish_forged_forward(nats_url, jurisdiction, forged_petition))
    admin = operator(jurisdiction)
    with httpx.Client(base_url=notifier.url, timeout=10) as http:
        letters = eventually(lambda: http.get("/dead-letters", headers=admin).json(),
                             what="the forged message parked")

        ids = walk_petition_journey(petitions.url, jurisdiction)

        ubnd = bearer(jurisdiction, Agency.UBND)
        forwarded = eventually(lambda: [
            n for n in http.get("/inbox", headers=ubnd).json()
            if n["rule_id"] == "petition.forwarded"], what="the real forward's notification")
    [letter] = letters
    assert letter["status"] == "parked"
    assert letter["upstream_sequence"] == FORGED_SEQUENCE
    assert "far beyond" in letter["error"]
    assert {n["subject_id"] for n in forwarded} == {ids["merged"]}  # not the forged petition


async def publish_forged_forward(nats_url: str, jurisdiction: str, petition_id: str) -> None:
    event = PetitionForwarded(
        petition_id=petition_id, text="Kiến nghị giả mạo", to_agency=Agency.UBND,
        to_unit="Sở Xây dựng", level=JurisdictionLevel.PROVINCE, forwarded_on=date.today(),
        due_date=date.today(), rule_id="petition.answer.local",
        legal_source="Quy chế phối hợp của tỉnh",
    )
    subject, ce_id, body = encode_cloudevent(
        event, jurisdiction=jurisdiction, sequence=FORGED_SEQUENCE, subject=petition_id,
        time=datetime.now(UTC))
    client = await nats.connect(nats_url)
    try:
        await client.jetstream().publish(subject, body, headers={"Nats-Msg-Id": ce_id})
    finally:
        await client.close()


def operator(jurisdiction: str) -> dict[str, str]:
    settings = ServiceSettings(jurisdiction=jurisdiction)
    token = issue_token(settings, agency=Agency.HDND, role="admin")
    return {"Authorization": f"Bearer {token}"}
