"""Where the review's facts are kept: noted in oversight's store, listed in its tables.

The consumers (decision 5) hand each integration event to the policy, which saves it as
one ``ReviewNote`` (one stored event: its CloudEvents id, type,
time and data), in the same transaction as the message's receipt and tracking record: a
redelivered message finds its receipt and notes nothing twice. The ``ReviewProjection``
(chassis.projection, its own tracking position written with its rows) turns each note into
its facts (``facts_of``) and lists them as rows of ``oversight_review_facts``, one per
fact, keyed by the fact's id. So the rows can always be written again from the log, and a
change of what a fact says is a new ``ReviewProjection.version``: its tables are rebuilt
from the notes already kept. ``FactTable`` is the SQL of those rows, shared by the
service's tables and the audit's scratch database.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import Notification
from eventsourcing.sqlite import SQLiteDatastore

from chassis.application import ServiceApplication
from chassis.projection import Cursor, PersistedProjection, ProjectionTables
from contracts import event_class_for_type
from oversight.review.facts import Fact, facts_of
from oversight.review.figure_kit import LOOKED_UP

COLUMNS = ("fact_id", "kind", "record_id", "record_kind", "href", "title", "occurred_on",
           "bodies", "unit", "attrs")


class ReviewNote(Aggregate):
    """One integration event, as the consumer applied it.

    Stored under ``oversight.review.store:ReviewNote``: never move or rename it
    (decision 2)."""

    @event("Noted")
    def __init__(self, *, cloudevent_id: str, digest: str, type: str,
                 time: str, data: dict[str, Any]) -> None:
        self.cloudevent_id = cloudevent_id
        self.digest = digest
        self.type = type
        self.time = time  # the CloudEvent's time, RFC 3339
        self.data = data  # as the contract's JSON

    @staticmethod
    def create_id(cloudevent_id: str, digest: str) -> UUID:
        """One note per message: from its CloudEvents id and what it says, as a receipt
        (``chassis.messaging.receipts``) is, so a re-publish finds the note there."""
        return uuid5(NAMESPACE_URL, f"phoihop:review-note:{cloudevent_id}:{digest}")

    def facts(self) -> list[Fact]:
        """What the noted event says, by the fact-builder of this version of the code."""
        event_class = event_class_for_type(self.type)
        if event_class is None:
            return []
        return facts_of(event_class.model_validate(self.data), event_id=self.cloudevent_id,
                        time=datetime.fromisoformat(self.time))


def fact_as_dict(fact: Fact) -> dict[str, Any]:
    return {"fact_id": fact.fact_id, "kind": fact.kind, "record_id": fact.record_id,
            "record_kind": fact.record_kind, "href": fact.href, "title": fact.title,
            "occurred_on": fact.occurred_on.isoformat(), "bodies": list(fact.bodies),
            "unit": fact.unit, "attrs": dict(fact.attrs)}


def fact_row(fact: dict[str, Any]) -> tuple[Any, ...]:
    return (fact["fact_id"], fact["kind"], fact["record_id"], fact["record_kind"],
            fact["href"], fact["title"], fact["occurred_on"], ",".join(fact["bodies"]),
            fact["unit"], json.dumps(fact["attrs"], sort_keys=True, ensure_ascii=False))


class FactTable:
    """The rows of the review's facts, in a service's tables or a scratch database."""

    def __init__(self, tables: ProjectionTables) -> None:
        self.tables = tables
        self.name = tables.table("review_facts")

    @classmethod
    def scratch(cls) -> FactTable:
        """In a private in-memory SQLite database (the audit's re-derivation)."""
        memory = SQLiteDatastore(f"file:review-{uuid.uuid4().hex}?mode=memory&cache=shared")
        table = cls(ProjectionTables(memory, "scratch_"))
        with table.tables.transaction(commit=True) as cursor:
            table.create(cursor)
        return table

    def create(self, cursor: Cursor) -> None:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {self.name} (fact_id TEXT PRIMARY KEY, "
                       "kind TEXT NOT NULL, record_id TEXT NOT NULL, record_kind TEXT NOT NULL, "
                       "href TEXT NOT NULL, title TEXT NOT NULL, occurred_on TEXT NOT NULL, "
                       "bodies TEXT NOT NULL, unit TEXT, attrs TEXT NOT NULL)")
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {self.name}_day ON {self.name} "
                       "(occurred_on)")

    def insert(self, cursor: Cursor, facts: Iterable[dict[str, Any]]) -> None:
        """Adds the facts; one already there (the same fact id) is left as it is."""
        cursor.executemany(self.tables.sql(
            f"INSERT INTO {self.name} ({', '.join(COLUMNS)}) VALUES "
            f"({self.tables.placeholders(len(COLUMNS))}) ON CONFLICT (fact_id) DO NOTHING"),
            [fact_row(f) for f in facts])

    def until(self, cursor: Cursor, end: date) -> list[Fact]:
        """Every fact that happened on or before ``end`` (the figures look back from it),
        and every fact a figure only looks up (a session's kind, planned on any day)."""
        cursor.execute(self.tables.sql(
            f"SELECT {', '.join(COLUMNS)} FROM {self.name} WHERE occurred_on <= ? "
            f"OR kind IN ({self.tables.placeholders(len(LOOKED_UP))})"),
            (end.isoformat(), *LOOKED_UP))
        return [Fact(fact_id=r["fact_id"], kind=r["kind"], record_id=r["record_id"],
                     record_kind=r["record_kind"], href=r["href"], title=r["title"],
                     occurred_on=date.fromisoformat(r["occurred_on"]),
                     bodies=tuple(b for b in r["bodies"].split(",") if b), unit=r["unit"],
                     attrs=json.loads(r["attrs"]))
                for r in cursor.fetchall()]

    def read_until(self, end: date) -> list[Fact]:
        with self.tables.transaction(commit=False) as cursor:
            return self.until(cursor, end)


class ReviewProjection:
    """Lists every ``ReviewNote``'s facts as rows, in notification order."""

    name = "oversight review facts"  # the tracking name: never change it
    # 2: social criticism, draft laws commented, two-way reports (oversight's new events).
    # 3: an answer's fact titled by who answered, not by the answer (unpublished answers).
    version = 3
    table_names = ("review_facts",)

    def __init__(self, app: ServiceApplication) -> None:
        self._app = app

    def create_tables(self, tables: ProjectionTables, cursor: Cursor) -> None:
        FactTable(tables).create(cursor)

    def prepare(self, notifications: Sequence[Notification]) -> list[dict[str, Any]]:
        facts: list[dict[str, Any]] = []
        for notification in notifications:
            if not notification.topic.endswith(":ReviewNote.Noted"):
                continue  # decoding every other event would cost the most here
            noted: Any = self._app.mapper.to_domain_event(notification)
            facts += [fact_as_dict(f) for f in noted.mutate(None).facts()]
        return facts

    def apply(self, tables: ProjectionTables, cursor: Cursor,
              changes: list[dict[str, Any]]) -> None:
        FactTable(tables).insert(cursor, changes)


class ReviewFacts:
    """The service's review facts, caught up with its log before each read."""

    def __init__(self, app: ServiceApplication) -> None:
        self.projection = PersistedProjection(app, ReviewProjection(app))
        self.table = FactTable(self.projection.tables)

    def until(self, end: date) -> list[Fact]:
        with self.projection.reading() as cursor:
            return self.table.until(cursor, end)
