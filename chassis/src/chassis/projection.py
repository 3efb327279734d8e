"""Read models persisted next to the events, kept up to date from the notification log.

A service's read model (its lists, filters, text search) is a *projection*: tables in the
service's own database, written from the events in notification order. What this module
gives every projection:

- **Where the tables live.** In the same database as the events, through the recorder's own
  eventsourcing datastore (``SQLiteDatastore`` or ``PostgresDatastore``): the same
  connection pool, the same writer lock on SQLite, the same table-name prefix as the events
  on PostgreSQL. An in-memory store (unit tests) gets a private in-memory SQLite database,
  so the one code path is exercised everywhere.
- **A tracking position written with the rows.** Each step reads ``BATCH``
  notifications (several batches while a long catch-up finds them full), lets the
  projection prepare its changes (decoding, loading replicas: outside the transaction),
  then writes the changed rows and the new position in one
  transaction. A crash can never leave rows and position apart; a restart resumes at the
  stored position instead of re-reading the log. The position is compared and set: if
  another process (``phoihop audit`` next to the running service) advanced it meanwhile,
  the step is dropped and retried from there, so no notification is applied twice.
- **Read-your-writes, cheaply.** ``catch_up()`` before a query compares the position with
  the log's highest id (one indexed read) and reads the log only when something is new.
  Queries that queue behind one catch-up share it.
- **Progress.** ``warm_up()`` (at start, in the background) logs how far it has got, and
  ``readiness()`` tells ``/readyz`` while the projection is behind the log it found.
- **A schema version.** Each projection declares the ``version`` of its tables' shape; the
  version its tables were written with is stored beside its position. When they differ (a
  new column, a row written differently), its tables are dropped, created anew and written
  again from the start of the log (with progress, as any catch-up), instead of failing on
  a missing column or serving rows of the old shape.
- **Replicas of what changed.** ``changed_replicas`` gives a projection the aggregates a
  batch changed, as of the batch's end, for rows written from the aggregates' own state.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Notification, PersistenceError
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.sqlite import SQLiteDatastore

from chassis.application import ServiceApplication
from chassis.metrics import PROJECTION_SKIPPED
from chassis.notification_log import BATCH

BATCHES_PER_TRANSACTION = 10  # while catching up: one commit per 5,000 notifications
PROGRESS_EVERY = 50_000  # notifications between two progress lines while catching up
SQL_INTEGER_MAX = 2**63 - 1  # BIGINT on PostgreSQL, INTEGER on SQLite
log = logging.getLogger(__name__)
Changes = TypeVar("Changes")
A = TypeVar("A", bound=Aggregate)


class Cursor(Protocol):
    """What both datastores' cursors offer (sqlite3 and psycopg, wrapped by eventsourcing)."""

    def execute(self, *args: Any, **kwargs: Any) -> Any: ...
    def executemany(self, *args: Any, **kwargs: Any) -> Any: ...
    def fetchall(self) -> Any: ...
    def fetchone(self) -> Any: ...


class ProjectionTables:
    """A projection's way into its database: transactions, and SQL in that dialect.

    SQL is written once with ``?`` placeholders and the functions both engines share;
    ``sql()`` rewrites it for PostgreSQL (``%s``, ``strpos`` for ``instr``). Rows are read
    by column name (sqlite3.Row and psycopg's dict rows both allow it)."""

    def __init__(self, datastore: SQLiteDatastore | PostgresDatastore, prefix: str) -> None:
        self._datastore = datastore
        self.is_postgres = isinstance(datastore, PostgresDatastore)
        self.prefix = prefix
        self._synchronous: int | None = None

    @classmethod
    def of(cls, app: ServiceApplication) -> ProjectionTables:
        """The tables of ``app``'s projections: in its own store, or private and in memory."""
        datastore = getattr(app.recorder, "datastore", None)
        prefix = f"{app.name.lower()}_"
        if isinstance(datastore, SQLiteDatastore | PostgresDatastore):
            return cls(datastore, prefix)
        memory = SQLiteDatastore(f"file:projection-{uuid.uuid4().hex}?mode=memory&cache=shared")
        return cls(memory, prefix)

    def table(self, name: str) -> str:
        """A table name beside the events' (PostgreSQL prefixes by application)."""
        return f"{self.prefix}{name}"

    def sql(self, statement: str) -> str:
        if not self.is_postgres:
            return statement
        return statement.replace("?", "%s").replace("instr(", "strpos(")

    def transaction(self, *, commit: bool) -> AbstractContextManager[Cursor]:
        """One transaction: committed on leaving when ``commit``, else rolled back."""
        return self._datastore.transaction(commit=commit)

    @contextmanager
    def unsynced_transaction(self) -> Iterator[Cursor]:
        """A committed transaction whose commit does not wait for the disk.

        A projection can always be written again from the log, so its commits need not be
        durable at once, only atomic: the rows and the position are still one transaction,
        and a power cut loses at most the last steps together (the position goes back with
        its rows). Waiting for the disk on every step doubled the fsyncs of a service whose
        reads follow its writes (benchmark 1). SQLite: ``synchronous=NORMAL`` on the
        writer's connection for this transaction (WAL mode: the next durable commit of the
        events syncs these pages with its own), then back to what it was. PostgreSQL:
        ``synchronous_commit = off`` for this transaction only."""
        if isinstance(self._datastore, PostgresDatastore):
            with self._datastore.transaction(commit=True) as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
                yield cursor
            return
        with self._datastore.get_connection(commit=True) as connection:
            setting = connection.cursor()
            if self._synchronous is None:  # the store's setting, the same on every connection
                setting.execute("PRAGMA synchronous")
                self._synchronous = int(setting.fetchone()[0])
            was = self._synchronous
            setting.execute("PRAGMA synchronous=NORMAL")
            try:
                with connection.transaction(commit=True) as cursor:
                    yield cursor
            finally:
                setting.execute(f"PRAGMA synchronous={was}")

    @staticmethod
    def integer(value: int) -> int:
        """``value`` within SQL's 64-bit integers: an offset or a position from a request
        may be any size, and past the ends it finds what the end would."""
        return max(-SQL_INTEGER_MAX - 1, min(value, SQL_INTEGER_MAX))

    def placeholders(self, count: int) -> str:
        """``?, ?, ?`` for an ``IN (...)`` of ``count`` values."""
        return ", ".join("?" * count)


class Projection(Protocol[Changes]):
    """What a read model implements to be kept by a ``PersistedProjection``.

    ``prepare`` runs outside any transaction (decode events, load what it needs);
    ``apply`` writes the prepared changes with the cursor of the step's transaction and
    must not commit."""

    name: str  # the tracking name; also what logs and /readyz call it
    version: int  # of the tables' shape: change it when a column or a row's form changes

    @property
    def table_names(self) -> tuple[str, ...]:
        """Its tables, unprefixed (dropped when the version changes)."""

    def create_tables(self, tables: ProjectionTables, cursor: Cursor) -> None: ...
    def prepare(self, notifications: Sequence[Notification]) -> Changes: ...
    def apply(self, tables: ProjectionTables, cursor: Cursor, changes: Changes) -> None: ...


class PersistedProjection(Generic[Changes]):
    """Keeps one projection's tables up to date with ``app``'s notification log."""

    def __init__(self, app: ServiceApplication, projection: Projection[Changes],
                 tables: ProjectionTables | None = None) -> None:
        self._app = app
        self.projection = projection
        self.tables = tables or ProjectionTables.of(app)
        self._positions = self.tables.table("projection_positions")
        self._reading = threading.Lock()  # one catch-up at a time
        self._position = 0  # as last read or written by this process
        self._target = 0  # the log's highest id when warming up began
        self._warm = False
        self._create_tables()

    @property
    def position(self) -> int:
        return self._position

    def _create_tables(self) -> None:
        with self.tables.transaction(commit=True) as cursor:
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {self._positions} "
                           "(name TEXT PRIMARY KEY, position BIGINT NOT NULL, "
                           "version INTEGER NOT NULL DEFAULT 0)")
        self._add_version_column()
        with self.tables.transaction(commit=True) as cursor:
            cursor.execute(self.tables.sql(
                f"INSERT INTO {self._positions} (name, position, version) VALUES (?, 0, ?) "
                "ON CONFLICT (name) DO NOTHING"), (self.projection.name, self.projection.version))
            cursor.execute(self.tables.sql(
                f"SELECT version FROM {self._positions} WHERE name = ?"), (self.projection.name,))
            stored = int(cursor.fetchone()["version"])
            if stored != self.projection.version:
                self._rebuild_tables(cursor, stored)
            self.projection.create_tables(self.tables, cursor)
        self._position = self._stored_position()

    def _add_version_column(self) -> None:
        """Positions stored before projections had versions (version 0: rebuilt once)."""
        with self.tables.transaction(commit=False) as cursor:
            if self.tables.is_postgres:
                cursor.execute("SELECT 1 FROM information_schema.columns WHERE table_schema "
                               "= current_schema() AND table_name = %s "
                               "AND column_name = 'version'", (self._positions,))
                present = cursor.fetchone() is not None
            else:
                cursor.execute(f"PRAGMA table_info({self._positions})")
                present = any(row["name"] == "version" for row in cursor.fetchall())
        if not present:
            with self.tables.transaction(commit=True) as cursor:
                cursor.execute(f"ALTER TABLE {self._positions} "
                               "ADD COLUMN version INTEGER NOT NULL DEFAULT 0")

    def _rebuild_tables(self, cursor: Cursor, stored: int) -> None:
        """Drops tables written in another shape; the catch-up writes them again from the
        start of the log."""
        log.warning("%s: tables written by version %d, this is version %d: rebuilding them "
                    "from the log", self.projection.name, stored, self.projection.version)
        for name in self.projection.table_names:
            cursor.execute(f"DROP TABLE IF EXISTS {self.tables.table(name)}")
        cursor.execute(self.tables.sql(
            f"UPDATE {self._positions} SET position = 0, version = ? WHERE name = ?"),
            (self.projection.version, self.projection.name))

    def _stored_position(self) -> int:
        with self.tables.transaction(commit=False) as cursor:
            return self._read_position(cursor)

    def _read_position(self, cursor: Cursor) -> int:
        cursor.execute(self.tables.sql(f"SELECT position FROM {self._positions} WHERE name = ?"),
                       (self.projection.name,))
        return int(cursor.fetchone()["position"])

    def warm_up(self) -> None:
        """Catches up with the whole log before the first query needs it, saying how far it
        has got (a store written while the service was away takes a while)."""
        self._target = self._app.recorder.max_notification_id() or 0
        if self._position < self._target:
            log.info("%s: catching up from event %d to %d", self.projection.name,
                     self._position, self._target)
        self.catch_up()
        self._warm = True
        log.info("%s: ready at event %d", self.projection.name, self._position)

    def readiness(self) -> str | None:
        """None once warmed up; otherwise how far the catch-up has got (for ``/readyz``)."""
        if self._warm:
            return None
        return f"{self.projection.name} catching up: {self._position} of {self._target} events"

    def catch_up(self) -> None:
        """Applies the log at least as it stood when called: a query then reads its own
        writes. Nothing is read from the log when nothing is new."""
        target = self._app.recorder.max_notification_id() or 0
        if self._position >= target:
            return
        with self._reading:
            while self._position < target and self._step():
                pass

    def _read_from(self, start: int) -> list[Notification]:
        """The next notifications after ``start``: one batch, or more while a catch-up
        finds full ones (each commit costs an fsync: tens of ms on a busy disk)."""
        read: list[Notification] = []
        for _ in range(BATCHES_PER_TRANSACTION):
            batch = self._app.recorder.select_notifications(
                start=read[-1].id if read else start, limit=BATCH, inclusive_of_start=False)
            read += batch
            if len(batch) < BATCH:
                break
        return read

    @contextmanager
    def reading(self) -> Iterator[Cursor]:
        """A read-only transaction over the tables, after catching up (read-your-writes)."""
        self.catch_up()
        with self.tables.transaction(commit=False) as cursor:
            yield cursor

    def _step(self) -> bool:
        """Applies what follows the position, up to ``BATCHES_PER_TRANSACTION`` batches;
        False when the log had nothing after the position."""
        start = self._position
        notifications = self._read_from(start)
        if not notifications:
            return False
        try:
            changes = self.projection.prepare(notifications)
        except PersistenceError:  # the store: the step is tried again, nothing skipped
            raise
        except Exception:  # one event the projection cannot take: find it, step past it
            self._step_one_by_one(notifications)
            return True
        self._write(start, notifications[-1].id, changes)
        return True

    def _step_one_by_one(self, notifications: Sequence[Notification]) -> None:
        """Applies the notifications alone, up to and past the first that cannot be
        prepared: that one is logged and counted, its rows left as they were, and the
        catch-up goes on after it. One event a projection cannot take (an absurd date
        stored before dates had a range) must not stop every query of the service."""
        for notification in notifications:
            start = self._position
            try:
                changes: Changes | None = self.projection.prepare([notification])
            except PersistenceError:
                raise
            except Exception:  # the projection's own failure on this event
                PROJECTION_SKIPPED.labels(self.projection.name).inc()
                log.exception("%s: event %d cannot be projected; skipped",
                              self.projection.name, notification.id)
                changes = None
            if not self._write(start, notification.id, changes) or changes is None:
                return

    def _write(self, start: int, end: int, changes: Changes | None) -> bool:
        """Writes the changes (if any) and the position ``end`` in one transaction, unless
        another process moved the position from ``start``; False when it had."""
        with self.tables.unsynced_transaction() as cursor:
            stored = self._read_position(cursor)
            if stored == start:
                if changes is not None:
                    self.projection.apply(self.tables, cursor, changes)
                cursor.execute(self.tables.sql(
                    f"UPDATE {self._positions} SET position = ? WHERE name = ?"),
                    (end, self.projection.name))
        if stored != start:  # another process moved it: resume from there
            log.info("%s: position moved from %d to %d elsewhere", self.projection.name,
                     start, stored)
            self._position = stored
            return False
        self._position = end
        if start // PROGRESS_EVERY != end // PROGRESS_EVERY:
            log.info("%s: at event %d of %d", self.projection.name, end,
                     max(self._target, end))
        return True


def warming_up(projection: PersistedProjection[Any]) -> Callable[[], Awaitable[str | None]]:
    """Starts ``projection``'s warm-up in the background, and returns the ``/readyz``
    check that tells how far it has got (a service serves while its projection catches up;
    a query meanwhile waits for the catch-up)."""
    threading.Thread(target=projection.warm_up, name=f"warm-up {projection.projection.name}",
                     daemon=True).start()

    async def check() -> str | None:
        return projection.readiness()

    return check


@dataclass
class Replica(Generic[A]):
    """An aggregate as of the end of a batch, and where the batch first touched it."""

    aggregate: A
    first_seen: int  # the id of the batch's first notification of this aggregate
    last_seen: int  # the id of the batch's last notification of this aggregate


def changed_replicas(
    app: ServiceApplication, notifications: Sequence[Notification], kinds: tuple[type[A], ...],
    on_event: Callable[[Any, A], None] | None = None,
) -> dict[UUID, Replica[A]]:
    """The aggregates of ``kinds`` that ``notifications`` changed, as of the last of them.

    Each event is applied to the replica before it: kept within the batch, else loaded
    from the repository at the version before the event (so a replica never runs ahead
    of the notifications applied). Events of other aggregates are skipped. ``on_event`` is
    told each event with the replica it made (for what depends on the event, not only on
    the state it leaves)."""
    replicas: dict[UUID, Replica[A]] = {}
    event_classes = tuple(kind.Event for kind in kinds)
    for notification in notifications:
        domain_event: Any = app.mapper.to_domain_event(notification)
        if not isinstance(domain_event, event_classes):
            continue
        aggregate_id = domain_event.originator_id
        seen = replicas.get(aggregate_id)
        before: Any = seen.aggregate if seen is not None else None
        if before is None and domain_event.originator_version > 1:
            before = app.repository.get(aggregate_id,
                                        version=domain_event.originator_version - 1)
        mutated: Any = domain_event.mutate(before)  # an event of ``kinds`` makes an aggregate
        aggregate: A = mutated
        if on_event is not None:
            on_event(domain_event, aggregate)
        if seen is None:
            replicas[aggregate_id] = Replica(aggregate, notification.id, notification.id)
        else:
            seen.aggregate, seen.last_seen = aggregate, notification.id
    return replicas
