"""The notifier's read model: replicas of its aggregates, following the notification log.

Every query and worker reads from here: inbox, feed, lists, the deliveries that are due,
the reminders that are active, the subscriptions and contacts a new notification goes to.
Before each read it catches up with the log under a lock, so a reader sees every write
committed before it asked; a restart rebuilds it from the log. What leaves the lock is a
copy (a summary dict or a frozen job), never a replica.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from chassis.application import ServiceApplication
from chassis.notification_log import BATCH, pages_after
from kernel.actor import Actor
from notifier.domain.contact import Contact
from notifier.domain.delivery import PENDING, Delivery
from notifier.domain.errors import RecordNotFoundError
from notifier.domain.notification import FEED, INBOX, Notification
from notifier.domain.recipients import Recipient
from notifier.domain.reminder import Reminder
from notifier.domain.subscription import Subscription

TRACKED: tuple[type[Aggregate], ...] = (Notification, Delivery, Subscription, Contact, Reminder)
InboxScope = Literal["all", "agency", "personal"]
A = TypeVar("A", bound=Aggregate)
T = TypeVar("T")


@dataclass(frozen=True)
class DeliveryJob:
    """Everything one delivery attempt needs, copied out of the read model."""

    delivery_id: UUID
    channel: str
    target: str
    message_id: str
    attempt: int
    notification: dict[str, Any]
    source_event: dict[str, Any]
    secret: str | None  # the subscription's, for webhooks
    subscription_active: bool


@dataclass(frozen=True)
class ReminderSchedule:
    """What scheduling a reminder's next stage needs, copied out of the read model."""

    reminder_id: UUID
    rule_id: str
    due_date: date
    started_on: date
    sent: frozenset[str]
    active: bool


@dataclass(frozen=True)
class SubscriberRef:
    id: UUID
    url: str
    owner_agency: str


class NotifierReadModel:
    """Replicas of every notification, delivery, subscription, contact and reminder."""

    def __init__(self, app: ServiceApplication) -> None:
        self._app = app
        self._lock = threading.Lock()
        self._position = 0
        self._replicas: dict[type[Aggregate], dict[UUID, Any]] = {t: {} for t in TRACKED}
        self._positions: dict[UUID, int] = {}  # notification id -> log position
        self._order: list[UUID] = []  # notification ids, oldest first
        self._changed_reminders: set[UUID] = set()  # see changed_reminders

    @property
    def position(self) -> int:
        with self._lock:
            self._catch_up()
            return self._position

    def read(self, reader: Callable[[NotifierReadModel], T]) -> T:
        """Runs ``reader`` on a caught-up model under the lock (for the queries below)."""
        with self._lock:
            self._catch_up()
            return reader(self)

    # -- notifications, inbox, feed ------------------------------------------------------

    def notification(self, notification_id: UUID) -> dict[str, Any]:
        return self.read(lambda m: m._get(Notification, notification_id).summary())

    def notifications(
        self, *, type: str | None = None, recipient: str | None = None,
        subject_id: str | None = None, rule_id: str | None = None, limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        def reader(m: NotifierReadModel) -> list[dict[str, Any]]:
            wanted = [("type", type), ("recipient", recipient), ("subject_id", subject_id),
                      ("rule_id", rule_id)]
            found = [n for n in m._newest_first()
                     if all(v is None or getattr(n, k) == v for k, v in wanted)]
            return [m._with_position(n) for n in found[offset: offset + limit]]
        return list(self.read(reader))

    def inbox(
        self, principal: Actor, scope: InboxScope = "all", after: int = 0, limit: int = 100,
        oldest_first: bool = False,
    ) -> list[dict[str, Any]]:
        def reader(m: NotifierReadModel) -> list[dict[str, Any]]:
            items = m._oldest_after(after) if oldest_first else m._newest_first(after)
            found = []
            for n in items:
                if INBOX in n.channels and _in_scope(n.addressee, principal, scope):
                    found.append(m._with_position(n))
                    if len(found) >= limit:
                        break
            return found
        return list(self.read(reader))

    def feed(self, limit: int = 50) -> list[dict[str, Any]]:
        def reader(m: NotifierReadModel) -> list[dict[str, Any]]:
            # By when it happened: two streams' events reach the log in either order.
            public = sorted((n for n in m._newest_first() if FEED in n.channels
                             and n.addressee.is_public),
                            key=lambda n: n.occurred_at, reverse=True)
            return [m._with_position(n) for n in public[:limit]]
        return list(self.read(reader))

    # -- deliveries -----------------------------------------------------------------------

    def delivery(self, delivery_id: UUID) -> dict[str, Any]:
        return self.read(lambda m: m._get(Delivery, delivery_id).summary())

    def deliveries(
        self, *, status: str | None = None, channel: str | None = None,
        notification_id: UUID | None = None, owner_agency: str | None = None,
        limit: int = 100, offset: int = 0,
    ) -> list[dict[str, Any]]:
        def reader(m: NotifierReadModel) -> list[dict[str, Any]]:
            wanted = [("status", status), ("channel", channel),
                      ("notification_id", notification_id), ("owner_agency", owner_agency)]
            found = [d for d in reversed(m._replicas[Delivery].values())
                     if all(v is None or getattr(d, k) == v for k, v in wanted)]
            return [d.summary() for d in found[offset: offset + limit]]
        return list(self.read(reader))

    def due_deliveries(self, now: datetime) -> tuple[list[DeliveryJob], datetime | None]:
        """Deliveries to attempt now, and when the next pending one falls due."""
        def reader(m: NotifierReadModel) -> tuple[list[DeliveryJob], datetime | None]:
            jobs, later = [], []
            for delivery in m._replicas[Delivery].values():
                if delivery.status != PENDING:
                    continue
                if delivery.is_due(now):
                    jobs.append(m._job(delivery))
                elif delivery.next_attempt_at is not None:
                    later.append(delivery.next_attempt_at)
            return jobs, min(later, default=None)
        jobs, next_at = self.read(reader)
        return jobs, next_at

    def _job(self, delivery: Delivery) -> DeliveryJob:
        notification: Notification = self._replicas[Notification][delivery.notification_id]
        subscription = (self._replicas[Subscription].get(delivery.subscription_id)
                        if delivery.subscription_id else None)
        return DeliveryJob(
            delivery_id=delivery.id, channel=delivery.channel, target=delivery.target,
            message_id=delivery.message_id, attempt=len(delivery.attempts) + 1,
            notification=notification.summary(), source_event=dict(notification.source_event),
            secret=subscription.secret if subscription else None,
            subscription_active=bool(subscription and subscription.active),
        )

    # -- subscriptions, contacts, reminders ---------------------------------------------

    def subscription(self, subscription_id: UUID) -> dict[str, Any]:
        return self.read(lambda m: m._get(Subscription, subscription_id).summary())

    def subscriptions(self, owner_agency: str | None = None) -> list[dict[str, Any]]:
        return list(self.read(lambda m: [
            s.summary() for s in m._replicas[Subscription].values()
            if owner_agency is None or s.owner_agency == owner_agency]))

    def subscribers(self, notification_type: str, recipient: Recipient) -> list[SubscriberRef]:
        return list(self.read(lambda m: [
            SubscriberRef(s.id, s.url, s.owner_agency)
            for s in m._replicas[Subscription].values() if s.wants(notification_type, recipient)
        ]))

    def contact(self, contact_id: UUID) -> dict[str, Any]:
        return self.read(lambda m: m._get(Contact, contact_id).summary())

    def contacts(self, recipient_prefix: str | None = None) -> list[dict[str, Any]]:
        return list(self.read(lambda m: [
            c.summary() for c in m._replicas[Contact].values()
            if c.active and (recipient_prefix is None or c.recipient.startswith(recipient_prefix))
        ]))

    def emails(self, recipient: Recipient) -> list[str]:
        """The active addresses of a recipient; a unit's include its agency's."""
        keys = {recipient.key}
        if recipient.kind == "agency" and recipient.unit:
            keys.add(Recipient.of_agency(recipient.agency or "").key)
        return sorted(self.read(lambda m: {
            c.email for c in m._replicas[Contact].values() if c.active and c.recipient in keys}))

    def reminder(self, reminder_id: UUID) -> dict[str, Any]:
        return self.read(lambda m: m._get(Reminder, reminder_id).summary())

    def reminders(self, active: bool | None = None) -> list[dict[str, Any]]:
        return list(self.read(lambda m: [
            r.summary() for r in m._replicas[Reminder].values()
            if active is None or r.active == active]))

    def changed_reminders(self, limit: int) -> list[ReminderSchedule]:
        """Up to ``limit`` reminders changed since last asked (all of them after a
        rebuild), each once: what keeps the reminder worker's schedule current without
        looking at the reminders that did not change."""
        def reader(m: NotifierReadModel) -> list[ReminderSchedule]:
            taken: list[ReminderSchedule] = []
            while m._changed_reminders and len(taken) < limit:
                r = m._replicas[Reminder][m._changed_reminders.pop()]
                taken.append(ReminderSchedule(r.id, r.rule_id, r.due_date, r.started_on,
                                              frozenset(r.sent), r.active))
            return taken
        return list(self.read(reader))

    # -- following the log ----------------------------------------------------------------

    def _catch_up(self) -> None:
        mapper = self._app.mapper
        for page in pages_after(self._app.recorder, self._position, BATCH):
            for item in page:
                self._apply(mapper.to_domain_event(item), item.id)
                self._position = item.id

    def _apply(self, domain_event: Any, position: int) -> None:
        for kind in TRACKED:
            if isinstance(domain_event, kind.Event):
                replicas = self._replicas[kind]
                replicas[domain_event.originator_id] = domain_event.mutate(
                    replicas.get(domain_event.originator_id))
                if kind is Reminder:
                    self._changed_reminders.add(domain_event.originator_id)
                if isinstance(domain_event, Notification.Created):
                    self._positions[domain_event.originator_id] = position
                    self._order.append(domain_event.originator_id)
                return

    def _get(self, kind: type[A], record_id: UUID) -> A:
        found = self._replicas[kind].get(record_id)
        if found is None:
            raise RecordNotFoundError(f"no {kind.__name__.lower()} with id {record_id}")
        return found  # type: ignore[no-any-return]

    def _newest_first(self, after: int = 0) -> list[Notification]:
        notifications = self._replicas[Notification]
        found = []
        for notification_id in reversed(self._order):
            if self._positions[notification_id] <= after:
                break
            found.append(notifications[notification_id])
        return found

    def _oldest_after(self, after: int) -> list[Notification]:
        return list(reversed(self._newest_first(after)))

    def _with_position(self, notification: Notification) -> dict[str, Any]:
        return {**notification.summary(), "position": self._positions[notification.id]}


def _in_scope(recipient: Recipient, principal: Actor, scope: InboxScope) -> bool:
    if not recipient.reaches(principal):
        return False
    if scope == "agency":
        return recipient.kind == "agency"
    if scope == "personal":
        return recipient.is_personal
    return True
