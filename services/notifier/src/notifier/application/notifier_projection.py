"""The notifier's rows as a ``chassis.projection`` projection: one table per kind of
record, each row the record's ``summary()`` as JSON beside the columns the queries filter
and order on (``readmodel.py`` reads them)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Notification as LogNotification

from chassis.application import ServiceApplication
from chassis.projection import Cursor, ProjectionTables, Replica, changed_replicas
from notifier.domain.contact import Contact
from notifier.domain.delivery import Delivery
from notifier.domain.follower import Follow, Follower, Preference
from notifier.domain.notification import FEED, INBOX, Notification
from notifier.domain.recipients import canonical_key
from notifier.domain.reminder import Reminder
from notifier.domain.subscription import Subscription

TRACKED: tuple[type[Aggregate], ...] = (Notification, Delivery, Subscription, Contact, Reminder,
                                        Follower, Follow, Preference)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class RowKind:
    """One kind of record's table: the columns beside ``id``, ``listed_at`` (the log
    position of its first event), ``changed_at`` (of its last) and ``summary``, and how a
    record gives their values."""

    table: str
    columns: tuple[tuple[str, str], ...]  # (name, SQL type)
    values: Callable[[Any], tuple[object, ...]]
    label: str  # in "no <label> with id ..."


def micros(moment: datetime) -> int:
    """A moment as microseconds since 1970 (orders moments with different offsets)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return (aware - EPOCH) // timedelta(microseconds=1)


KINDS: dict[type[Aggregate], RowKind] = {
    Notification: RowKind(
        "notification_rows",
        (("type", "TEXT NOT NULL"), ("rule_id", "TEXT NOT NULL"), ("recipient", "TEXT NOT NULL"),
         ("recipient_key", "TEXT NOT NULL"), ("subject_id", "TEXT NOT NULL"),
         ("occurred_at", "BIGINT NOT NULL"), ("recorded_at", "BIGINT NOT NULL"),
         ("inbox", "INTEGER NOT NULL"), ("feed", "INTEGER NOT NULL")),
        lambda n: (n.type, n.rule_id, n.recipient, n.addressee.canonical_key, n.subject_id,
                   micros(n.occurred_at), micros(n.created_on),
                   int(INBOX in n.channels),
                   int(FEED in n.channels and n.addressee.is_public)),
        "notification"),
    Delivery: RowKind(
        "delivery_rows",
        (("status", "TEXT NOT NULL"), ("channel", "TEXT NOT NULL"),
         ("notification_id", "TEXT NOT NULL"), ("owner_agency", "TEXT"),
         ("subscription_id", "TEXT"), ("next_attempt_at", "TEXT")),
        lambda d: (d.status, d.channel, str(d.notification_id), d.owner_agency,
                   str(d.subscription_id) if d.subscription_id else None,
                   d.next_attempt_at.isoformat() if d.next_attempt_at else None),
        "delivery"),
    Subscription: RowKind(
        "subscription_rows", (("owner_agency", "TEXT"), ("active", "INTEGER NOT NULL")),
        lambda s: (s.owner_agency, int(s.active)), "subscription"),
    Contact: RowKind(
        "contact_rows",
        (("recipient", "TEXT NOT NULL"), ("recipient_key", "TEXT NOT NULL"),
         ("email", "TEXT NOT NULL"), ("active", "INTEGER NOT NULL")),
        lambda c: (c.recipient, canonical_key(c.recipient), c.email, int(c.active)),
        "contact"),
    Reminder: RowKind(
        "reminder_rows",
        (("rule_id", "TEXT NOT NULL"), ("due_date", "TEXT NOT NULL"),
         ("started_on", "TEXT NOT NULL"), ("sent", "TEXT NOT NULL"),
         ("active", "INTEGER NOT NULL")),
        lambda r: (r.rule_id, r.due_date.isoformat(), r.started_on.isoformat(),
                   json.dumps(list(r.sent)), int(r.active)),
        "reminder"),
    # Followers: an opaque id and a keyed hash of the address, never the address.
    Follower: RowKind(
        "follower_rows", (("address_hash", "TEXT NOT NULL"), ("active", "INTEGER NOT NULL")),
        lambda f: (f.address_hash, int(f.active and not f.erased)), "follower"),
    Follow: RowKind(
        "follow_rows",
        (("follower_id", "TEXT NOT NULL"), ("item", "TEXT NOT NULL"),
         ("original_item", "TEXT NOT NULL"), ("status", "TEXT NOT NULL")),
        lambda f: (str(f.follower_id), f.item, f.original_item, f.status), "follow"),
    Preference: RowKind(
        "preference_rows", (("recipient_key", "TEXT NOT NULL"), ("cadence", "TEXT NOT NULL")),
        lambda p: (canonical_key(p.recipient), p.cadence), "preference"),
}
# recipient_key: a recipient's rows are found by its canonical key
# (``Recipient.canonical_key``), however the key was written where it came from.
INDEXED = {"notification_rows": ("listed_at", "recipient_key", "subject_id"),
           "delivery_rows": ("listed_at", "status"), "reminder_rows": ("changed_at",),
           "follower_rows": ("address_hash",), "follow_rows": ("item", "follower_id"),
           "preference_rows": ("recipient_key",)}


class NotifierProjection:
    """The notifier's rows, as a ``chassis.projection.Projection``."""

    name = "notifier read model"
    version = 3  # 2: recipient_key, the canonical key notifications and contacts are found by;
    # 3: followers, follows and digest preferences; when each notification was recorded
    table_names = tuple(kind.table for kind in KINDS.values())

    def __init__(self, app: ServiceApplication) -> None:
        self._app = app

    def create_tables(self, tables: ProjectionTables, cursor: Cursor) -> None:
        for kind in KINDS.values():
            table = tables.table(kind.table)
            columns = "".join(f", {name} {sql_type}" for name, sql_type in kind.columns)
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {table} (id TEXT PRIMARY KEY, "
                           f"listed_at BIGINT NOT NULL, changed_at BIGINT NOT NULL{columns}, "
                           "summary TEXT NOT NULL)")
            for column in INDEXED.get(kind.table, ("listed_at",)):
                cursor.execute(f"CREATE INDEX IF NOT EXISTS {table}_{column} "
                               f"ON {table} ({column})")

    def prepare(self, notifications: Sequence[LogNotification]
                ) -> dict[UUID, Replica[Aggregate]]:
        return changed_replicas(self._app, notifications, TRACKED)

    def apply(self, tables: ProjectionTables, cursor: Cursor,
              changes: dict[UUID, Replica[Aggregate]]) -> None:
        for aggregate_type, kind in KINDS.items():
            rows = [(str(record_id), replica.first_seen, replica.last_seen,
                     *kind.values(replica.aggregate), _summary_json(replica.aggregate))
                    for record_id, replica in changes.items()
                    if isinstance(replica.aggregate, aggregate_type)]
            if not rows:
                continue
            names = ["id", "listed_at", "changed_at", *(n for n, _ in kind.columns), "summary"]
            updated = ", ".join(f"{name} = excluded.{name}" for name in names[2:])
            cursor.executemany(tables.sql(
                f"INSERT INTO {tables.table(kind.table)} ({', '.join(names)}) "
                f"VALUES ({tables.placeholders(len(names))}) "
                f"ON CONFLICT (id) DO UPDATE SET {updated}"), rows)


def _summary_json(record: Any) -> str:
    return json.dumps(record.summary())
