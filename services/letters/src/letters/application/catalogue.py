"""The service's read model: one row per letter (its place in the log, its version and
the summary repeats are compared by), kept in the letters database by a
``chassis.projection`` projection; and the similarity index over those summaries.

The lists need the letters themselves (a province receives a few thousand a year), so
they read the rows and take each letter from a cache of replicas, loading from the
repository only a letter whose stored version the cache does not hold.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification

from chassis.application import ServiceApplication
from chassis.projection import Cursor, PersistedProjection, ProjectionTables
from kernel.similarity import DEFAULT_THRESHOLD, SimilarityIndex
from letters.domain.letter import Letter
from letters.domain.letter_events import Received

Created = tuple[str, int, int, str]  # id, listed_at, version, summary

# The words naming a letter's kind, with and without diacritics. The kind is a field of its
# own; left in the text, "khiếu nại" is a full-weight topic of the petitions' lexicon
# (~resolve_dispute) that every complaint shares, and made any two complaints whose
# matter has few words "repeats" ("Khiếu nại quyết định xử phạt vi phạm hành chính" and
# "Khiếu nại quyết định giải quyết tranh chấp đất đai" scored 0.79).
KIND_WORDS = re.compile(r"\b(?:khiếu\s+nại|tố\s+cáo|kiến\s+nghị|phản\s+ánh|khieu\s+nai|"
                        r"to\s+cao|kien\s+nghi|phan\s+anh)\b", re.IGNORECASE)


def matter_of(summary: str) -> str:
    """What a letter is about, as compared for repeats: its summary without the words
    naming its kind."""
    return KIND_WORDS.sub(" ", unicodedata.normalize("NFC", summary))


@dataclass
class LetterChanges:
    created: list[Created] = field(default_factory=list)
    versions: dict[str, int] = field(default_factory=dict)


class LettersProjection:
    name = "letters records"
    version = 1
    table_names = ("letter_records",)

    def __init__(self, app: ServiceApplication) -> None:
        self._app = app

    def create_tables(self, tables: ProjectionTables, cursor: Cursor) -> None:
        records = tables.table("letter_records")
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {records} (id TEXT PRIMARY KEY, "
                       "listed_at BIGINT NOT NULL, version BIGINT NOT NULL, "
                       "summary TEXT NOT NULL)")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {records}_listed ON {records} (listed_at)")

    def prepare(self, notifications: Sequence[Notification]) -> LetterChanges:
        changes = LetterChanges()
        for notification in notifications:
            record_id = str(notification.originator_id)
            changes.versions[record_id] = notification.originator_version
            if notification.originator_version == 1:
                event: Any = self._app.mapper.to_domain_event(notification)
                if isinstance(event, Received):
                    changes.created.append((record_id, notification.id, 1, event.summary))
        return changes

    def apply(self, tables: ProjectionTables, cursor: Cursor, changes: LetterChanges) -> None:
        records = tables.table("letter_records")
        cursor.executemany(tables.sql(
            f"INSERT INTO {records} (id, listed_at, version, summary) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING"), changes.created)
        cursor.executemany(tables.sql(f"UPDATE {records} SET version = ? WHERE id = ?"),
                           [(v, rid) for rid, v in changes.versions.items()])


class Catalogue:
    """Every letter, caught up from the log before each read; and similar letters."""

    def __init__(self, app: ServiceApplication) -> None:
        self._app = app
        self.projection = PersistedProjection(app, LettersProjection(app))
        self._records = self.projection.tables.table("letter_records")
        self._replicas: dict[UUID, Letter] = {}
        self._lock = threading.Lock()
        self._index = SimilarityIndex(threshold=DEFAULT_THRESHOLD)  # one lock around it

    def versions(self) -> list[tuple[UUID, int]]:
        with self.projection.reading() as cursor:
            cursor.execute(f"SELECT id, version FROM {self._records} ORDER BY listed_at")
            return [(UUID(row["id"]), int(row["version"])) for row in cursor.fetchall()]

    def rows(self) -> dict[UUID, tuple[int, str]]:
        """Every row: the letter's version and summary, by id (for the audit)."""
        with self.projection.reading() as cursor:
            cursor.execute(f"SELECT id, version, summary FROM {self._records}")
            return {UUID(row["id"]): (int(row["version"]), row["summary"])
                    for row in cursor.fetchall()}

    def ids(self) -> set[UUID]:
        return {record_id for record_id, _ in self.versions()}

    def all(self) -> list[Letter]:
        """Every letter in the order received by the service (shared replicas: read only)."""
        found: list[Letter] = []
        for record_id, version in self.versions():
            with self._lock:
                replica = self._replicas.get(record_id)
            if replica is None or replica.version < version:
                loaded: Any = self._app.repository.get(record_id, version=version)
                replica = loaded
                with self._lock:
                    self._replicas[record_id] = loaded
            assert replica is not None
            found.append(replica)
        return found

    def similar(self, text: str, limit: int = 5) -> list[tuple[UUID, float]]:
        """Earlier letters on the same matter, best first (kernel.similarity, over
        ``matter_of`` each summary)."""
        text = matter_of(text)
        SimilarityIndex.prepare(text)
        with self.projection.reading() as cursor:
            cursor.execute(f"SELECT id, summary FROM {self._records}")
            rows = [(row["id"], row["summary"]) for row in cursor.fetchall()]
        with self._lock:
            for record_id, summary in rows:
                if record_id not in self._index:
                    self._index.add(record_id, matter_of(summary))
            found = self._index.similar(text, limit)
        return [(UUID(record_id), score) for record_id, score in found]
