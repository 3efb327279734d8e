"""Helpers for the notifier tests: upstream events, publishing them, tokens, bounded waits,
and a receiver-side Standard Webhooks verifier written from the specification."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from uuid import UUID, uuid4

import nats

from chassis.messaging.streams import ensure_stream
from chassis.settings import ServiceSettings
from chassis.web.auth import issue_token
from contracts import IntegrationEvent, encode_cloudevent, event_subject
from contracts.petitions.v1 import PetitionAnswered, PetitionAnswerPublished, PetitionForwarded
from contracts.sessions.v1 import ResolutionPassed
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField

T = TypeVar("T")
FORWARDED_AT = datetime(2025, 11, 28, 2, 0, tzinfo=UTC)  # 09:00 in Vietnam
ROAD = "Đề nghị sửa chữa đường tỉnh 864 đoạn qua xã Tân Phú bị xuống cấp"


def wait_until(check: Callable[[], T], within: float = 10.0, what: str = "condition") -> T:
    """Polls ``check`` until it returns something truthy; fails after ``within`` seconds."""
    deadline = time.monotonic() + within
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not hold within {within}s (last: {result!r})")
        time.sleep(0.02)


def bearer(settings: ServiceSettings, agency: Agency, role: str = "staff",
           unit: str | None = None, subject: str | None = None) -> dict[str, str]:
    token = issue_token(settings, agency=agency, role=role, unit=unit, subject=subject)
    return {"Authorization": f"Bearer {token}"}


def forwarded(petition_id: UUID | None = None, *, forwarded_on: date = date(2025, 11, 28),
              due_date: date = date(2025, 12, 28), to_agency: Agency = Agency.UBND,
              to_unit: str | None = "Sở Xây dựng", text: str = ROAD) -> PetitionForwarded:
    return PetitionForwarded(
        petition_id=petition_id or uuid4(), text=text, to_agency=to_agency, to_unit=to_unit,
        level=JurisdictionLevel.PROVINCE, forwarded_on=forwarded_on, due_date=due_date,
        rule_id="petition.answer.local", legal_source="Quy chế phối hợp của tỉnh",
    )


def answered(petition_id: UUID, answered_on: date = date(2025, 12, 20)) -> PetitionAnswered:
    return PetitionAnswered(
        petition_id=petition_id, agency=Agency.UBND, unit="Sở Xây dựng",
        answer="Sở Xây dựng đã bố trí vốn sửa chữa trong quý IV.", answered_on=answered_on,
        due_date=date(2025, 12, 28), on_time=answered_on <= date(2025, 12, 28),
    )


def answer_published(petition_id: UUID) -> PetitionAnswerPublished:
    return PetitionAnswerPublished(
        petition_id=petition_id, text=ROAD, answer="Sở Xây dựng đã bố trí vốn sửa chữa.",
        answered_by=Agency.UBND, published_on=date(2026, 1, 5), communes=["Tân Phú", "Phú Mỹ"],
    )


def resolution_passed(resolution_id: UUID | None = None) -> ResolutionPassed:
    return ResolutionPassed(
        session_id=uuid4(), resolution_id=resolution_id or uuid4(), document_id=uuid4(),
        number="15/2025/NQ-HĐND", title="Bảng giá đất giai đoạn 2026–2030",
        field=PolicyField.LAND, passed_on=date(2025, 12, 10), yes=45, no=2, abstain=1,
        absent=2, total_deputies=50, rule_id="session.resolution.pass_share",
        legal_source="Luật Tổ chức chính quyền địa phương 2015, Điều 91",
    )


class Upstream:
    """Publishes CloudEvents on an upstream service's stream, as its relay would."""

    def __init__(self, nats_url: str, jurisdiction: str) -> None:
        self.nats_url = nats_url
        self.jurisdiction = jurisdiction
        self.sequences: dict[str, int] = {}

    def ensure_streams(self, *services: str) -> None:
        async def ensure() -> None:
            client = await nats.connect(self.nats_url)
            try:
                for service in services:
                    await ensure_stream(client.jetstream(), self.jurisdiction, service)
            finally:
                await client.close()
        asyncio.run(ensure())

    def encode(self, event: IntegrationEvent, subject: str) -> tuple[str, str, bytes]:
        sequence = self.sequences.get(event.service, 0) + 1
        self.sequences[event.service] = sequence
        return encode_cloudevent(event, jurisdiction=self.jurisdiction, sequence=sequence,
                                 subject=subject, time=datetime.now(UTC))

    def publish(self, *events: tuple[IntegrationEvent, str]) -> float:
        """Publishes ``(event, subject)`` pairs in order; returns the monotonic time of the
        last acknowledgement."""
        return self.publish_raw([self.encode(event, subject) for event, subject in events])

    def publish_raw(self, messages: list[tuple[str, str, bytes]]) -> float:
        async def send() -> float:
            client = await nats.connect(self.nats_url)
            try:
                js = client.jetstream()
                for nats_subject, ce_id, body in messages:
                    await js.publish(nats_subject, body, headers={"Nats-Msg-Id": ce_id})
                return time.monotonic()
            finally:
                await client.close()
        return asyncio.run(send())

    def raw(self, service: str, name: str, body: bytes) -> tuple[str, str, bytes]:
        """A message that is not a valid phoihop CloudEvent, on ``service``'s stream."""
        return event_subject(self.jurisdiction, service, name, 1), f"raw-{uuid4()}", body

    def consumer_ready(self, service: str, durable: str) -> bool:
        async def check() -> bool:
            client = await nats.connect(self.nats_url)
            try:
                stream = f"PHOIHOP_{self.jurisdiction}_{service}".upper().replace("-", "_")
                await client.jetstream().consumer_info(stream, durable)
                return True
            except Exception:
                return False
            finally:
                await client.close()
        return asyncio.run(check())


def verify_webhook(secret: str, headers: dict[str, str], body: bytes,
                   tolerance: float = 300.0) -> dict[str, Any]:
    """What a receiver does (Standard Webhooks): checks the timestamp and an HMAC-SHA256 of
    ``id.timestamp.body`` keyed with the base64 part of ``whsec_...``; returns the payload."""
    import json

    msg_id, stamp = headers["webhook-id"], headers["webhook-timestamp"]
    if abs(time.time() - int(stamp)) > tolerance:
        raise ValueError("timestamp outside the tolerance")
    key = base64.b64decode(secret.removeprefix("whsec_"))
    expected = base64.b64encode(
        hmac.new(key, f"{msg_id}.{stamp}.".encode() + body, hashlib.sha256).digest()
    ).decode()
    offered = [s.split(",", 1)[1] for s in headers["webhook-signature"].split(" ")
               if s.startswith("v1,")]
    if not any(hmac.compare_digest(expected, s) for s in offered):
        raise ValueError("no valid v1 signature")
    payload: dict[str, Any] = json.loads(body)
    return payload
