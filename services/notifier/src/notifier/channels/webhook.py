"""Webhooks signed as Standard Webhooks (https://www.standardwebhooks.com) specify.

Each call carries ``webhook-id`` (the delivery's stable message id: the same on every
attempt, so receivers de-duplicate by it), ``webhook-timestamp`` (Unix seconds of this
attempt) and ``webhook-signature``: ``v1,`` and the base64 HMAC-SHA256, keyed with the
subscription's secret, of ``<id>.<timestamp>.<body>``. The body is the same bytes on
every attempt: ``{"type", "timestamp", "data": {"notification", "event"}}``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
from typing import Any

import httpx

from notifier.application import DeliveryJob
from notifier.domain.delivery import Outcome
from notifier.domain.subscription import secret_key
from notifier.egress import EgressGuard, GuardedTransport
from notifier.sealing import SecretSealer, SecretSealingError

log = logging.getLogger(__name__)
USER_AGENT = "phoihop-notifier/1.0 (Standard Webhooks)"
# What a subscriber is told about any failure to get an HTTP answer: the same words for
# an unknown name, a refused or internal address, a closed port, a timeout or a broken
# answer, so deliveries cannot be used to map the notifier's network. The log says which.
UNREACHABLE = "no HTTP answer from the receiver"


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` header value for one attempt."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def webhook_body(job: DeliveryJob) -> bytes:
    """The payload, serialised the same way on every attempt."""
    notification = job.notification
    payload: dict[str, Any] = {
        "type": notification["type"],
        "timestamp": notification["occurred_at"],
        "data": {"notification": notification, "event": job.source_event},
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def signed_headers(job: DeliveryJob, secret: str, body: bytes, timestamp: int
                   ) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": job.message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, job.message_id, timestamp, body),
    }


class WebhookChannel:
    """POSTs signed bodies; a 2xx answer is success, anything else (or no answer) a failure.

    Connections go only where ``guard`` allows (notifier.egress); the secret of a job is
    sealed (notifier.sealing) and opened by ``sealer`` just to sign.
    """

    def __init__(self, sealer: SecretSealer, guard: EgressGuard, timeout: float = 10.0) -> None:
        self._sealer = sealer
        # No redirects: a receiver that moved must be re-registered, not followed blindly.
        self._client = httpx.AsyncClient(timeout=timeout, follow_redirects=False,
                                         transport=GuardedTransport(guard), trust_env=False)

    async def send(self, job: DeliveryJob) -> Outcome:
        if job.secret is None or not job.subscription_active:
            return Outcome(False, error="the subscription was cancelled", cancelled=True)
        try:
            secret = self._sealer.open(job.secret)
        except SecretSealingError as error:
            log.error("delivery %s: %s", job.delivery_id, error)
            return Outcome(False, error="the notifier cannot sign for this subscription")
        body = webhook_body(job)
        headers = signed_headers(job, secret, body, int(time.time()))
        try:
            response = await self._client.post(job.target, content=body, headers=headers)
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            log.warning("delivery %s to %s: %s: %s", job.delivery_id, job.target,
                        type(error).__name__, error)
            return Outcome(False, error=UNREACHABLE)
        if 200 <= response.status_code < 300:
            return Outcome(True, status_code=response.status_code)
        return Outcome(False, status_code=response.status_code,
                       error=f"HTTP {response.status_code}")

    async def close(self) -> None:
        await self._client.aclose()
