"""The notifier's read model persisted beside its events: a restart answers every query
from the stored rows without re-reading the log, on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from notifier_support import FORWARDED_AT, answered, forwarded
from test_notifier_application import JURISDICTION, OPERATOR, Feed, apply, subscribe

from chassis.stores import postgres_environment
from chassis.web.auth import Principal
from contracts.vocabulary import Agency
from kernel.clock import ManualClock
from notifier.application import Notifier
from notifier.domain.delivery import Backoff
from notifier.domain.recipients import Recipient

UBND_STAFF = Principal("t", Agency.UBND, "staff", JURISDICTION)


@pytest.fixture(params=["sqlite", "postgres"])
def store_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    if request.param == "sqlite":
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(tmp_path / "notifier.db")}
    return postgres_environment(request.getfixturevalue("fresh_postgres_dsn"), "notifier")


def open_notifier(env: dict[str, str]) -> Notifier:
    return Notifier(env, clock=ManualClock(FORWARDED_AT), email_enabled=True,
                    backoff=Backoff(1.0, 10.0), max_attempts=3)


def fill(app: Notifier, feed: Feed) -> None:
    subscribe(app)
    subscribe(app, agency="hdnd", audience="all")
    app.add_contact(OPERATOR, Recipient.parse("agency:ubnd"), "ubnd@example.vn", None)
    for _ in range(2):
        event = forwarded()
        apply(app, feed(event, event.petition_id))
    apply(app, feed(answered(event.petition_id), event.petition_id))


def answers(app: Notifier) -> tuple[Any, ...]:
    model = app.read_model
    later = FORWARDED_AT + timedelta(days=1)
    return (model.notifications(), model.inbox(UBND_STAFF), model.inbox(UBND_STAFF,
            oldest_first=True, after=1), model.feed(), model.deliveries(),
            model.deliveries(channel="email"), model.subscriptions(), model.contacts(),
            model.emails(Recipient.parse("agency:ubnd")), model.reminders(),
            model.reminders(active=True), model.due_deliveries(later),
            sorted(model.changed_reminders(100), key=lambda r: r.reminder_id))


def watch_reads(app: Notifier, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    starts: list[int] = []
    select = app.recorder.select_notifications

    def watched(start: int, *args: Any, **kwargs: Any) -> Any:
        starts.append(start)
        return select(start, *args, **kwargs)

    monkeypatch.setattr(app.recorder, "select_notifications", watched)
    return starts


def test_a_restart_answers_from_the_stored_rows_and_reads_only_what_is_new(
    store_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = Feed()
    before = open_notifier(store_env)
    fill(before, feed)
    expected = answers(before)
    assert all(expected[:3]) and expected[9]  # notifications, inbox and reminders to compare
    end = before.recorder.max_notification_id()
    assert before.read_model.position == end
    before.close()

    after = open_notifier(store_env)
    starts = watch_reads(after, monkeypatch)
    assert after.read_model.projection.position == end  # resumed: nothing to rebuild
    after.read_model.warm_up()
    assert after.read_model.readiness() is None
    assert answers(after) == expected  # changed_reminders: all of them, first time asked
    assert starts == []  # the log was not read at all
    assert after.read_model.changed_reminders(100) == []

    event = forwarded()
    apply(after, feed(event, event.petition_id))
    assert len(after.read_model.notifications()) > len(expected[0])
    assert starts == [end]  # only what came after the stored position
    (changed,) = after.read_model.changed_reminders(100)  # the new one's only
    assert changed.active
    after.close()


def test_warming_up_an_empty_model_says_how_far_it_has_got(
    store_env: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    app = open_notifier(store_env)
    fill(app, Feed())
    end = app.recorder.max_notification_id()
    tables = app.read_model.projection.tables
    with tables.transaction(commit=True) as cursor:  # as if the rows were never written
        for name in app.read_model.projection.projection.table_names:
            cursor.execute(f"DELETE FROM {tables.table(name)}")
        cursor.execute(f"UPDATE {tables.table('projection_positions')} SET position = 0")
    fresh = open_notifier(store_env)
    assert fresh.read_model.readiness() == "notifier read model catching up: 0 of 0 events"
    with caplog.at_level(logging.INFO, logger="chassis.projection"):
        fresh.read_model.warm_up()
    assert f"notifier read model: catching up from event 0 to {end}" in caplog.text
    assert fresh.read_model.readiness() is None
    assert answers(fresh) == answers(app)
    app.close()
    fresh.close()


def test_the_audit_finds_a_row_that_differs_from_its_events(tmp_path: Path) -> None:
    import sqlite3

    from notifier.application.audit import check_read_model

    path = tmp_path / "notifier.db"
    app = open_notifier({"PERSISTENCE_MODULE": "eventsourcing.sqlite",
                         "SQLITE_DBNAME": str(path)})
    fill(app, Feed())
    ids = [UUID(n["id"]) for n in app.read_model.notifications()]
    ids += [UUID(d["id"]) for d in app.read_model.deliveries()]
    ids += [UUID(r["id"]) for r in app.read_model.reminders()]
    ids += [UUID(s["id"]) for s in app.read_model.subscriptions()]
    ids += [UUID(c["id"]) for c in app.read_model.contacts()]
    aggregates = {record_id: app.repository.get(record_id) for record_id in ids}
    assert check_read_model(app, aggregates) == []
    reminder = app.read_model.reminders()[0]["id"]
    with sqlite3.connect(path) as tampering:
        tampering.execute("UPDATE notifier_reminder_rows SET summary = replace(summary, "
                          "'\"active\": true', '\"active\": false') WHERE id = ?", (reminder,))
    assert check_read_model(app, aggregates) == [
        f"read model: reminder {reminder} differs from its events"]
    app.close()


def test_positions_and_offsets_beyond_any_row_find_nothing(store_env: dict[str, str]) -> None:
    """HTTP lets ``offset`` and ``after`` be any size; SQL integers stop at 2**63 - 1."""
    app = open_notifier(store_env)
    fill(app, Feed())
    huge = 2**70
    assert app.read_model.notifications(offset=huge) == []
    assert app.read_model.deliveries(offset=huge) == []
    assert app.read_model.inbox(UBND_STAFF, after=huge) == []
    assert app.read_model.inbox(UBND_STAFF, after=-huge) == app.read_model.inbox(UBND_STAFF)
    app.close()
