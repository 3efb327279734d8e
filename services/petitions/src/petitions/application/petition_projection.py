"""The petitions read model's tables, written from the log (a ``chassis.projection``
``Projection``).

Tables, next to the events (``petitions_`` prefixed):
- ``petition_rows``: one row per petition: the list's filter columns, its text folded
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
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from uuid import UUID

from eventsourcing.persistence import Notification

from chassis.application import ServiceApplication
from chassis.projection import Cursor, ProjectionTables, changed_replicas
from kernel.similarity.features import Features, extract
from kernel.similarity.index import Places
from kernel.similarity.stored import (
    GroupTokens,
    content_keys,
    features_to_json,
    group_keys,
    place_signature,
    places_to_json,
)
from kernel.text import fold
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
    first: int = 0  # the notifications' ids, first and last (for ``HeldGroups``)
    last: int = 0


# (group, content key) pairs held in process at most (about 70 bytes each); a store whose
# petitions name so many different places is searched in its tables alone.
MAX_HELD_ENTRIES = 500_000
# Petitions this process indexed last, remembered with their group and keys: a query that
# excludes one (the petition just recorded, in ``POST /petitions``) discounts it.
RECENT = 1024


class HeldGroups:
    """The similarity index's groups and their content keys (``GroupTokens``) held in this
    process, and up to where of the log they are complete.

    Filled from the tables (``load``), then kept by each step this process applies. They
    stand for the tables only while complete up to the projection's position: a step this
    process did not apply (another process moved the position, or a notification id was
    skipped: PostgreSQL's sequences leave gaps) makes them stale until the next load, and
    the query reads the tables meanwhile. Thread-safe."""

    def __init__(self, max_entries: int = MAX_HELD_ENTRIES) -> None:
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._groups = GroupTokens()
        self._through: int | None = None  # complete up to this notification id; None: not
        self._applied: list[tuple[int, int]] = []  # steps applied while loading
        self._recent: OrderedDict[str, tuple[str, list[str]]] = OrderedDict()
        self._loading = False
        self.given_up = False  # too large to hold: the tables alone are searched

    def applied(self, first: int, last: int,
                indexed: Iterable[tuple[str, str, Places, list[str]]]) -> None:
        """A step applied the notifications ``first``..``last``, indexing these petitions
        (id, their group's signature, its places, their content keys)."""
        with self._lock:
            if self.given_up:
                return
            for petition_id, signature, places, keys in indexed:
                self._groups.add(signature, places, dict.fromkeys(keys, 1))
                self._recent[petition_id] = (signature, keys)
                self._recent.move_to_end(petition_id)
                if len(self._recent) > RECENT:
                    self._recent.popitem(last=False)
            if self._groups.entries > self.max_entries:
                self._give_up()
            elif self._through is not None and first <= self._through + 1:
                self._through = max(self._through, last)
            else:  # not loaded, or a gap: the next load covers it; one under way is told
                self._through = None
                if self._loading:
                    self._applied.append((first, last))

    def searched(self, query: Features, threshold: float, position: int,
                 exclude: Collection[str] = ()) -> tuple[bool, list[str] | None]:
        """``(True, GroupTokens.searched)`` when complete up to ``position``; else
        ``(False, None)``: the tables must be asked."""
        with self._lock:
            if self._through is not None and self._through < position:
                self._through = None  # a step not applied here (each is told before its
                # position moves): stale until loaded again
            if self._through is None:
                return False, None
            excluded = [self._recent[pid] for pid in exclude if pid in self._recent]
            return True, self._groups.searched(query, threshold, excluded)

    def should_load(self) -> bool:
        """Whether a load is needed now; if so, the caller loads (one load at a time)."""
        with self._lock:
            if self._loading or self.given_up or self._through is not None:
                return False
            self._loading = True
            return True

    def load(self, read: Callable[[], tuple[int, GroupTokens | None]]) -> None:
        """Fills them with ``read()``: a position read first, then the groups and keys
        the tables hold (as of that position or later: a superset); None when too many."""
        try:
            position, loaded = read()
        except Exception:
            with self._lock:
                self._loading = False
            raise
        with self._lock:
            self._loading = False
            if loaded is None:
                self._give_up()
                return
            self._groups.merge(loaded)
            if self._groups.entries > self.max_entries:
                self._give_up()
                return
            through = position
            pending = []
            for first, last in sorted(self._applied):
                if first <= through + 1:
                    through = max(through, last)
                else:
                    pending.append((first, last))
            self._applied = pending
            self._through = None if pending else through

    def _give_up(self) -> None:
        log.warning("similarity groups: more than %d (group, key) pairs; suggestions read "
                    "the tables alone", self.max_entries)
        self.given_up = True
        self._groups = GroupTokens()
        self._through = None
        self._applied = []


class PetitionProjection:
    """The petitions list and similarity index, as a ``chassis.projection.Projection``."""

    name = "petitions read model"
    # 2: places no longer read from titles, offices, voters' names (similarity.features);
    # the stored features are extracted again from the log.
    version = 2
    table_names = ("petition_rows", "petition_similar", "petition_similar_keys",
                   "petition_place_groups", "petition_place_keys")

    def __init__(self, app: ServiceApplication, held: HeldGroups | None = None) -> None:
        self._app = app
        self.held = held or HeldGroups()

    def create_tables(self, tables: ProjectionTables, cursor: Cursor) -> None:
        rows, similar, keys, groups, group_keys_ = PetitionTables.of(tables)
        for statement in (
            f"CREATE TABLE IF NOT EXISTS {rows} (id TEXT PRIMARY KEY, "
            "listed_at BIGINT NOT NULL, status TEXT NOT NULL, agency TEXT, field TEXT, "
            "level TEXT, due_date TEXT, communes TEXT NOT NULL, folded TEXT NOT NULL, "
            "summary TEXT NOT NULL)",
            f"CREATE INDEX IF NOT EXISTS {rows}_listed_at ON {rows} (listed_at)",
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
        changes = PetitionChanges(first=notifications[0].id, last=notifications[-1].id)

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
        rows = PetitionTables.of(tables).rows
        columns = "id, listed_at, status, agency, field, level, due_date, communes, folded, summary"
        updated = ", ".join(f"{c} = excluded.{c}" for c in columns.split(", ")[2:])
        cursor.executemany(tables.sql(
            f"INSERT INTO {rows} ({columns}) VALUES ({tables.placeholders(10)}) "
            f"ON CONFLICT (id) DO UPDATE SET {updated}"),
            [_row_values(summary, listed_at) for summary, listed_at in changes.rows.values()])
        if changes.similar:
            self._apply_similar(tables, cursor, changes)
        # Told inside the transaction: should it fail, they hold a little more than the
        # tables (a superset), and the step is applied again.
        self.held.applied(changes.first, changes.last, (
            (str(pid), place_signature(f.places), f.places, content_keys(f))
            for pid, f in changes.similar.items() if f is not None))

    @staticmethod
    def _apply_similar(tables: ProjectionTables, cursor: Cursor,
                       changes: PetitionChanges) -> None:
        _rows, similar, keys, groups, group_keys_ = PetitionTables.of(tables)
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
            communes_key(summary.communes), fold(summary.text), summary_to_json(summary))
