"""The service's read model: which records there are, of which kind, in the order they were
created, kept in the service's own database by a ``chassis.projection`` projection.

Table (``sessions_`` prefixed on PostgreSQL): ``session_records``, one row per record:
its id, its kind (the aggregate class's name) and ``listed_at``, the notification id of
its first event. A record's kind and place never change, so only the events that create
a record write a row; the lists read the rows of one kind and load those records from the
repository, as a use case does (a province holds a few thousand records, and the lists'
filters and ``as_of`` need the records themselves). A restart resumes at the stored
position instead of re-reading the log.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Notification
from eventsourcing.utils import resolve_topic

from chassis.application import ServiceApplication
from chassis.projection import Cursor, PersistedProjection, ProjectionTables

A = TypeVar("A", bound=Aggregate)
Created = tuple[str, str, int]  # id, kind, listed_at


class RecordsProjection:
    """One row per record: its kind and its place in the log."""

    name = "sessions records"
    version = 1
    table_names = ("session_records",)

    def __init__(self, app: ServiceApplication) -> None:
        self._app = app

    def create_tables(self, tables: ProjectionTables, cursor: Cursor) -> None:
        records = tables.table("session_records")
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {records} (id TEXT PRIMARY KEY, "
                       "kind TEXT NOT NULL, listed_at BIGINT NOT NULL)")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {records}_kind ON {records} "
                       "(kind, listed_at)")

    def prepare(self, notifications: Sequence[Notification]) -> list[Created]:
        created: list[Created] = []
        for notification in notifications:
            domain_event: Any = self._app.mapper.to_domain_event(notification)
            if isinstance(domain_event, Aggregate.Created):
                kind = resolve_topic(domain_event.originator_topic).__name__
                created.append((str(domain_event.originator_id), kind, notification.id))
        return created

    def apply(self, tables: ProjectionTables, cursor: Cursor, changes: list[Created]) -> None:
        cursor.executemany(tables.sql(
            f"INSERT INTO {tables.table('session_records')} (id, kind, listed_at) "
            "VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING"), changes)


class Catalogue:
    """Every record of one application, by kind, caught up from the log before each read."""

    def __init__(self, app: ServiceApplication) -> None:
        self._app = app
        self.projection = PersistedProjection(app, RecordsProjection(app))
        self._records = self.projection.tables.table("session_records")

    def warm_up(self) -> None:
        """Catches up with the log before the first query needs it (see ``readiness``)."""
        self.projection.warm_up()

    def readiness(self) -> str | None:
        """None once caught up at start; otherwise how far it has got (for ``/readyz``)."""
        return self.projection.readiness()

    def ids(self, kind: type[Aggregate]) -> list[UUID]:
        """The ids of every record of ``kind``, in the order they were created."""
        with self.projection.reading() as cursor:
            cursor.execute(self.projection.tables.sql(
                f"SELECT id FROM {self._records} WHERE kind = ? ORDER BY listed_at"),
                (kind.__name__,))
            return [UUID(row["id"]) for row in cursor.fetchall()]

    def kinds(self) -> dict[UUID, str]:
        """Every record's kind, by id (for the audit)."""
        with self.projection.reading() as cursor:
            cursor.execute(f"SELECT id, kind FROM {self._records}")
            return {UUID(row["id"]): row["kind"] for row in cursor.fetchall()}

    def all(self, kind: type[A]) -> list[A]:
        """Every record of ``kind``, in the order they were created."""
        found: list[object] = [self._app.repository.get(record_id)
                               for record_id in self.ids(kind)]
        return [record for record in found if isinstance(record, kind)]
