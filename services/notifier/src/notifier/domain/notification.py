"""A notification (thông báo): one message, in Vietnamese and English, for one recipient.

Its id is derived from what caused it (the rule, the upstream event or reminder stage, and
the recipient), so the same cause can never notify the same recipient twice, whatever is
redelivered or retried.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from notifier.domain.recipients import Recipient

INBOX, EMAIL, WEBHOOK, FEED = "inbox", "email", "webhook", "feed"
CHANNELS = (INBOX, EMAIL, WEBHOOK, FEED)


class Notification(Aggregate):
    """What one recipient is told about one event or one reminder stage."""

    if TYPE_CHECKING:  # declared for type checkers only: runtime annotations become fields
        type: str
        rule_id: str
        recipient: str
        subject_id: str
        cause: str
        occurred_at: datetime
        title: dict[str, str]
        body: dict[str, str]
        channels: list[str]
        source_event: dict[str, Any]

    class Created(Aggregate.Created):
        type: str  # the upstream CloudEvents type, or reminder.<stage>
        rule_id: str
        recipient: str  # Recipient.key
        subject_id: str  # the record it is about, e.g. the petition id
        cause: str  # the upstream CloudEvent id, or the reminder stage
        occurred_at: datetime
        title: dict[str, str]  # {"vi": ..., "en": ...}
        body: dict[str, str]
        channels: list[str]
        source_event: dict[str, Any]  # the upstream event (CloudEvents attributes and data)

        def apply(self, notification: Notification) -> None:
            notification.type = self.type
            notification.rule_id = self.rule_id
            notification.recipient = self.recipient
            notification.subject_id = self.subject_id
            notification.cause = self.cause
            notification.occurred_at = self.occurred_at
            notification.title = dict(self.title)
            notification.body = dict(self.body)
            notification.channels = list(self.channels)
            notification.source_event = dict(self.source_event)

    @staticmethod
    def create_id(rule_id: str, cause: str, recipient: str) -> UUID:
        return uuid5(NAMESPACE_URL, f"phoihop:notification:{rule_id}:{cause}:{recipient}")

    @classmethod
    def create(
        cls, *, type: str, rule_id: str, recipient: Recipient, subject_id: str, cause: str,
        occurred_at: datetime, title: dict[str, str], body: dict[str, str],
        channels: list[str], source_event: dict[str, Any], at: datetime | None = None,
    ) -> Notification:
        """``at``: when the notifier recorded it, on its clock (what digests count by)."""
        timing = {"timestamp": at} if at is not None else {}
        return cls._create(
            cls.Created, id=cls.create_id(rule_id, cause, recipient.key), **timing, type=type,
            rule_id=rule_id, recipient=recipient.key, subject_id=subject_id, cause=cause,
            occurred_at=occurred_at, title=title, body=body, channels=list(channels),
            source_event=source_event,
        )

    @property
    def addressee(self) -> Recipient:
        return Recipient.parse(self.recipient)

    def summary(self) -> dict[str, Any]:
        """A plain description, for listings, HTTP and webhook bodies."""
        return {
            "id": str(self.id),
            "type": self.type,
            "rule_id": self.rule_id,
            "recipient": self.recipient,
            "subject_id": self.subject_id,
            "cause": self.cause,
            "occurred_at": self.occurred_at.isoformat(),
            "created_at": self.created_on.isoformat(),
            "title": dict(self.title),
            "body": dict(self.body),
            "channels": list(self.channels),
        }
