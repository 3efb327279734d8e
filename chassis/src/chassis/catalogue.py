"""A service's catalogue of its records: which records there are, of which kind, in the
order they were created, kept in the service's own database by a ``chassis.projection``
projection (sessions and oversight keep theirs with it).

Table (prefixed on PostgreSQL): one row per record: its id, its kind (the aggregate
class's name), ``listed_at`` (the notification id of its first event) and its version as
of the projection's position. The lists' filters, ``as_of`` and the HTTP views need the
records themselves (a province holds a few thousand), so the lists read the rows of one
kind and take each record from a cache of replicas, loading from the repository only a
record whose stored version the cache does not hold (after a restart, the first time it is
listed). A restart resumes at the stored position instead of re-reading the log.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Notification
from eventsourcing.utils import resolve_topic

from chassis.application import ServiceApplication
from chassis.projection import Cursor, PersistedProjection, ProjectionTables

A = TypeVar("A", bound=Aggregate)
Created = tuple[str, str, int, int]  # id, kind, listed_at, version


@dataclass
class RecordChanges:
    """What one batch of the log changes: the records it created, every record's version."""

    created: list[Created] = field(default_factory=list)
    versions: dict[str, int] = field(default_factory=dict)


class RecordsProjection:
    """One row per record: its kind and its place in the log."""

    version = 1

    def __init__(self, app: ServiceApplication, name: str, table: str) -> None:
        self._app = app
        self.name = name  # the tracking name: never change it for a service's store
        self.table = table
        self.table_names = (table,)

    def create_tables(self, tables: ProjectionTables, cursor: Cursor) -> None:
        records = tables.table(self.table)
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {records} (id TEXT PRIMARY KEY, "
                       "kind TEXT NOT NULL, listed_at BIGINT NOT NULL, version BIGINT NOT NULL)")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {records}_kind ON {records} "
                       "(kind, listed_at)")

    def prepare(self, notifications: Sequence[Notification]) -> RecordChanges:
        changes = RecordChanges()
        for notification in notifications:
            record_id = str(notification.originator_id)
            changes.versions[record_id] = notification.originator_version
            if notification.originator_version == 1:
                domain_event: Any = self._app.mapper.to_domain_event(notification)
                if isinstance(domain_event, Aggregate.Created):
                    kind = resolve_topic(domain_event.originator_topic).__name__
                    changes.created.append((record_id, kind, notification.id, 1))
        return changes

    def apply(self, tables: ProjectionTables, cursor: Cursor, changes: RecordChanges) -> None:
        records = tables.table(self.table)
        cursor.executemany(tables.sql(
            f"INSERT INTO {records} (id, kind, listed_at, version) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING"), changes.created)
        cursor.executemany(tables.sql(f"UPDATE {records} SET version = ? WHERE id = ?"),
                           [(version, record_id)
                            for record_id, version in changes.versions.items()])


class Catalogue:
    """Every record of one application, by kind, caught up from the log before each read.

    ``name`` is the projection's tracking name and ``table`` its table (unprefixed): both
    are written in the service's store, so a service keeps the ones it started with."""

    def __init__(self, app: ServiceApplication, *, name: str, table: str) -> None:
        self._app = app
        self.projection = PersistedProjection(app, RecordsProjection(app, name, table))
        self._records = self.projection.tables.table(table)
        self._replicas: dict[UUID, Aggregate] = {}  # as listed last; see ``all``
        self._replicas_lock = threading.Lock()

    def warm_up(self) -> None:
        """Catches up with the log before the first query needs it (see ``readiness``)."""
        self.projection.warm_up()

    def readiness(self) -> str | None:
        """None once caught up at start; otherwise how far it has got (for ``/readyz``)."""
        return self.projection.readiness()

    def versions(self, kind: type[Aggregate]) -> list[tuple[UUID, int]]:
        """The id and version of every record of ``kind``, in the order they were created."""
        with self.projection.reading() as cursor:
            cursor.execute(self.projection.tables.sql(
                f"SELECT id, version FROM {self._records} WHERE kind = ? ORDER BY listed_at"),
                (kind.__name__,))
            return [(UUID(row["id"]), int(row["version"])) for row in cursor.fetchall()]

    def kinds(self) -> dict[UUID, str]:
        """Every record's kind, by id (for the audit)."""
        with self.projection.reading() as cursor:
            cursor.execute(f"SELECT id, kind FROM {self._records}")
            return {UUID(row["id"]): row["kind"] for row in cursor.fetchall()}

    def all(self, kind: type[A]) -> list[A]:
        """Every record of ``kind``, in the order they were created, as of the rows'
        position (shared replicas: callers read them, never change them)."""
        found: list[A] = []
        for record_id, version in self.versions(kind):
            with self._replicas_lock:
                replica = self._replicas.get(record_id)
            if replica is None or replica.version < version:
                replica = self._app.repository.get(record_id, version=version)
                with self._replicas_lock:
                    held = self._replicas.get(record_id)
                    if held is None or held.version < replica.version:
                        self._replicas[record_id] = replica
            if isinstance(replica, kind):
                found.append(replica)
        return found


def catalogue_problems(catalogue: Catalogue, aggregates: Mapping[UUID, object]) -> list[str]:
    """The audit's read-model check of a catalogue: one problem per record the rows miss,
    hold in excess or hold as another kind, against the aggregates the audit rebuilt."""
    derived = {record_id: type(record).__name__ for record_id, record in aggregates.items()}
    held = catalogue.kinds()
    problems = [f"read model: {derived[rid]} {rid} is missing" for rid in derived.keys() - held]
    problems += [f"read model: {held[rid]} {rid} is not in the store"
                 for rid in held.keys() - derived]
    problems += [f"read model: {derived[rid]} {rid} is listed as a {held[rid]}"
                 for rid in derived.keys() & held if derived[rid] != held[rid]]
    return problems
