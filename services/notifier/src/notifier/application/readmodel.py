"""The notifier's read model: its records' rows, kept in its own database from the log.

Every query and worker reads from here: inbox, feed, lists, the deliveries that are due,
the reminders that changed, the subscriptions and contacts a new notification goes to.
The rows are a ``chassis.projection`` projection (``notifier_projection``): one table per
kind of record, each row the record's ``summary()`` as JSON beside the columns the
queries filter and order on. Before each read it catches up with the log, so a reader
sees every write committed before it asked; a restart resumes at the stored position.
What leaves it is a copy (a summary dict or a frozen job), never a replica.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from eventsourcing.domain import Aggregate

from chassis.application import ServiceApplication
from chassis.projection import (
    PersistedProjection,
)
from chassis.tracing import traceparent_of
from kernel.actor import Actor
from notifier.application.notifier_projection import KINDS, NotifierProjection, micros
from notifier.domain.contact import Contact
from notifier.domain.delivery import PENDING, Delivery
from notifier.domain.errors import RecordNotFoundError
from notifier.domain.follower import CONFIRMED, Follower
from notifier.domain.notification import Notification
from notifier.domain.recipients import Recipient, canonical_key
from notifier.domain.reminder import Reminder
from notifier.domain.subscription import Interest, Subscription

InboxScope = Literal["all", "agency", "personal"]
# Sent on their own, never summed up in a digest: a confirmation request, and digests.
NOT_DIGESTED = frozenset({"follow.confirm", "digest.daily", "digest.weekly"})


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
    traceparent: str | None = None  # the trace the delivery was created in (its consumer's)


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
    """The rows of every notification, delivery, subscription, contact and reminder."""

    def __init__(self, app: ServiceApplication) -> None:
        self._app = app
        self.projection = PersistedProjection(app, NotifierProjection(app))
        self._tables = self.projection.tables
        self._reminders_seen = 0  # changed_at of the last reminder changed_reminders gave
        self._reminders_lock = threading.Lock()

    @property
    def position(self) -> int:
        """The log position the rows are at, after catching up."""
        self.projection.catch_up()
        return self.projection.position

    def warm_up(self) -> None:
        self.projection.warm_up()

    def readiness(self) -> str | None:
        return self.projection.readiness()

    def _select(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """The rows of one query, after catching up; ``{name}`` stands for a table.
        Integers (offsets, positions from a request) are kept within SQL's."""
        statement = sql.format(**{kind.table: self._tables.table(kind.table)
                                  for kind in KINDS.values()})
        values = [self._tables.integer(v) if isinstance(v, int) else v for v in params]
        with self.projection.reading() as cursor:
            cursor.execute(self._tables.sql(statement), values)
            return list(cursor.fetchall())

    def _summary(self, aggregate_type: type[Aggregate], record_id: UUID) -> dict[str, Any]:
        kind = KINDS[aggregate_type]
        found = self._select(f"SELECT summary FROM {{{kind.table}}} WHERE id = ?",
                             (str(record_id),))
        if not found:
            raise RecordNotFoundError(f"no {kind.label} with id {record_id}")
        return dict(json.loads(found[0]["summary"]))

    def _summaries(self, table: str, wanted: Sequence[tuple[str, object]], *,
                   newest_first: bool = False, limit: int | None = None, offset: int = 0,
                   extra: str = "", extra_params: Sequence[object] = ()
                   ) -> list[dict[str, Any]]:
        """Summaries of one table whose columns equal what is wanted (None: any)."""
        conditions = [f"{column} = ?" for column, value in wanted if value is not None]
        params: list[object] = [value for _, value in wanted if value is not None]
        if extra:
            conditions.append(extra)
            params += extra_params
        where = " AND ".join(conditions) or "1 = 1"
        order = "DESC" if newest_first else "ASC"
        page = ""
        if limit is not None:
            page = " LIMIT ? OFFSET ?"
            params += [limit, offset]
        rows = self._select(f"SELECT listed_at, summary FROM {{{table}}} WHERE {where} "
                            f"ORDER BY listed_at {order}{page}", params)
        return [json.loads(row["summary"]) for row in rows]

    def summaries(self, aggregate_type: type[Aggregate]) -> dict[UUID, dict[str, Any]]:
        """Every row of one kind of record (for the audit)."""
        rows = self._select(f"SELECT id, summary FROM {{{KINDS[aggregate_type].table}}}")
        return {UUID(row["id"]): json.loads(row["summary"]) for row in rows}

    # -- notifications, inbox, feed ------------------------------------------------------

    def notification(self, notification_id: UUID) -> dict[str, Any]:
        return self._summary(Notification, notification_id)

    def notifications(
        self, *, type: str | None = None, recipient: str | None = None,
        subject_id: str | None = None, rule_id: str | None = None, limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Newest first; ``recipient`` is any key of one recipient (``canonical_key``: a
        unit or a person in either Unicode form, any case or spacing finds the same rows);
        raises ``InvalidRecipientError`` for a malformed one."""
        recipient_key = canonical_key(recipient) if recipient is not None else None
        conditions = [(column, value) for column, value in (
            ("type", type), ("recipient_key", recipient_key), ("subject_id", subject_id),
            ("rule_id", rule_id)) if value is not None]
        where = " AND ".join(f"{column} = ?" for column, _ in conditions) or "1 = 1"
        rows = self._select(
            f"SELECT listed_at, summary FROM {{notification_rows}} WHERE {where} "
            "ORDER BY listed_at DESC LIMIT ? OFFSET ?",
            [*(value for _, value in conditions), limit, offset])
        return [_with_position(row) for row in rows]

    def inbox(
        self, principal: Actor, scope: InboxScope = "all", after: int = 0, limit: int = 100,
        oldest_first: bool = False,
    ) -> list[dict[str, Any]]:
        order = "ASC" if oldest_first else "DESC"
        rows = self._select(
            "SELECT listed_at, recipient, summary FROM {notification_rows} "
            f"WHERE inbox = 1 AND listed_at > ? ORDER BY listed_at {order}", (after,))
        found = []
        for row in rows:
            if _in_scope(Recipient.parse(row["recipient"]), principal, scope):
                found.append(_with_position(row))
                if len(found) >= limit:
                    break
        return found

    def feed(self, limit: int = 50) -> list[dict[str, Any]]:
        # By when it happened: two streams' events reach the log in either order.
        rows = self._select("SELECT listed_at, summary FROM {notification_rows} WHERE feed = 1 "
                            "ORDER BY occurred_at DESC, listed_at DESC LIMIT ?", (limit,))
        return [_with_position(row) for row in rows]

    # -- deliveries -----------------------------------------------------------------------

    def delivery(self, delivery_id: UUID) -> dict[str, Any]:
        return self._summary(Delivery, delivery_id)

    def deliveries(
        self, *, status: str | None = None, channel: str | None = None,
        notification_id: UUID | None = None, owner_agency: str | None = None,
        limit: int = 100, offset: int = 0,
    ) -> list[dict[str, Any]]:
        wanted = [("status", status), ("channel", channel),
                  ("notification_id", str(notification_id) if notification_id else None),
                  ("owner_agency", owner_agency)]
        return self._summaries("delivery_rows", wanted, newest_first=True, limit=limit,
                               offset=offset)

    def due_deliveries(self, now: datetime) -> tuple[list[DeliveryJob], datetime | None]:
        """Deliveries to attempt now, and when the next pending one falls due."""
        rows = self._select("SELECT next_attempt_at, summary FROM {delivery_rows} "
                            "WHERE status = ? ORDER BY listed_at", (PENDING,))
        jobs, later = [], []
        for row in rows:
            next_at = (datetime.fromisoformat(row["next_attempt_at"])
                       if row["next_attempt_at"] else None)
            if next_at is None or next_at <= now:
                jobs.append(self._job(json.loads(row["summary"])))
            else:
                later.append(next_at)
        return jobs, min(later, default=None)

    def _job(self, delivery: dict[str, Any]) -> DeliveryJob:
        notification: Notification = self._app.repository.get(UUID(delivery["notification_id"]))
        subscription_id = delivery["subscription_id"]
        subscription: Subscription | None = (self._app.repository.get(UUID(subscription_id))
                        if subscription_id else None)
        return DeliveryJob(
            delivery_id=UUID(delivery["id"]), channel=delivery["channel"],
            target=delivery["target"], message_id=delivery["message_id"],
            attempt=delivery["attempt_count"] + 1, notification=notification.summary(),
            source_event=dict(notification.source_event),
            secret=subscription.secret if subscription else None,
            subscription_active=bool(subscription and subscription.active),
            traceparent=self._created_in(UUID(delivery["id"])),
        )

    def _created_in(self, record_id: UUID) -> str | None:
        """The trace context a record's first event was stored in (``chassis.tracing``)."""
        first = next(iter(self._app.events.get(record_id, lte=1)), None)
        return traceparent_of(first) if first is not None else None

    # -- subscriptions, contacts, reminders ---------------------------------------------

    def subscription(self, subscription_id: UUID) -> dict[str, Any]:
        return self._summary(Subscription, subscription_id)

    def subscriptions(self, owner_agency: str | None = None) -> list[dict[str, Any]]:
        return self._summaries("subscription_rows", [("owner_agency", owner_agency)])

    def subscribers(self, notification_type: str, recipient: Recipient) -> list[SubscriberRef]:
        """The active subscriptions that want this notification."""
        active = self._summaries("subscription_rows", [("active", 1)])
        return [SubscriberRef(UUID(s["id"]), s["url"], s["owner_agency"])
                for s in active if Interest.of(s).wants(notification_type, recipient)]

    def contact(self, contact_id: UUID) -> dict[str, Any]:
        return self._summary(Contact, contact_id)

    def contacts(self, recipient: Recipient | None = None) -> list[dict[str, Any]]:
        """The active contacts, of one recipient (by its canonical key) or of all."""
        key = recipient.canonical_key if recipient is not None else None
        return self._summaries("contact_rows", [("active", 1), ("recipient_key", key)])

    def emails(self, recipient: Recipient, *, immediate_only: bool = False) -> list[str]:
        """The active addresses of a recipient; a unit's include its agency's. A follower's
        is its recipient key while it follows: the address stays sealed until sending.
        ``immediate_only``: only those whose owner (the recipient, or the agency of a
        unit) is e-mailed each notification at once rather than in a digest."""
        if recipient.kind == "follower":
            found = self._select("SELECT active FROM {follower_rows} WHERE id = ?",
                                 (str(recipient.follower),))
            wanted = bool(found and found[0]["active"]) and (
                not immediate_only or self.cadence(recipient) == "immediate")
            return [recipient.key] if wanted else []
        keys = {recipient.canonical_key}
        if recipient.kind == "agency" and recipient.unit:
            keys.add(Recipient.of_agency(recipient.agency or "").key)
        if immediate_only:
            keys = {key for key in keys if self.cadence(Recipient.parse(key)) == "immediate"}
            if not keys:
                return []
        rows = self._select("SELECT email FROM {contact_rows} WHERE active = 1 AND recipient_key "
                            f"IN ({self._tables.placeholders(len(keys))})", sorted(keys))
        return sorted({row["email"] for row in rows})

    # -- followers, follows, digest preferences ------------------------------------------

    def follower(self, follower_id: UUID) -> dict[str, Any]:
        return self._summary(Follower, follower_id)

    def followers_by_hash(self, address_hash: str) -> list[dict[str, Any]]:
        """Every follower ever registered with this address, the latest first (an erased
        one stays, as its events do)."""
        rows = self._select("SELECT summary FROM {follower_rows} WHERE address_hash = ? "
                            "ORDER BY listed_at DESC", (address_hash,))
        return [json.loads(row["summary"]) for row in rows]

    def follows(self, *, item: str | None = None, follower_id: UUID | None = None,
                status: str | None = None) -> list[dict[str, Any]]:
        """Follows of an item (as it is now) or of a follower, oldest first."""
        return self._summaries("follow_rows", [
            ("item", item), ("follower_id", str(follower_id) if follower_id else None),
            ("status", status)])

    def followers_of(self, item: str) -> list[UUID]:
        """The active followers with a confirmed follow of ``item``, each once."""
        rows = self._select(
            "SELECT DISTINCT f.follower_id FROM {follow_rows} f JOIN {follower_rows} r "
            "ON r.id = f.follower_id WHERE f.item = ? AND f.status = ? AND r.active = 1 "
            "ORDER BY f.follower_id", (item, CONFIRMED))
        return [UUID(row["follower_id"]) for row in rows]

    def cadence(self, recipient: Recipient) -> str:
        """How often the recipient is e-mailed (immediate unless it chose a digest)."""
        rows = self._select("SELECT cadence FROM {preference_rows} WHERE recipient_key = ?",
                            (recipient.canonical_key,))
        return str(rows[0]["cadence"]) if rows else "immediate"

    def digest_preferences(self) -> list[dict[str, Any]]:
        """Every recipient that chose a daily or weekly digest, or left one (its stretches
        may still have digests to build)."""
        return [p for p in self._summaries("preference_rows", [])
                if p["cadence"] != "immediate" or p.get("stretches")]

    def notifications_recorded(self, recipient: Recipient, start: datetime, end: datetime
                               ) -> list[dict[str, Any]]:
        """The recipient's notifications recorded in [start, end) on the notifier's clock,
        digests and confirmations left out, newest first; an agency's include its units'
        (its addresses get those too)."""
        key = recipient.canonical_key
        units = recipient.kind == "agency" and not recipient.unit
        rows = self._select(
            "SELECT summary FROM {notification_rows} WHERE (recipient_key = ? OR "
            "recipient_key LIKE ?) AND recorded_at >= ? AND recorded_at < ?",
            (key, _like_prefix(key + "/") if units else key, micros(start), micros(end)))
        found = [summary for row in rows if (summary := json.loads(row["summary"]))["rule_id"]
                 not in NOT_DIGESTED]
        found.sort(key=lambda n: (n["created_at"], n["occurred_at"]), reverse=True)
        return found

    def reminder(self, reminder_id: UUID) -> dict[str, Any]:
        return self._summary(Reminder, reminder_id)

    def reminders(self, active: bool | None = None) -> list[dict[str, Any]]:
        return self._summaries("reminder_rows",
                               [("active", None if active is None else int(active))])

    def changed_reminders(self, limit: int) -> list[ReminderSchedule]:
        """Up to ``limit`` reminders changed since last asked (all of them the first time
        a process asks), each once: what keeps the reminder worker's schedule current
        without looking at the reminders that did not change."""
        with self._reminders_lock:
            rows = self._select(
                "SELECT id, changed_at, rule_id, due_date, started_on, sent, active "
                "FROM {reminder_rows} WHERE changed_at > ? ORDER BY changed_at LIMIT ?",
                (self._reminders_seen, limit))
            if rows:
                self._reminders_seen = int(rows[-1]["changed_at"])
        return [ReminderSchedule(UUID(row["id"]), row["rule_id"],
                                 date.fromisoformat(row["due_date"]),
                                 date.fromisoformat(row["started_on"]),
                                 frozenset(json.loads(row["sent"])), bool(row["active"]))
                for row in rows]


def _like_prefix(prefix: str) -> str:
    """A LIKE pattern matching what starts with ``prefix`` (its % and _ taken literally
    would need an ESCAPE clause; agency codes and "/" have neither)."""
    return prefix.replace("%", "").replace("_", "") + "%"


def _with_position(row: Any) -> dict[str, Any]:
    """A notification's summary and its position in the log (what the inbox pages by)."""
    return {**json.loads(row["summary"]), "position": int(row["listed_at"])}


def _in_scope(recipient: Recipient, principal: Actor, scope: InboxScope) -> bool:
    if not recipient.reaches(principal):
        return False
    if scope == "agency":
        return recipient.kind == "agency"
    if scope == "personal":
        return recipient.is_personal
    return True
