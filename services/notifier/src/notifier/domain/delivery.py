"""A delivery (lần gửi): one notification sent over one channel (webhook, e-mail) to one
target, with every attempt recorded.

A delivery is pending until an attempt succeeds; each failed attempt is an event carrying
when the next one is due (exponential backoff with jitter, drawn once and stored, so a
restart keeps the schedule). After ``max_attempts`` failures in a row it is parked as a
dead letter (status ``dead``) until an operator requeues it. Its ``message_id`` never
changes, so a receiver that gets it twice (a crash between sending and recording) can
tell it is the same message.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from notifier.domain.errors import NotRetryableError

PENDING, DELIVERED, DEAD, CANCELLED = "pending", "delivered", "dead", "cancelled"
STATUSES = (PENDING, DELIVERED, DEAD, CANCELLED)


@dataclass(frozen=True)
class Outcome:
    """How one attempt went. ``cancelled``: there is no one to deliver to any more."""

    ok: bool
    status_code: int | None = None
    error: str | None = None
    cancelled: bool = False


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with "equal jitter": half the delay fixed, half drawn at random."""

    base_seconds: float = 2.0
    max_seconds: float = 3600.0

    def delay(self, failures: int, draw: float | None = None) -> float:
        """Seconds to wait after the ``failures``-th failure in a row (1, 2, ...)."""
        ceiling = min(self.base_seconds * 2.0 ** (failures - 1), self.max_seconds)
        jitter = random.random() if draw is None else draw
        return ceiling / 2 + jitter * ceiling / 2


class Delivery(Aggregate):
    """One notification, one channel, one target; pending until an attempt succeeds."""

    if TYPE_CHECKING:  # declared for type checkers only: runtime annotations become fields
        notification_id: UUID
        channel: str
        target: str
        subscription_id: UUID | None
        owner_agency: str | None
        message_id: str
        status: str
        attempts: list[dict[str, Any]]
        failures_in_row: int
        next_attempt_at: datetime | None
        note: str | None

    class Scheduled(Aggregate.Created):
        notification_id: UUID
        channel: str
        target: str  # URL or e-mail address
        subscription_id: UUID | None
        owner_agency: str | None  # whose deliveries these are (subscriber or addressee)
        message_id: str

        def apply(self, delivery: Delivery) -> None:
            delivery.notification_id = self.notification_id
            delivery.channel = self.channel
            delivery.target = self.target
            delivery.subscription_id = self.subscription_id
            delivery.owner_agency = self.owner_agency
            delivery.message_id = self.message_id
            delivery.status = PENDING
            delivery.attempts = []
            delivery.failures_in_row = 0
            delivery.next_attempt_at = None
            delivery.note = None

    @staticmethod
    def create_id(notification_id: UUID, channel: str, key: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"phoihop:delivery:{notification_id}:{channel}:{key}")

    @classmethod
    def schedule(
        cls, *, notification_id: UUID, channel: str, target: str, message_id_domain: str,
        subscription_id: UUID | None = None, owner_agency: str | None = None,
    ) -> Delivery:
        # One delivery per subscription (two may share a URL), or per address.
        key = str(subscription_id) if subscription_id else target.casefold()
        delivery_id = cls.create_id(notification_id, channel, key)
        message_id = (f"msg_{delivery_id.hex}" if channel == "webhook"
                      else f"<{delivery_id}@{message_id_domain}>")
        return cls._create(
            cls.Scheduled, id=delivery_id, notification_id=notification_id, channel=channel,
            target=target, subscription_id=subscription_id, owner_agency=owner_agency,
            message_id=message_id,
        )

    def is_due(self, now: datetime) -> bool:
        return self.status == PENDING and (
            self.next_attempt_at is None or self.next_attempt_at <= now
        )

    def succeed(self, *, at: datetime, duration_ms: int, status_code: int | None) -> None:
        self._succeeded(at=at, duration_ms=duration_ms, status_code=status_code,
                        number=len(self.attempts) + 1)

    def fail(
        self, *, at: datetime, duration_ms: int, status_code: int | None, error: str,
        max_attempts: int, backoff: Backoff,
    ) -> None:
        """Records a failed attempt; parks the delivery after ``max_attempts`` in a row."""
        failures = self.failures_in_row + 1
        parked = failures >= max_attempts
        retry_at = None if parked else at + timedelta(seconds=backoff.delay(failures))
        self._failed(at=at, duration_ms=duration_ms, status_code=status_code, error=error[:500],
                     number=len(self.attempts) + 1, next_attempt_at=retry_at, parked=parked)

    def requeue(self, by: str) -> None:
        """An operator sends a dead delivery again, with a fresh run of attempts."""
        if self.status != DEAD:
            raise NotRetryableError(f"delivery {self.id} is {self.status}, not dead")
        self._requeued(by=by)

    def cancel(self, reason: str) -> None:
        if self.status in (PENDING, DEAD):
            self._cancelled(reason=reason)

    @event("Succeeded")
    def _succeeded(
        self, at: datetime, duration_ms: int, status_code: int | None, number: int
    ) -> None:
        self.attempts.append({"number": number, "at": at.isoformat(), "outcome": "succeeded",
                              "status_code": status_code, "duration_ms": duration_ms})
        self.status = DELIVERED
        self.failures_in_row = 0
        self.next_attempt_at = None

    @event("AttemptFailed")
    def _failed(
        self, at: datetime, duration_ms: int, status_code: int | None, error: str, number: int,
        next_attempt_at: datetime | None, parked: bool,
    ) -> None:
        self.attempts.append({"number": number, "at": at.isoformat(), "outcome": "failed",
                              "status_code": status_code, "duration_ms": duration_ms,
                              "error": error})
        self.failures_in_row += 1
        self.next_attempt_at = next_attempt_at
        if parked:
            self.status = DEAD
            self.note = f"parked after {self.failures_in_row} failed attempts in a row"

    @event("Requeued")
    def _requeued(self, by: str) -> None:
        self.status = PENDING
        self.failures_in_row = 0
        self.next_attempt_at = None
        self.note = f"requeued by {by}"

    @event("Cancelled")
    def _cancelled(self, reason: str) -> None:
        self.status = CANCELLED
        self.next_attempt_at = None
        self.note = reason

    def summary(self) -> dict[str, Any]:
        """A plain description, for listings and HTTP."""
        return {
            "id": str(self.id),
            "notification_id": str(self.notification_id),
            "channel": self.channel,
            "target": self.target,
            "subscription_id": str(self.subscription_id) if self.subscription_id else None,
            "owner_agency": self.owner_agency,
            "message_id": self.message_id,
            "status": self.status,
            "attempt_count": len(self.attempts),
            "attempts": [dict(a) for a in self.attempts],
            "next_attempt_at": self.next_attempt_at.isoformat() if self.next_attempt_at else None,
            "note": self.note,
            "scheduled_at": self.created_on.isoformat(),
        }
