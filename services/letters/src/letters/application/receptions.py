"""Citizen reception days: their read model (one row per reception day held, kept by a
``chassis.projection`` projection in the letters database) and the missed obligations
computed from it.

Who is watched: the chair of the provincial UBND and the HĐND Standing Committee, from the
first reception day the service recorded; each commune's chair and each deputy from their
own first one (the service knows them from what it records: a commune that never recorded
a reception day is not known to it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eventsourcing.persistence import Notification

from chassis.application import ServiceApplication
from chassis.projection import Cursor, PersistedProjection, ProjectionTables
from kernel.rulebook import Rulebook
from kernel.text import identifier_key
from letters.domain.reception import (
    Holder,
    Missed,
    Receiver,
    ReceptionHeld,
    missed_receptions,
)

PROVINCE_HOLDERS = (Holder(Receiver.UBND_CHAIR_PROVINCE),
                    Holder(Receiver.HDND_STANDING_COMMITTEE))


@dataclass(frozen=True)
class ReceptionRow:
    """A reception day as listed."""

    id: str
    holder: Holder
    held_on: date
    online: bool
    citizens: int
    letters: int


@dataclass
class ReceptionChanges:
    rows: list[tuple[Any, ...]] = field(default_factory=list)


class ReceptionsProjection:
    name = "reception records"
    version = 1
    table_names = ("reception_records",)

    def __init__(self, app: ServiceApplication) -> None:
        self._app = app

    def create_tables(self, tables: ProjectionTables, cursor: Cursor) -> None:
        records = tables.table("reception_records")
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {records} (id TEXT PRIMARY KEY, "
                       "listed_at BIGINT NOT NULL, receiver TEXT NOT NULL, holder TEXT, "
                       "held_on TEXT NOT NULL, online INTEGER NOT NULL, "
                       "citizens INTEGER NOT NULL, letters INTEGER NOT NULL)")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {records}_held ON {records} (held_on)")

    def prepare(self, notifications: Sequence[Notification]) -> ReceptionChanges:
        changes = ReceptionChanges()
        for notification in notifications:
            if notification.originator_version != 1 or "ReceptionHeld" not in notification.topic:
                continue
            event: Any = self._app.mapper.to_domain_event(notification)
            if isinstance(event, ReceptionHeld):
                changes.rows.append((
                    str(notification.originator_id), notification.id, event.receiver,
                    event.holder, event.held_on.isoformat(), int(event.online),
                    event.citizens, len(event.letter_ids)))
        return changes

    def apply(self, tables: ProjectionTables, cursor: Cursor, changes: ReceptionChanges) -> None:
        records = tables.table("reception_records")
        cursor.executemany(tables.sql(
            f"INSERT INTO {records} (id, listed_at, receiver, holder, held_on, online, "
            "citizens, letters) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"),
            changes.rows)


class ReceptionBook:
    """The reception days held, caught up from the log before each read."""

    def __init__(self, app: ServiceApplication, rulebook: Rulebook) -> None:
        self.rulebook = rulebook
        self.projection = PersistedProjection(app, ReceptionsProjection(app))
        self._records = self.projection.tables.table("reception_records")

    def rows(self, *, receiver: Receiver | None = None, holder: str | None = None,
             since: date | None = None, until: date | None = None) -> list[ReceptionRow]:
        """Reception days, the latest held first."""
        with self.projection.reading() as cursor:
            cursor.execute(f"SELECT id, receiver, holder, held_on, online, citizens, letters "
                           f"FROM {self._records} ORDER BY held_on DESC, listed_at DESC")
            found = [ReceptionRow(row["id"], Holder(Receiver(row["receiver"]), row["holder"]),
                                  date.fromisoformat(row["held_on"]), bool(row["online"]),
                                  int(row["citizens"]), int(row["letters"]))
                     for row in cursor.fetchall()]
        return [row for row in found
                if (receiver is None or row.holder.receiver is receiver)
                and (holder is None or row.holder.key == identifier_key(holder))
                and (since is None or row.held_on >= since)
                and (until is None or row.held_on <= until)]

    def missed(self, *, until: date, since: date | None = None) -> list[Missed]:
        """The periods ended by ``until`` in which a watched holder held too few days
        (those starting on or after ``since``, when given)."""
        held = [(row.holder, row.held_on) for row in self.rows()]
        if not held:
            return []
        first_day: dict[Holder, date] = {}
        for holder, day in held:
            first_day[holder] = min(day, first_day.get(holder, day))
        start = min(first_day.values())
        watched = {holder: start for holder in PROVINCE_HOLDERS}
        watched |= {h: d for h, d in first_day.items() if h.receiver.names_holder}
        found = missed_receptions(self.rulebook, watched.items(), held, until=until)
        return [m for m in found if since is None or m.period_start >= since]
