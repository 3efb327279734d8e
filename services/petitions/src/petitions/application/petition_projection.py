"""The petitions read model's tables, written from the log (a ``chassis.projection``
``Projection``).

Tables, next to the events (``petitions_`` prefixed):
- ``petition_rows``: one row per petition: the list's filter columns (the unit also as
  its ``kernel.text.identifier_key``; the answer's date, for the on-time figures), its text folded
  (``kernel.text.fold``) and the whole ``PetitionSummary`` as JSON; ``listed_at`` is the
  notification id of its first event, so "newest first" is the order in which petitions
  entered the log;
- ``petition_similar``, ``petition_similar_keys``, ``petition_place_groups`` and
  ``petition_place_keys``: the similarity index (see ``kernel.similarity.stored``).

Rows are written from the aggregates' own events (``chassis.projection.changed_replicas``),
so a row is ``PetitionSummary.of`` the petition as of the projection's position.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple
from uuid import UUID

from eventsourcing.persistence import Notification

from chassis.application import ServiceApplication
from chassis.projection import Cursor, ProjectionTables, changed_replicas
from kernel.similarity.features import Features, extract
from kernel.similarity.stored import (
    content_keys,
    features_to_json,
    group_keys,
    place_signature,
    places_to_json,
)
from kernel.text import fold, identifier_key
from petitions.application.summaries import PetitionSummary, summary_to_json
from petitions.domain.petition import Petition

log = logging.getLogger(__name__)


class PetitionTables(NamedTuple):
    """The read model's table names in a store (PostgreSQL prefixes them)."""

    rows: str
    similar: str
    keys: str
    groups: str
    group_keys: str

    @classmethod
    def of(cls, tables: ProjectionTables) -> PetitionTables:
        return cls(*map(tables.table, PetitionProjection.table_names))


def communes_key(communes: Iterable[str]) -> str:
    """Folded communes between newlines: one commune is matched whole, never a part."""
    return "".join(f"\n{fold(commune)}" for commune in communes) + "\n"


@dataclass
class PetitionChanges:
    """What one batch of the log changes: rows (with the id of the notification that first
    listed them) and similarity entries (features to index, or None to take out)."""

    rows: dict[UUID, tuple[PetitionSummary, int]] = field(default_factory=dict)
    similar: dict[UUID, Features | None] = field(default_factory=dict)


class PetitionProjection:
    """The petitions list and similarity index, as a ``chassis.projection.Projection``."""

    name = "petitions read model"
    # 2: places no longer read from titles, offices, voters' names (similarity.features);
    # the stored features are extracted again from the log.
    # 3: the rows' unit (and its identifier key) and answer date, for the overdue lists per
    # unit and the on-time figures per agency (readmodel.timeliness).
    # 4: the rows' recording time, for lists by the time a petition was recorded (Open311).
    version = 4
    table_names = ("petition_rows", "petition_similar", "petition_similar_keys",
                   "petition_place_groups", "petition_place_keys")

    def __init__(self, app: ServiceApplication) -> None:
        self._app = app

    def create_tables(self, tables: ProjectionTables, cursor: Cursor) -> None:
        rows, similar, keys, groups, group_keys_ = PetitionTables.of(tables)
        for statement in (
            f"CREATE TABLE IF NOT EXISTS {rows} (id TEXT PRIMARY KEY, "
            "listed_at BIGINT NOT NULL, status TEXT NOT NULL, agency TEXT, field TEXT, "
            "level TEXT, due_date TEXT, communes TEXT NOT NULL, folded TEXT NOT NULL, "
            "summary TEXT NOT NULL, unit TEXT, unit_key TEXT, answered_on TEXT, "
            "recorded_at TEXT NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {rows}_listed_at ON {rows} (listed_at)",
            f"CREATE INDEX IF NOT EXISTS {rows}_recorded_at ON {rows} (recorded_at)",
            # The similarity index: each petition's features and its places' signature,
            f"CREATE TABLE IF NOT EXISTS {similar} (id TEXT PRIMARY KEY, "
            "places TEXT NOT NULL, features TEXT NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {similar}_places ON {similar} (places)",
            # the petitions by content token,
            f"CREATE TABLE IF NOT EXISTS {keys} (key TEXT NOT NULL, id TEXT NOT NULL, "
            "PRIMARY KEY (key, id))",
            f"CREATE INDEX IF NOT EXISTS {keys}_id ON {keys} (id)",
            # and the groups of places by place key (a group left empty finds nobody).
            f"CREATE TABLE IF NOT EXISTS {groups} (signature TEXT PRIMARY KEY, "
            "places TEXT NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {group_keys_} (key TEXT NOT NULL, "
            "signature TEXT NOT NULL, PRIMARY KEY (key, signature))",
        ):
            cursor.execute(statement)

    def prepare(self, notifications: Sequence[Notification]) -> PetitionChanges:
        changes = PetitionChanges()

        def index_similarity(domain_event: Any, petition: Petition) -> None:
            self._index_similarity(domain_event, petition, changes)

        replicas = changed_replicas(self._app, notifications, (Petition,), index_similarity)
        changes.rows = {pid: (PetitionSummary.of(replica.aggregate), replica.first_seen)
                        for pid, replica in replicas.items()}
        return changes

    @staticmethod
    def _index_similarity(domain_event: Petition.Event, petition: Petition,
                          changes: PetitionChanges) -> None:
        if isinstance(domain_event, Petition.MergedInto | Petition.Split):
            changes.similar[petition.id] = None
        elif isinstance(domain_event, Petition.Recorded | Petition.Consolidated
                        | Petition.Restored):
            try:
                changes.similar[petition.id] = extract(petition.text)
            except Exception:
                # Suggestions are an aid: a text the analysis cannot take must not stop
                # the list from following the log (its row is written all the same).
                log.exception("similarity index failed on petition %s", petition.id)

    def apply(self, tables: ProjectionTables, cursor: Cursor, changes: PetitionChanges) -> None:
        rows, similar, keys, groups, group_keys_ = PetitionTables.of(tables)
        columns = ("id, listed_at, status, agency, field, level, due_date, communes, folded, "
                   "summary, unit, unit_key, answered_on, recorded_at")
        updated = ", ".join(f"{c} = excluded.{c}" for c in columns.split(", ")[2:])
        cursor.executemany(tables.sql(
            f"INSERT INTO {rows} ({columns}) VALUES ({tables.placeholders(14)}) "
            f"ON CONFLICT (id) DO UPDATE SET {updated}"),
            [_row_values(summary, listed_at) for summary, listed_at in changes.rows.values()])
        if not changes.similar:
            return
        changed = [(str(petition_id),) for petition_id in changes.similar]
        cursor.executemany(tables.sql(f"DELETE FROM {keys} WHERE id = ?"), changed)
        cursor.executemany(tables.sql(f"DELETE FROM {similar} WHERE id = ?"), changed)
        indexed = [(str(pid), features) for pid, features in changes.similar.items()
                   if features is not None]
        cursor.executemany(
            tables.sql(f"INSERT INTO {similar} (id, places, features) VALUES (?, ?, ?)"),
            [(pid, place_signature(f.places), features_to_json(f)) for pid, f in indexed])
        cursor.executemany(tables.sql(f"INSERT INTO {keys} (key, id) VALUES (?, ?)"),
                           [(key, pid) for pid, f in indexed for key in content_keys(f)])
        placed = {place_signature(f.places): f.places for _, f in indexed if f.places}
        cursor.executemany(tables.sql(
            f"INSERT INTO {groups} (signature, places) VALUES (?, ?) "
            "ON CONFLICT (signature) DO NOTHING"),
            [(signature, places_to_json(places)) for signature, places in placed.items()])
        cursor.executemany(tables.sql(
            f"INSERT INTO {group_keys_} (key, signature) VALUES (?, ?) "
            "ON CONFLICT (key, signature) DO NOTHING"),
            [(key, signature) for signature, places in placed.items()
             for key in group_keys(places)])


def _row_values(summary: PetitionSummary, listed_at: int) -> tuple[object, ...]:
    return (str(summary.id), listed_at, summary.status.value,
            summary.agency.value if summary.agency else None,
            summary.field.value if summary.field else None,
            summary.level.value if summary.level else None,
            summary.due_date.isoformat() if summary.due_date else None,
            communes_key(summary.communes), fold(summary.text), summary_to_json(summary),
            summary.unit, identifier_key(summary.unit) if summary.unit else None,
            summary.answered_on.isoformat() if summary.answered_on else None,
            recorded_at_key(summary.recorded_at))


def recorded_at_key(moment: datetime) -> str:
    """A recording time as text that sorts as the time does: UTC, always with microseconds
    (``isoformat`` leaves them out when they are zero, which would break the order)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
