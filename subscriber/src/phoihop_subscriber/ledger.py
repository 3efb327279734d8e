"""The subscriber's own bookkeeping, in its own SQLite database, beside its effects.

``phoihop_receipts`` holds one row per event applied: a handler's effect and its receipt are
committed in one transaction, so a crash before the commit leaves neither and one after it
leaves both, and a redelivered event finds its receipt and changes nothing.
``phoihop_dead_letters`` holds what could not be applied, for a person to look at.

A receipt is keyed on the CloudEvents id *and* a digest of what the event says (type,
subject, time, data), as phoihop's own consumers do: an id alone is the sender's word, and a
producer restored from a backup reuses ids for new events.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from contracts import ReceivedEvent

SCHEMA = """
create table if not exists phoihop_receipts (
    consumer text not null,
    event_id text not null,
    digest text not null,
    type text not null,
    applied_at text not null,
    primary key (consumer, event_id, digest)
);
create table if not exists phoihop_dead_letters (
    id integer primary key autoincrement,
    consumer text not null,
    stream_sequence integer not null,
    subject text not null,
    body blob not null,
    error text not null,
    attempts integer not null,
    parked_at text not null,
    status text not null default 'parked',
    unique (consumer, stream_sequence)
);
"""


@dataclass(frozen=True)
class DeadLetter:
    id: int
    consumer: str
    stream_sequence: int
    subject: str
    body: bytes
    error: str
    attempts: int
    status: str


def event_digest(event: ReceivedEvent) -> str:
    said = [event.type, event.subject, event.time.isoformat(), event.data.model_dump(mode="json")]
    return hashlib.sha256(json.dumps(said, sort_keys=True).encode()).hexdigest()


class Ledger:
    """One SQLite connection, used by one message at a time (the kit never runs two)."""

    def __init__(self, path: str | Path) -> None:
        # isolation_level=None: transactions are begun and ended here, explicitly.
        self.connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.connection.execute("pragma journal_mode=wal")
        self.connection.execute("pragma busy_timeout=5000")
        self.connection.executescript(SCHEMA)

    def close(self) -> None:
        self.connection.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any error."""
        self.connection.execute("begin immediate")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("rollback")
            raise
        self.connection.execute("commit")

    def applied(self, db: sqlite3.Connection, consumer: str, event: ReceivedEvent) -> bool:
        row = db.execute(
            "select 1 from phoihop_receipts where consumer = ? and event_id = ? and digest = ?",
            (consumer, event.id, event_digest(event)),
        ).fetchone()
        return row is not None

    def record_receipt(self, db: sqlite3.Connection, consumer: str, event: ReceivedEvent) -> None:
        db.execute(
            "insert into phoihop_receipts (consumer, event_id, digest, type, applied_at)"
            " values (?, ?, ?, ?, ?)",
            (consumer, event.id, event_digest(event), event.type, _now()),
        )

    def park(self, consumer: str, stream_sequence: int, subject: str, body: bytes, error: str,
             attempts: int) -> None:
        """Parks a message as a dead letter; parking the same delivery again changes nothing."""
        with self.transaction() as db:
            db.execute(
                "insert into phoihop_dead_letters (consumer, stream_sequence, subject, body,"
                " error, attempts, parked_at) values (?, ?, ?, ?, ?, ?, ?)"
                " on conflict (consumer, stream_sequence) do nothing",
                (consumer, stream_sequence, subject, body, error[:2000], attempts, _now()),
            )

    def dead_letters(self, status: str = "parked") -> list[DeadLetter]:
        rows = self.connection.execute(
            "select id, consumer, stream_sequence, subject, body, error, attempts, status"
            " from phoihop_dead_letters where status = ? order by id", (status,),
        ).fetchall()
        return [DeadLetter(*row) for row in rows]

    def mark(self, db: sqlite3.Connection, letter_id: int, status: str) -> None:
        db.execute("update phoihop_dead_letters set status = ? where id = ?", (status, letter_id))


def _now() -> str:
    return datetime.now(UTC).isoformat()
