"""From a cause (an upstream event, or a reminder stage) to notifications and deliveries.

One notification per recipient; for each, one e-mail delivery per contact address (when
the rule has the ``email`` channel and e-mail is configured) and one webhook delivery per
matching subscription, at most one per subscription and cause, so a system subscribed to
everything gets one call per event, not one per recipient.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts import IntegrationEvent, ReceivedEvent
from kernel.clock import Clock, SystemClock
from notifier.application.readmodel import NOT_DIGESTED, NotifierReadModel
from notifier.domain.delivery import Delivery
from notifier.domain.notification import EMAIL, WEBHOOK, Notification
from notifier.domain.recipients import Recipient
from notifier.rules.templates import Template

SENT_AT_ONCE = NOT_DIGESTED  # whatever the recipient's cadence


@dataclass(frozen=True)
class Cause:
    """Why notifications are made: its id (makes their ids), what it is about, when."""

    id: str
    type: str
    rule_id: str
    subject_id: str
    occurred_at: datetime
    source_event: dict[str, Any]  # CloudEvents attributes and data, for webhook bodies


def event_record(received: ReceivedEvent) -> dict[str, Any]:
    """The upstream event as kept with a notification (and sent in webhook bodies)."""
    return {
        "id": received.id, "source": received.source, "type": received.type,
        "subject": received.subject, "time": received.time.isoformat(),
        "data": received.data.model_dump(mode="json"),
    }


def context_of(event: IntegrationEvent, **extras: Any) -> dict[str, Any]:
    """A template's values: the event's fields as they are, plus ``extras``."""
    return {**{name: getattr(event, name) for name in type(event).model_fields}, **extras}


class Planner:
    """Makes the aggregates that tell recipients about a cause (not yet saved)."""

    def __init__(
        self, read_model: NotifierReadModel, exists: Callable[[UUID], bool], *,
        email_enabled: bool, message_domain: str, clock: Clock | None = None,
    ) -> None:
        self.read_model = read_model
        self.clock: Clock = clock or SystemClock()
        self.exists = exists
        self.email_enabled = email_enabled
        self.message_domain = message_domain

    def notify(
        self, cause: Cause, recipients: list[Recipient], template: Template,
        channels: tuple[str, ...], context: dict[str, Any], served: set[UUID],
    ) -> list[Aggregate]:
        """Notifications for ``recipients`` (those not made before) and their deliveries.

        ``served`` holds the subscriptions already given this cause, across rules.
        """
        made: list[Aggregate] = []
        if not recipients:
            return made
        title, body = template.render(context)
        for recipient in recipients:
            if self.exists(Notification.create_id(cause.rule_id, cause.id, recipient.key)):
                continue  # told before (a redelivery, or a retried dead letter)
            notification = Notification.create(
                type=cause.type, rule_id=cause.rule_id, recipient=recipient,
                subject_id=cause.subject_id, cause=cause.id, occurred_at=cause.occurred_at,
                title=title, body=body, channels=list(channels),
                source_event=cause.source_event, at=self.clock.now(),
            )
            made.append(notification)
            made += self.deliveries(notification, recipient, channels, served)
        return made

    def deliveries(
        self, notification: Notification, recipient: Recipient, channels: tuple[str, ...],
        served: set[UUID],
    ) -> list[Aggregate]:
        made: list[Aggregate] = []
        owner = recipient.owner_agency.value if recipient.owner_agency else None
        if EMAIL in channels and self.email_enabled:
            # A recipient who chose a digest gets this in it (application/digests.py).
            may_wait = notification.rule_id not in SENT_AT_ONCE
            for address in self.read_model.emails(recipient, immediate_only=may_wait):
                made.append(Delivery.schedule(
                    notification_id=notification.id, channel=EMAIL, target=address,
                    message_id_domain=self.message_domain, owner_agency=owner,
                ))
        if WEBHOOK in channels:
            for subscriber in self.read_model.subscribers(notification.type, recipient):
                if subscriber.id in served:
                    continue
                served.add(subscriber.id)
                made.append(Delivery.schedule(
                    notification_id=notification.id, channel=WEBHOOK, target=subscriber.url,
                    message_id_domain=self.message_domain, subscription_id=subscriber.id,
                    owner_agency=subscriber.owner_agency,
                ))
        return made
