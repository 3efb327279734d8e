"""A persisted projection on SQLite and PostgreSQL: rows and tracking position in one
transaction, resume after a restart without re-reading, read-your-writes, progress."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import Notification
from prometheus_client import REGISTRY

from chassis.application import ServiceApplication
from chassis.projection import BATCH, Cursor, PersistedProjection, ProjectionTables
from chassis.stores import postgres_environment


class Tally(Aggregate):
    @event("Created")
    def __init__(self, label: str) -> None:
        self.label = label

    @event("Counted")
    def count(self) -> None:
        pass


class Tallies(ServiceApplication):
    pass


class EventsPerTally:
    """A projection counting each tally's events; fails on a chosen label, to show that
    a failed step leaves neither rows nor position behind."""

    name = "events per tally"
    version = 1
    table_names = ("tally_counts",)

    def __init__(self, app: ServiceApplication) -> None:
        self._app = app
        self.fail_on: str | None = None
        self.unpreparable: set[UUID] = set()  # tallies whose events prepare refuses

    def create_tables(self, tables: ProjectionTables, cursor: Cursor) -> None:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {tables.table('tally_counts')} "
                       "(id TEXT PRIMARY KEY, events BIGINT NOT NULL)")

    def prepare(self, notifications: Sequence[Notification]) -> Counter[UUID]:
        if any(n.originator_id in self.unpreparable for n in notifications):
            raise OverflowError("date value out of range")
        return Counter(n.originator_id for n in notifications)

    def apply(self, tables: ProjectionTables, cursor: Cursor, changes: Counter[UUID]) -> None:
        counts = tables.table("tally_counts")
        for tally_id, events in changes.items():
            cursor.execute(tables.sql(
                f"INSERT INTO {counts} (id, events) VALUES (?, ?) ON CONFLICT (id) "
                f"DO UPDATE SET events = {counts}.events + excluded.events"),
                (str(tally_id), events))
            if self.fail_on is not None and str(tally_id) == self.fail_on:
                raise RuntimeError("crash between the rows and the position")


@pytest.fixture(params=["sqlite", "postgres"])
def store_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    if request.param == "sqlite":
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(tmp_path / "tallies.db")}
    dsn = request.getfixturevalue("fresh_postgres_dsn")
    return postgres_environment(dsn, "Tallies")


@pytest.fixture
def app(store_env: dict[str, str]) -> Iterator[Tallies]:
    tallies = Tallies(store_env)
    yield tallies
    tallies.close()


def counts(projection: PersistedProjection[Any]) -> dict[str, int]:
    counts_table = projection.tables.table("tally_counts")
    with projection.reading() as cursor:
        cursor.execute(f"SELECT id, events FROM {counts_table}")
        return {row["id"]: int(row["events"]) for row in cursor.fetchall()}


def stored_position(projection: PersistedProjection[Any]) -> int:
    with projection.tables.transaction(commit=False) as cursor:
        cursor.execute(projection.tables.sql(
            f"SELECT position FROM {projection.tables.table('projection_positions')} "
            "WHERE name = ?"), (projection.projection.name,))
        return int(cursor.fetchone()["position"])


def save_tallies(app: Tallies, how_many: int, counted: int = 1) -> list[Tally]:
    tallies = [Tally(f"t{n}") for n in range(how_many)]
    for tally in tallies:
        for _ in range(counted):
            tally.count()
    app.save(*tallies)
    return tallies


def test_reads_see_their_own_writes(app: Tallies) -> None:
    projection = PersistedProjection(app, EventsPerTally(app))
    assert counts(projection) == {}
    first = save_tallies(app, 1, counted=2)[0]
    assert counts(projection) == {str(first.id): 3}
    first.count()
    app.save(first)
    assert counts(projection) == {str(first.id): 4}


def test_a_restart_resumes_at_the_stored_position_without_re_reading(
    store_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = Tallies(store_env)
    tallies = save_tallies(before, BATCH + 10)  # more than one batch
    projection = PersistedProjection(before, EventsPerTally(before))
    projection.catch_up()
    assert projection.position == 2 * (BATCH + 10)
    before.close()

    after = Tallies(store_env)
    starts: list[int] = []
    select = after.recorder.select_notifications

    def watched(start: int, *args: Any, **kwargs: Any) -> Any:
        starts.append(start)
        return select(start, *args, **kwargs)

    monkeypatch.setattr(after.recorder, "select_notifications", watched)
    resumed = PersistedProjection(after, EventsPerTally(after))
    assert resumed.position == 2 * (BATCH + 10)
    resumed.warm_up()
    assert starts == []  # caught up already: the log is not read at all
    tallies[0].count()
    after.save(tallies[0])
    found = counts(resumed)
    assert starts == [2 * (BATCH + 10)]  # only what came after the stored position
    assert found[str(tallies[0].id)] == 3
    assert sum(found.values()) == 2 * (BATCH + 10) + 1
    after.close()


def test_a_failed_step_leaves_neither_rows_nor_position(app: Tallies) -> None:
    kept = EventsPerTally(app)
    projection = PersistedProjection(app, kept)
    tallies = save_tallies(app, 3)
    kept.fail_on = str(tallies[2].id)  # after the rows of the first two were written
    with pytest.raises(RuntimeError):
        projection.catch_up()
    assert stored_position(projection) == 0
    kept.fail_on = None
    assert counts(projection) == {str(t.id): 2 for t in tallies}  # each applied once
    assert stored_position(projection) == 6


def test_an_event_that_cannot_be_prepared_is_skipped_counted_and_the_rest_applied(
    app: Tallies, caplog: pytest.LogCaptureFixture
) -> None:
    kept = EventsPerTally(app)
    projection = PersistedProjection(app, kept)
    tallies = save_tallies(app, 5)
    kept.unpreparable = {tallies[1].id}
    skipped_before = skipped_events()

    with caplog.at_level(logging.ERROR):
        seen = counts(projection)

    assert seen == {str(t.id): 2 for t in tallies if t is not tallies[1]}
    assert stored_position(projection) == 10
    assert skipped_events() - skipped_before == 2  # its two events, each logged
    assert "cannot be projected" in caplog.text


def skipped_events() -> float:
    return REGISTRY.get_sample_value("phoihop_projection_events_skipped_total",
                                     {"projection": "events per tally"}) or 0.0


def test_two_processes_on_one_store_never_apply_an_event_twice(store_env: dict[str, str]) -> None:
    """``phoihop audit`` opens the store of a running service: both may catch up."""
    one, other = Tallies(store_env), Tallies(store_env)
    first = PersistedProjection(one, EventsPerTally(one))
    second = PersistedProjection(other, EventsPerTally(other))
    tallies = save_tallies(one, 4)
    first.catch_up()
    save_tallies(one, 2)
    assert sum(counts(second).values()) == 12  # it was behind: resumed where first stopped
    assert sum(counts(first).values()) == 12
    assert counts(first)[str(tallies[0].id)] == 2
    one.close()
    other.close()


def test_warming_up_says_how_far_it_has_got(
    app: Tallies, caplog: pytest.LogCaptureFixture
) -> None:
    save_tallies(app, 3)
    projection = PersistedProjection(app, EventsPerTally(app))
    assert projection.readiness() == "events per tally catching up: 0 of 0 events"
    with caplog.at_level(logging.INFO, logger="chassis.projection"):
        projection.warm_up()
    assert projection.readiness() is None
    assert "events per tally: catching up from event 0 to 6" in caplog.text
    assert "events per tally: ready at event 6" in caplog.text


def test_the_tables_live_in_the_store_of_the_events(app: Tallies) -> None:
    projection = PersistedProjection(app, EventsPerTally(app))
    assert isinstance(projection.tables, ProjectionTables)
    datastore = app.recorder.datastore  # type: ignore[attr-defined]
    assert projection.tables._datastore is datastore


class LabelledTallies(EventsPerTally):
    """Version 2 of ``EventsPerTally``: its rows also hold the tally's label (a new column
    a table written by version 1 does not have)."""

    version = 2

    def create_tables(self, tables: ProjectionTables, cursor: Cursor) -> None:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {tables.table('tally_counts')} "
                       "(id TEXT PRIMARY KEY, events BIGINT NOT NULL, label TEXT NOT NULL)")

    def prepare(self, notifications: Sequence[Notification]) -> Counter[UUID]:
        return Counter(n.originator_id for n in notifications)

    def apply(self, tables: ProjectionTables, cursor: Cursor, changes: Counter[UUID]) -> None:
        counts_table = tables.table("tally_counts")
        for tally_id, events in changes.items():
            label = self._app.repository.get(tally_id).label
            cursor.execute(tables.sql(
                f"INSERT INTO {counts_table} (id, events, label) VALUES (?, ?, ?) "
                f"ON CONFLICT (id) DO UPDATE SET events = {counts_table}.events + "
                "excluded.events"), (str(tally_id), events, label))


def labels(projection: PersistedProjection[Any]) -> dict[str, str]:
    counts_table = projection.tables.table("tally_counts")
    with projection.reading() as cursor:
        cursor.execute(f"SELECT id, label FROM {counts_table}")
        return {row["id"]: row["label"] for row in cursor.fetchall()}


def test_tables_of_another_version_are_rebuilt_from_the_log_with_progress(
    store_env: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    before = Tallies(store_env)
    tallies = save_tallies(before, 3)
    old = PersistedProjection(before, EventsPerTally(before))
    old.catch_up()
    before.close()

    after = Tallies(store_env)
    with caplog.at_level(logging.INFO, logger="chassis.projection"):
        rebuilt = PersistedProjection(after, LabelledTallies(after))
        assert rebuilt.position == 0  # the rows of version 1 are gone with their position
        assert "catching up: 0 of 0 events" in (rebuilt.readiness() or "")
        rebuilt.warm_up()
    assert "tables written by version 1, this is version 2: rebuilding" in caplog.text
    assert "events per tally: catching up from event 0 to 6" in caplog.text
    assert counts(rebuilt) == {str(t.id): 2 for t in tallies}  # each event applied once
    assert labels(rebuilt) == {str(t.id): t.label for t in tallies}
    assert stored_position(rebuilt) == 6
    after.close()

    again = Tallies(store_env)  # the same version again: nothing is rebuilt
    resumed = PersistedProjection(again, LabelledTallies(again))
    assert resumed.position == 6
    assert labels(resumed) == {str(t.id): t.label for t in tallies}
    again.close()


def test_positions_stored_without_a_version_are_rebuilt_once(app: Tallies) -> None:
    """A store whose projections were written before they had versions."""
    tallies = save_tallies(app, 2)
    tables = ProjectionTables.of(app)
    positions, counts_table = tables.table("projection_positions"), tables.table("tally_counts")
    with tables.transaction(commit=True) as cursor:
        cursor.execute(f"CREATE TABLE {positions} (name TEXT PRIMARY KEY, "
                       "position BIGINT NOT NULL)")
        cursor.execute(f"CREATE TABLE {counts_table} (id TEXT PRIMARY KEY, "
                       "events BIGINT NOT NULL)")
        cursor.execute(tables.sql(f"INSERT INTO {positions} VALUES (?, ?)"),
                       ("events per tally", 4))
        cursor.execute(tables.sql(f"INSERT INTO {counts_table} VALUES (?, ?)"),
                       (str(tallies[0].id), 99))
    projection = PersistedProjection(app, EventsPerTally(app))
    assert projection.position == 0
    assert counts(projection) == {str(t.id): 2 for t in tallies}
    assert PersistedProjection(app, EventsPerTally(app)).position == 4
