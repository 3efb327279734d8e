"""The sessions read model (which records there are, by kind) persisted beside the events:
a restart answers from the stored rows without re-reading the log, on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sessions_builders import HDND, UBND, SteppingClock

from chassis.stores import postgres_environment
from contracts.vocabulary import PolicyField
from sessions.application import Sessions
from sessions.domain.values import OrganiserKind, SessionKind

START = datetime(2025, 8, 5, 1, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgres"])
def store_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    if request.param == "sqlite":
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(tmp_path / "sessions.db")}
    return postgres_environment(request.getfixturevalue("fresh_postgres_dsn"), "sessions")


@pytest.fixture
def watched_reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Patches an application's log reads to record where each one started."""
    def watch(app: Sessions) -> list[int]:
        starts: list[int] = []
        select = app.recorder.select_notifications

        def watched(start: int, *args: Any, **kwargs: Any) -> Any:
            starts.append(start)
            return select(start, *args, **kwargs)

        monkeypatch.setattr(app.recorder, "select_notifications", watched)
        return starts

    yield watch


def meeting(app: Sessions, hours: int, organiser: str = "UBND tỉnh") -> Any:
    return app.schedule_meeting(
        UBND, organiser_kind=OrganiserKind.UBND, organiser=organiser, title="Họp",
        starts_at=START + timedelta(hours=hours), ends_at=START + timedelta(hours=hours + 2),
        place="Phòng họp UBND", participants=["Chủ tịch UBND tỉnh"])


def fill(app: Sessions) -> None:
    app.plan_session(HDND, number=12, term="X, 2021–2026", title="Kỳ họp thứ 12",
                     kind=SessionKind.REGULAR, planned_opening=date(2025, 7, 15),
                     place="Hội trường HĐND tỉnh", total_deputies=50)
    app.plan_session(HDND, number=13, term="X, 2021–2026", title="Kỳ họp thứ 13",
                     kind=SessionKind.REGULAR, planned_opening=date(2025, 12, 10),
                     place="Hội trường HĐND tỉnh", total_deputies=50)
    app.decide_matter(HDND, title="Bổ sung dự toán", field=PolicyField.ECONOMY,
                      decision_number="12/NQ-TTHĐND", summary="Đồng ý",
                      decided_on=date(2025, 5, 2))
    meeting(app, 0)
    meeting(app, 1, organiser="Thường trực HĐND")  # clashes with the first


def answers(app: Sessions) -> tuple[Any, ...]:
    return ([(s.id, s.version) for s in app.list_sessions()],
            [(m.id, m.version) for m in app.list_matters()],
            [(e.id, e.version) for e in app.list_calendar()],
            [(v.entry.id, v.clash.other_entry_id) for v in app.clashes()])


def test_a_restart_answers_from_the_stored_rows_and_reads_only_what_is_new(
    store_env: dict[str, str], watched_reads: Any
) -> None:
    before = Sessions(store_env, clock=SteppingClock())
    fill(before)
    expected = answers(before)
    end = before.recorder.max_notification_id()
    assert before.catalogue.projection.position == end
    before.close()

    after = Sessions(store_env, clock=SteppingClock())
    starts = watched_reads(after)
    assert after.catalogue.projection.position == end  # resumed: nothing to rebuild
    after.catalogue.warm_up()
    assert after.catalogue.readiness() is None
    assert answers(after) == expected
    assert starts == []  # the log was not read at all
    meeting(after, 10, organiser="Ban Kinh tế - Ngân sách")
    assert len(after.list_calendar()) == 3
    assert starts == [end]  # only what came after the stored position
    after.close()


def test_warming_up_an_empty_model_says_how_far_it_has_got(
    store_env: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    app = Sessions(store_env, clock=SteppingClock())
    fill(app)
    end = app.recorder.max_notification_id()
    records = app.catalogue.projection.tables.table("session_records")
    with app.catalogue.projection.tables.transaction(commit=True) as cursor:
        cursor.execute(f"DELETE FROM {records}")  # as if the rows were never written
        cursor.execute(app.catalogue.projection.tables.sql(
            f"UPDATE {app.catalogue.projection.tables.table('projection_positions')} "
            "SET position = 0"))
    fresh = Sessions(store_env, clock=SteppingClock())
    assert fresh.catalogue.readiness() == "sessions records catching up: 0 of 0 events"
    with caplog.at_level(logging.INFO, logger="chassis.projection"):
        fresh.catalogue.warm_up()
    assert f"sessions records: catching up from event 0 to {end}" in caplog.text
    assert fresh.catalogue.readiness() is None
    assert answers(fresh) == answers(app)
    assert len(fresh.list_sessions()) == 2
    app.close()
    fresh.close()


def test_the_audit_finds_rows_that_differ_from_the_events(tmp_path: Path) -> None:
    import sqlite3

    from sessions.application.audit import check_read_model

    path = tmp_path / "sessions.db"
    app = Sessions({"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)},
                   clock=SteppingClock())
    fill(app)
    aggregates = {record_id: app.repository.get(record_id)
                  for record_id in app.catalogue.kinds()}
    assert check_read_model(app, aggregates) == []
    (matter,) = app.list_matters()
    (first, _) = app.list_sessions()
    with sqlite3.connect(path) as tampering:
        tampering.execute("UPDATE sessions_session_records SET kind = 'Session' WHERE id = ?",
                          (str(matter.id),))
        tampering.execute("DELETE FROM sessions_session_records WHERE id = ?", (str(first.id),))
    assert sorted(check_read_model(app, aggregates)) == sorted([
        f"read model: Session {first.id} is missing",
        f"read model: BetweenSessionMatter {matter.id} is listed as a Session"])
    app.close()


def test_a_list_loads_only_the_records_changed_since_it_last_saw_them(
    store_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = Sessions(store_env, clock=SteppingClock())
    fill(app)
    first, second = (e.id for e in app.list_calendar())
    loaded: list[Any] = []
    get = app.repository.get

    def counting_get(aggregate_id: Any, **options: Any) -> Any:
        loaded.append(aggregate_id)
        return get(aggregate_id, **options)

    monkeypatch.setattr(app.repository, "get", counting_get)
    assert [e.id for e in app.list_calendar()] == [first, second]
    assert loaded == []  # nothing changed: the replicas it holds
    app.cancel_meeting(UBND, second, reason="Dời lịch")
    loaded.clear()
    entries = app.list_calendar(include_cancelled=True)
    assert [(e.id, e.is_active) for e in entries] == [(first, True), (second, False)]
    assert loaded == [second]
    app.close()
