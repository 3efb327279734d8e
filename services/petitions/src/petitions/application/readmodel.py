"""The petitions list and similar-petition suggestions: a read model persisted in the
service's own database, kept by the chassis's projection mechanism (``chassis.projection``).

Tables, next to the events (``petitions_`` prefixed):
- ``petition_rows``: one row per petition: the list's filter columns, its text folded
  (lower case, no accents, "đ" as "d") and the whole ``PetitionSummary`` as JSON;
  ``listed_at`` is the notification id of its first event, so "newest first" is the
  order in which petitions entered the log, as the in-memory list had it;
- ``petition_similar``, ``petition_similar_keys``, ``petition_place_groups`` and
  ``petition_place_keys``: the similarity index (see ``petitions.similarity.stored``).

Text search: each word of the query, folded by ``fold``, must occur in the petition's
folded text: a substring test (``instr`` on SQLite, ``strpos`` on PostgreSQL), the matching
the in-memory list had. Neither engine's word index was chosen: SQLite FTS5's tokenizers
match whole tokens or prefixes (``unicode61``) or need three characters (``trigram``), and
``unicode61`` keeps "đ" apart from "d"; PostgreSQL's ``unaccent`` is an extension a
database may not have, and full-text search also matches whole lexemes. Folding in Python
with the one ``fold`` keeps SQLite, PostgreSQL and the query's folding the same, and a
scan of the folded column (about 200,000 petitions on the benchmarks' 1,000,000-event
store) takes tens of milliseconds. A trigram index (``pg_trgm``) is where to go if a
store grows far beyond that.

Rows are written from the aggregates' own events: each changed petition's replica is the
event applied to the replica before it (kept within a batch, else loaded from the
repository at the version before), so a row is ``PetitionSummary.of`` the petition as of
the projection's position.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Generic, TypeVar
from uuid import UUID

from eventsourcing.persistence import Notification

from chassis.application import ServiceApplication
from chassis.projection import Cursor, PersistedProjection, ProjectionTables
from contracts.vocabulary import Agency, JurisdictionLevel, PolicyField, ResolutionStatus
from petitions.domain.petition import Petition
from petitions.domain.values import PetitionStatus
from petitions.similarity import DEFAULT_THRESHOLD
from petitions.similarity.features import Features, extract
from petitions.similarity.stored import (
    compatible,
    content_keys,
    features_from_json,
    features_to_json,
    group_keys,
    place_lookup_keys,
    place_signature,
    places_from_json,
    places_to_json,
    similar_among,
)

log = logging.getLogger(__name__)
T = TypeVar("T")


def fold(text: str) -> str:
    """Lower case without accents, so "đường" matches "Duong" (tìm không dấu)."""
    return " ".join(word for word in map(_fold_word, text.split()) if word)


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    # Per word, and cached: every petition text is folded as the read model follows the log.
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class PetitionSummary:
    """One row of the petitions list, copied out of the read model."""

    id: UUID
    text: str
    status: PetitionStatus
    communes: list[str]
    meeting_count: int
    source_count: int
    merged_into: UUID | None
    field: PolicyField | None
    level: JurisdictionLevel | None
    agency: Agency | None
    unit: str | None
    forwarded_on: date | None
    due_date: date | None
    answered_on: date | None
    published_on: date | None
    resolution: ResolutionStatus | None
    recorded_at: datetime
    updated_at: datetime
    version: int

    def is_overdue(self, today: date) -> bool:
        return (self.status == PetitionStatus.FORWARDED and self.due_date is not None
                and self.due_date < today)

    @classmethod
    def of(cls, petition: Petition) -> PetitionSummary:
        c, f, a, r = (petition.classification, petition.forwarding, petition.answer,
                      petition.resolution)
        return cls(
            id=petition.id, text=petition.text, status=petition.status,
            communes=petition.communes, meeting_count=len(petition.meeting_ids),
            source_count=len(petition.sources), merged_into=petition.merged_into,
            field=c.field if c else None, level=c.level if c else None,
            agency=c.agency if c else None, unit=c.unit if c else None,
            forwarded_on=f.forwarded_on if f else None,
            due_date=f.deadline.due_date if f else None,
            answered_on=a.answered_on if a else None, published_on=petition.published_on,
            resolution=r.status if r else None, recorded_at=petition.created_on,
            updated_at=petition.modified_on, version=petition.version,
        )


@dataclass(frozen=True)
class PetitionQuery:
    """Filters of the petitions list; ``None`` means any. Without a status, petitions
    merged into another or withdrawn are left out (their carrier is listed instead)."""

    status: PetitionStatus | None = None
    agency: Agency | None = None
    field: PolicyField | None = None
    level: JurisdictionLevel | None = None
    commune: str | None = None
    overdue: bool | None = None
    text: str | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


HIDDEN_BY_DEFAULT = frozenset({PetitionStatus.CONSOLIDATED, PetitionStatus.WITHDRAWN})




def summary_to_json(summary: PetitionSummary) -> str:
    plain = {f.name: getattr(summary, f.name) for f in fields(summary)}
    return json.dumps(plain, default=_plain, ensure_ascii=False, separators=(",", ":"))


def _plain(value: object) -> str:
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a petition row")


def summary_from_json(text: str) -> PetitionSummary:
    row = json.loads(text)

    def optional(kind: Any, name: str) -> Any:
        return None if row[name] is None else kind(row[name])

    return PetitionSummary(
        id=UUID(row["id"]), text=row["text"], status=PetitionStatus(row["status"]),
        communes=row["communes"], meeting_count=row["meeting_count"],
        source_count=row["source_count"], merged_into=optional(UUID, "merged_into"),
        field=optional(PolicyField, "field"), level=optional(JurisdictionLevel, "level"),
        agency=optional(Agency, "agency"), unit=row["unit"],
        forwarded_on=optional(date.fromisoformat, "forwarded_on"),
        due_date=optional(date.fromisoformat, "due_date"),
        answered_on=optional(date.fromisoformat, "answered_on"),
        published_on=optional(date.fromisoformat, "published_on"),
        resolution=optional(ResolutionStatus, "resolution"),
        recorded_at=datetime.fromisoformat(row["recorded_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]), version=row["version"],
    )


def _communes_key(communes: Iterable[str]) -> str:
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

    def __init__(self, app: ServiceApplication) -> None:
        self._app = app

    def create_tables(self, tables: ProjectionTables, cursor: Cursor) -> None:
        rows, similar, keys, groups, group_keys_ = _tables(tables)
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
        changes = PetitionChanges()
        replicas: dict[UUID, Petition] = {}
        listed_at: dict[UUID, int] = {}  # the first notification of each in this batch
        for notification in notifications:
            domain_event = self._app.mapper.to_domain_event(notification)
            if not isinstance(domain_event, Petition.Event):
                continue
            petition_id = domain_event.originator_id
            before = replicas.get(petition_id)
            if before is None and domain_event.originator_version > 1:
                before = self._app.repository.get(
                    petition_id, version=domain_event.originator_version - 1)
            replica = domain_event.mutate(before)
            assert isinstance(replica, Petition)
            replicas[petition_id] = replica
            listed_at.setdefault(petition_id, notification.id)
            self._index_similarity(domain_event, replica, changes)
        changes.rows = {pid: (PetitionSummary.of(replica), listed_at[pid])
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
        rows, similar, keys, groups, group_keys_ = _tables(tables)
        columns = "id, listed_at, status, agency, field, level, due_date, communes, folded, summary"
        updated = ", ".join(f"{c} = excluded.{c}" for c in columns.split(", ")[2:])
        cursor.executemany(tables.sql(
            f"INSERT INTO {rows} ({columns}) VALUES ({tables.placeholders(10)}) "
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


def _tables(tables: ProjectionTables) -> tuple[str, str, str, str, str]:
    rows, similar, keys, groups, group_keys_ = (tables.table(name) for name in (
        "petition_rows", "petition_similar", "petition_similar_keys", "petition_place_groups",
        "petition_place_keys"))
    return rows, similar, keys, groups, group_keys_


def _row_values(summary: PetitionSummary, listed_at: int) -> tuple[object, ...]:
    return (str(summary.id), listed_at, summary.status.value,
            summary.agency.value if summary.agency else None,
            summary.field.value if summary.field else None,
            summary.level.value if summary.level else None,
            summary.due_date.isoformat() if summary.due_date else None,
            _communes_key(summary.communes), fold(summary.text), summary_to_json(summary))


class PetitionReadModel:
    """Summaries and similarity of all petitions, caught up from the log before each read."""

    def __init__(self, app: ServiceApplication, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self.projection = PersistedProjection(app, PetitionProjection(app))
        (self._rows, self._similar, self._keys, self._groups,
         self._group_keys) = _tables(self.projection.tables)

    def warm_up(self) -> None:
        """Catches up with the log before the first query needs it (see ``readiness``)."""
        self.projection.warm_up()

    def readiness(self) -> str | None:
        """None once caught up at start; otherwise how far it has got (for ``/readyz``)."""
        return self.projection.readiness()

    def query(self, query: PetitionQuery, today: date) -> Page[PetitionSummary]:
        where, params = self._where(query, today)
        sql = self.projection.tables.sql
        with self.projection.reading() as cursor:
            cursor.execute(sql(f"SELECT COUNT(*) AS total FROM {self._rows} WHERE {where}"),
                           params)
            total = int(cursor.fetchone()["total"])
            cursor.execute(sql(f"SELECT summary FROM {self._rows} WHERE {where} "
                               "ORDER BY listed_at DESC LIMIT ? OFFSET ?"),
                           [*params, query.limit, query.offset])
            items = [summary_from_json(row["summary"]) for row in cursor.fetchall()]
        return Page(items, total, query.limit, query.offset)

    def similar(
        self, text: str, limit: int, exclude: tuple[UUID, ...] = ()
    ) -> list[tuple[PetitionSummary, float]]:
        """Active petitions worded like ``text``, best first."""
        query = extract(text)
        content, lookup = content_keys(query), place_lookup_keys(query, self.threshold)
        if not content:
            return []
        tables = self.projection.tables
        sharing = (f"SELECT id FROM {self._keys} WHERE key IN "
                   f"({tables.placeholders(len(content))})")
        with self.projection.reading() as cursor:
            if lookup is None:
                cursor.execute(tables.sql(f"SELECT s.id, s.features FROM {self._similar} s "
                                          f"WHERE s.id IN ({sharing})"), content)
            else:
                cursor.execute(tables.sql(
                    f"SELECT signature, places FROM {self._groups} WHERE signature IN "
                    f"(SELECT signature FROM {self._group_keys} WHERE key IN "
                    f"({tables.placeholders(len(lookup))}))"), lookup)
                groups = [(row["signature"], places_from_json(row["places"]))
                          for row in cursor.fetchall()]
                signatures = ["", *compatible(query, groups, self.threshold)]  # "": no place
                cursor.execute(tables.sql(
                    f"SELECT s.id, s.features FROM {self._similar} s WHERE s.places IN "
                    f"({tables.placeholders(len(signatures))}) AND EXISTS (SELECT 1 FROM "
                    f"{self._keys} k WHERE k.id = s.id AND k.key IN "
                    f"({tables.placeholders(len(content))}))"), [*signatures, *content])
            candidates = [(row["id"], features_from_json(row["features"]))
                          for row in cursor.fetchall()]
            found = similar_among(candidates, text, threshold=self.threshold, limit=limit,
                                  exclude=tuple(map(str, exclude)))
            if not found:
                return []
            cursor.execute(tables.sql(
                f"SELECT summary FROM {self._rows} WHERE id IN "
                f"({tables.placeholders(len(found))})"), [pid for pid, _ in found])
            rows = {row.id: row for row in map(summary_from_json,
                                               (r["summary"] for r in cursor.fetchall()))}
        return [(rows[UUID(pid)], score) for pid, score in found]

    @staticmethod
    def _where(q: PetitionQuery, today: date) -> tuple[str, list[object]]:
        """The SQL condition of the list's filters and its parameters."""
        conditions: list[str] = []
        params: list[object] = []
        if q.status is None:
            conditions.append("status NOT IN (?, ?)")
            params += sorted(status.value for status in HIDDEN_BY_DEFAULT)
        wanted = [("status", q.status), ("agency", q.agency), ("field", q.field),
                  ("level", q.level)]
        for column, value in wanted:
            if value is not None:
                conditions.append(f"{column} = ?")
                params.append(value.value)
        if q.commune is not None:
            conditions.append("instr(communes, ?) > 0")
            params.append(f"\n{fold(q.commune)}\n")
        if q.overdue is not None:
            overdue = "(status = ? AND due_date IS NOT NULL AND due_date < ?)"
            conditions.append(overdue if q.overdue else f"NOT {overdue}")
            params += [PetitionStatus.FORWARDED.value, today.isoformat()]
        for word in fold(q.text or "").split():
            conditions.append("instr(folded, ?) > 0")
            params.append(word)
        return " AND ".join(conditions) or "1 = 1", params
