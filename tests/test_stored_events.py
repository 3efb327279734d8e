"""Stores written by earlier code still load: every aggregate of the SQLite stores that
main at 886e492 wrote (tests/stores/main-886e492, made by write_main_886e492.py), read
with today's code. Moving a stored event class without registering its old topic, or
changing how an event's fields rebuild a value (a deadline, an actor), fails here."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest

from chassis.application import ServiceApplication
from contracts import ReceivedEvent, decode_cloudevent, encode_cloudevent
from contracts.petitions.v1 import PetitionRecorded
from kernel.clock import ManualClock, day_in_vietnam
from kernel.rulebook import Deadline
from notifier.application import Notifier
from petitions.application import Petitions, translate
from sessions.application import Sessions

STORES = Path(__file__).parent / "stores" / "main-886e492"
LATER = ManualClock(datetime(2026, 3, 1, 2, 0, tzinfo=UTC))
LOCAL_RULE_SOURCE = "Quy chế phối hợp của tỉnh (mặc định, cần xác nhận)"


@pytest.fixture
def open_store(tmp_path: Path) -> Iterator[Any]:
    opened: list[ServiceApplication] = []

    def open_copy(kind: type[ServiceApplication], name: str) -> Any:
        copy = tmp_path / f"{name}.db"
        shutil.copy(STORES / f"{name}.db", copy)  # the committed store stays as written
        app = kind({"PERSISTENCE_MODULE": "eventsourcing.sqlite",  # type: ignore[call-arg]
                    "SQLITE_DBNAME": str(copy)}, clock=LATER)
        opened.append(app)
        return app

    yield open_copy
    for app in opened:
        app.close()


def every_aggregate(app: ServiceApplication) -> list[Any]:
    """Every aggregate of the store, rebuilt from its events, in the order first stored."""
    ids: list[UUID] = []
    for notification in app.recorder.select_notifications(start=1, limit=10_000):
        if notification.originator_id not in ids:
            ids.append(notification.originator_id)
    return [app.repository.get(aggregate_id) for aggregate_id in ids]


def test_petitions_stored_by_886e492_load_with_their_deadlines(open_store: Any) -> None:
    app: Petitions = open_store(Petitions, "petitions")
    meeting, local, central, keyed, record = every_aggregate(app)
    assert type(meeting).__name__ == "VoterContactMeeting"
    # A command run with an Idempotency-Key stored its response with its events.
    assert keyed.text == "Đề nghị nạo vét kênh ấp 5"
    assert (type(record).__name__, record.status_code) == ("IdempotencyRecord", 201)
    assert local.forwarding.deadline == Deadline(date(2025, 10, 15), "petition.answer.local",
                                                 LOCAL_RULE_SOURCE)
    assert local.answer.on_time and local.resolution.status == "resolved"
    assert (central.reforward_count, central.forwarding.to_unit) == (1, "Sở Tài nguyên")
    assert central.forwarding.deadline.rule_id == "petition.answer.local"
    # Actors were written as agency/subject: the one reference format of kernel.actor.
    assert [e.by for e in app.history(local.id)][:3] == [
        "mttq/mttq-staff", "hdnd/hdnd-staff", "hdnd/hdnd-staff"]


def test_petitions_stored_before_the_day_of_the_act_was_kept_read_with_their_days(
    open_store: Any,
) -> None:
    """Events stored before ``occurred_on`` existed: a petition was received the day it was
    recorded; its other acts had their own date fields all along (kernel.occurred)."""
    app: Petitions = open_store(Petitions, "petitions")
    _, local, *_ = every_aggregate(app)
    first = app.history(local.id)[0]
    assert getattr(first, "occurred_on", None) is None  # the field did not exist yet
    assert local.received_on == day_in_vietnam(first.timestamp)
    published = [p for e in app.history(local.id) if (p := translate(e)) is not None]
    days = {type(e).__name__: e.occurred_on for e in published}
    assert days["PetitionRecorded"] is None  # nothing to claim for the old record
    assert days["PetitionForwarded"] == local.forwarding.forwarded_on
    assert days["PetitionAnswered"] == local.answer.answered_on
    assert all(e.recorded_at is not None for e in published)


def test_sessions_stored_by_886e492_load_with_their_document_deadlines(open_store: Any) -> None:
    app: Sessions = open_store(Sessions, "sessions")
    session, resolution = every_aggregate(app)
    assert (session.number, session.status) == (12, "closed")
    documents = sorted(session.documents.values(), key=lambda d: d.submitted_on)
    assert [(d.submitted_on, d.due_on) for d in documents] == [
        (date(2025, 7, 8), date(2025, 7, 10)), (date(2025, 7, 12), date(2025, 7, 10))]
    assert resolution.number == "15/2025/NQ-HĐND"
    assert app.history(session.id)[0].by == "hdnd/thuong-truc"  # type: ignore[attr-defined]


def test_notifier_reminders_stored_by_886e492_load(open_store: Any) -> None:
    app: Notifier = open_store(Notifier, "notifier")
    aggregates = every_aggregate(app)
    [reminder] = [a for a in aggregates if type(a).__name__ == "Reminder"]
    assert (reminder.due_date, reminder.sent, reminder.active) == (
        date(2026, 1, 20), ["overdue-1"], False)
    assert reminder.stopped_by == "vn.phoihop.petitions.PetitionAnswered.v1"
    assert sum(type(a).__name__ == "Notification" for a in aggregates) == 6
    letters = [a for a in aggregates if type(a).__name__ == "DeadLetter"]
    assert [letter.status for letter in letters] == ["parked", "resolved", "parked"]
    assert letters[2].attempts > letters[0].attempts  # its failed retry is recorded


def test_notifier_tracking_stored_by_886e492_still_marks_what_it_applied(
    open_store: Any,
) -> None:
    # That store tracked the petitions it applied by their highest sequence (3), before
    # receipts were kept: a redelivery at or below it is still a duplicate, the next is new.
    app: Notifier = open_store(Notifier, "notifier")
    name = "urn:phoihop:tien-giang:petitions#petitions"
    assert app.recorder.max_tracking_id(name) == 3

    assert app.apply_batch([petition_recorded(2), petition_recorded(3)], name) == []
    assert app.apply_batch([petition_recorded(4)], name) == [4]
    assert app.recorder.max_tracking_id(name) == 4


def petition_recorded(sequence: int) -> ReceivedEvent:
    petition_id = uuid4()
    event = PetitionRecorded(petition_id=petition_id, text="Đề nghị nạo vét kênh",
                             commune="Tân Phú", channel="meeting", recorded_at=LATER.now())
    _, _, body = encode_cloudevent(event, jurisdiction="tien-giang", sequence=sequence,
                                   subject=str(petition_id), time=LATER.now())
    return decode_cloudevent(body)
