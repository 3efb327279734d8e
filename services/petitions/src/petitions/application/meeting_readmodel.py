"""The voter-contact meetings list: a read model that ``MeetingProjection`` keeps in the
service's own database (``chassis.projection``), and its query.

One table, next to the events (``petitions_`` prefixed): ``meeting_rows``, one row per
meeting: the planned date (ISO text, so it sorts and compares as a date), whether it was
held, its commune's ``kernel.text.identifier_key`` (the same commune typed in another
Unicode form or case is the same commune, as petitions compare communes), ``listed_at``
(the notification id of its first event: among meetings planned for one day, the newest
planned first) and the whole ``MeetingSummary`` as JSON. Rows are written from the
meetings' own events (``chassis.projection.changed_replicas``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple
from uuid import UUID

from eventsourcing.persistence import Notification

from chassis.application import ServiceApplication
from chassis.projection import Cursor, PersistedProjection, ProjectionTables, changed_replicas
from kernel.text import identifier_key
from petitions.application.summaries import (
    MeetingQuery,
    MeetingSummary,
    Page,
    meeting_from_json,
    meeting_to_json,
)
from petitions.domain.meeting import VoterContactMeeting

MeetingChanges = dict[UUID, tuple[MeetingSummary, int]]  # rows, and where each was first seen


class MeetingTables(NamedTuple):
    rows: str

    @classmethod
    def of(cls, tables: ProjectionTables) -> MeetingTables:
        return cls(*map(tables.table, MeetingProjection.table_names))


class MeetingProjection:
    """The meetings list, as a ``chassis.projection.Projection``."""

    name = "meetings read model"
    version = 2  # 2: a row's summary carries the meeting's modified_on
    table_names = ("meeting_rows",)

    def __init__(self, app: ServiceApplication) -> None:
        self._app = app

    def create_tables(self, tables: ProjectionTables, cursor: Cursor) -> None:
        (rows,) = MeetingTables.of(tables)
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {rows} (id TEXT PRIMARY KEY, "
                       "listed_at BIGINT NOT NULL, scheduled_on TEXT NOT NULL, "
                       "held INTEGER NOT NULL, commune_key TEXT NOT NULL, summary TEXT NOT NULL)")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {rows}_scheduled_on "
                       f"ON {rows} (scheduled_on, listed_at)")

    def prepare(self, notifications: Sequence[Notification]) -> MeetingChanges:
        replicas = changed_replicas(self._app, notifications, (VoterContactMeeting,))
        return {mid: (MeetingSummary.of(replica.aggregate), replica.first_seen)
                for mid, replica in replicas.items()}

    def apply(self, tables: ProjectionTables, cursor: Cursor, changes: MeetingChanges) -> None:
        (rows,) = MeetingTables.of(tables)
        columns = "id, listed_at, scheduled_on, held, commune_key, summary"
        updated = ", ".join(f"{c} = excluded.{c}" for c in columns.split(", ")[2:])
        cursor.executemany(tables.sql(
            f"INSERT INTO {rows} ({columns}) VALUES ({tables.placeholders(6)}) "
            f"ON CONFLICT (id) DO UPDATE SET {updated}"),
            [(str(m.id), listed_at, m.scheduled_on.isoformat(), int(m.is_held),
              identifier_key(m.commune), meeting_to_json(m))
             for m, listed_at in changes.values()])


class MeetingReadModel:
    """The meetings list, caught up from the log before each read."""

    def __init__(self, app: ServiceApplication) -> None:
        self.projection = PersistedProjection(app, MeetingProjection(app))
        (self._rows,) = MeetingTables.of(self.projection.tables)

    def query(self, query: MeetingQuery) -> Page[MeetingSummary]:
        where, params = self._where(query)
        tables = self.projection.tables
        with self.projection.reading() as cursor:
            cursor.execute(tables.sql(
                f"SELECT COUNT(*) AS total FROM {self._rows} WHERE {where}"), params)
            total = int(cursor.fetchone()["total"])
            cursor.execute(tables.sql(
                f"SELECT summary FROM {self._rows} WHERE {where} "
                "ORDER BY scheduled_on DESC, listed_at DESC LIMIT ? OFFSET ?"),
                [*params, tables.integer(query.limit), tables.integer(query.offset)])
            items = [meeting_from_json(row["summary"]) for row in cursor.fetchall()]
        return Page(items, total, query.limit, query.offset)

    @staticmethod
    def _where(q: MeetingQuery) -> tuple[str, list[object]]:
        """The SQL condition of the list's filters and its parameters."""
        conditions: list[str] = []
        params: list[object] = []
        if q.held is not None:
            conditions.append("held = ?")
            params.append(int(q.held))
        if q.commune is not None:
            conditions.append("commune_key = ?")
            params.append(identifier_key(q.commune))
        if q.scheduled_from is not None:
            conditions.append("scheduled_on >= ?")
            params.append(q.scheduled_from.isoformat())
        if q.scheduled_to is not None:
            conditions.append("scheduled_on <= ?")
            params.append(q.scheduled_to.isoformat())
        return " AND ".join(conditions) or "1 = 1", params
