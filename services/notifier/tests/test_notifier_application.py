"""The notifier application on the in-memory store: the policy, reminders and deliveries,
without NATS or HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest
from notifier_app_support import JURISDICTION, OPERATOR, Feed, apply, subscribe
from notifier_support import FORWARDED_AT, answered, forwarded, resolution_passed
from prometheus_client import REGISTRY

from chassis.messaging.dead_letters import new_dead_letter
from chassis.web.auth import Principal
from contracts import encode_cloudevent
from contracts.vocabulary import Agency
from kernel.clock import ManualClock
from kernel.rulebook import default_rulebook
from notifier.application import Notifier
from notifier.domain.delivery import DEAD, DELIVERED, PENDING, Backoff, Outcome
from notifier.domain.errors import NotPermittedError, NotRetryableError, RecordNotFoundError
from notifier.domain.recipients import Recipient
from notifier.domain.reminder import Reminder, current_stage, next_stage_on
from notifier.workers.reminder_worker import ReminderWorker


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(FORWARDED_AT)


@pytest.fixture
def app(clock: ManualClock) -> Iterator[Notifier]:
    notifier = Notifier({"PERSISTENCE_MODULE": "eventsourcing.popo"}, clock=clock,
                        email_enabled=True, backoff=Backoff(1.0, 10.0), max_attempts=3)
    yield notifier
    notifier.close()


def test_an_event_notifies_once_however_often_it_is_delivered(app: Notifier) -> None:
    feed = Feed()
    event = forwarded()
    received = feed(event, event.petition_id)
    assert apply(app, received) is True
    assert apply(app, received) is False  # a redelivery: tracked, no effect
    (notification,) = app.read_model.notifications()
    assert notification["cause"] == received.id
    assert notification["recipient"] == "agency:ubnd/Sở Xây dựng"


def test_webhooks_go_to_matching_subscriptions_once_per_event(app: Notifier) -> None:
    mine = subscribe(app, "ubnd")
    health = subscribe(app, "ubnd", unit="so-y-te")
    everything = subscribe(app, "hdnd", audience="all")
    public_only = subscribe(app, "mttq", audience="public")
    reminders_only = subscribe(app, "ubnd", types=("reminder.*",))
    feed = Feed()
    event = forwarded()
    apply(app, feed(event, event.petition_id))
    targets = {d["subscription_id"] for d in app.read_model.deliveries(channel="webhook")}
    assert targets == {str(mine), str(everything)}

    passed = resolution_passed()  # two notifications: the public's and UBND's
    apply(app, feed(passed, passed.resolution_id), "sessions")
    per_subscription: dict[str, int] = {}
    for delivery in app.read_model.deliveries(channel="webhook"):
        key = delivery["subscription_id"]
        per_subscription[key] = per_subscription.get(key, 0) + 1
    # The unit's subscription gets the public item and the agency-wide one, once.
    assert per_subscription == {str(mine): 2, str(everything): 2, str(public_only): 1,
                                str(health): 1}
    assert str(reminders_only) not in per_subscription


def test_emails_go_to_the_recipients_contacts(app: Notifier) -> None:
    app.add_contact(OPERATOR, Recipient.parse("agency:ubnd/Sở Xây dựng"), "soxd@example.vn",
                    None)
    app.add_contact(OPERATOR, Recipient.parse("agency:mttq"), "mttq@example.vn", None)
    feed = Feed()
    event = forwarded()
    apply(app, feed(event, event.petition_id))
    apply(app, feed(answered(event.petition_id), event.petition_id))
    mails = sorted(d["target"] for d in app.read_model.deliveries(channel="email"))
    assert mails == ["mttq@example.vn", "soxd@example.vn"]


def test_a_reminder_moves_with_a_reforwarding_and_stops_at_the_answer(
    app: Notifier, clock: ManualClock,
) -> None:
    feed = Feed()
    event = forwarded()
    apply(app, feed(event, event.petition_id))
    clock.set(datetime(2025, 12, 22, 2, tzinfo=UTC))
    assert app.reminders.send_due(app.today()) == 1  # before_due
    assert app.reminders.send_due(app.today()) == 0  # sent already

    again = forwarded(event.petition_id, due_date=date(2026, 1, 20), to_unit="Sở Tài chính")
    apply(app, feed(again, event.petition_id))
    (reminder,) = app.read_model.reminders()
    assert (reminder["due_date"], reminder["sent"]) == ("2026-01-20", [])
    assert reminder["recipients"] == ["agency:ubnd/Sở Tài chính"]

    clock.set(datetime(2026, 1, 21, 2, tzinfo=UTC))
    assert app.reminders.send_due(app.today()) == 1
    apply(app, feed(answered(event.petition_id), event.petition_id))
    clock.set(datetime(2026, 2, 21, 2, tzinfo=UTC))
    assert app.reminders.send_due(app.today()) == 0
    stages = [n["type"] for n in app.read_model.notifications() if n["rule_id"]
              == "petition.answer_due"]
    assert stages == ["reminder.overdue", "reminder.overdue", "reminder.before_due"]


def test_one_batch_starts_moves_and_stops_a_reminder_as_the_same_events_one_by_one(
    app: Notifier,
) -> None:
    # The consumer applies what has arrived in one transaction: the re-forwarding and the
    # answer must find the reminder the first forwarding started in the same batch.
    feed = Feed()
    event = forwarded()
    again = forwarded(event.petition_id, due_date=date(2026, 1, 20), to_unit="Sở Tài chính")
    batch = [feed(e, event.petition_id) for e in (event, again, answered(event.petition_id))]

    applied = app.apply_batch(batch, f"urn:phoihop:{JURISDICTION}:petitions#petitions")

    assert applied == [1, 2, 3]
    (reminder,) = app.read_model.reminders()
    assert (reminder["due_date"], reminder["active"]) == ("2026-01-20", False)
    history = app.history(UUID(reminder["id"]))
    assert [type(e).__name__ for e in history] == ["Started", "Rescheduled", "Stopped"]


def test_a_reminder_pass_loads_only_the_reminders_whose_stage_is_due(
    app: Notifier, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
) -> None:
    feed = Feed()
    due = forwarded(due_date=date(2025, 12, 29))
    apply(app, feed(due, due.petition_id))
    for _ in range(30):  # due months later: nothing to send yet
        later = forwarded(due_date=date(2026, 6, 30))
        apply(app, feed(later, later.petition_id))
    reminder_ids = {UUID(r["id"]) for r in app.read_model.reminders()}
    loaded: list[UUID] = []
    get = app.repository.get

    def counting_get(aggregate_id: UUID, **options: object) -> object:
        # The pass loads reminders as they are now; the read model, writing the row of a
        # reminder it was sent, loads it as it stood before the event ("version"): that is
        # once per event, not per pass, and not what this test counts.
        if aggregate_id in reminder_ids and "version" not in options:
            loaded.append(aggregate_id)
        return get(aggregate_id, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(app.repository, "get", counting_get)
    clock.set(datetime(2025, 12, 22, 2, tzinfo=UTC))

    assert app.reminders.send_due(app.today()) == 1  # the early one's before_due
    assert app.reminders.send_due(app.today()) == 0  # sent already: nothing loaded again
    (sent,) = [r for r in app.read_model.reminders() if r["sent"]]
    assert loaded == [UUID(sent["id"])]


def test_attempts_back_off_park_and_requeue(app: Notifier) -> None:
    subscribe(app)
    feed = Feed()
    event = forwarded()
    apply(app, feed(event, event.petition_id))
    (delivery,) = app.read_model.deliveries()
    delivery_id = UUID(delivery["id"])
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(NotRetryableError):
        app.requeue_delivery(OPERATOR, delivery_id)
    for attempt in range(3):
        at = start + timedelta(minutes=attempt)
        failed = app.record_attempt(delivery_id, Outcome(False, 503, "HTTP 503"), at, 12)
        if attempt < 2:
            assert failed.status == PENDING
            assert failed.next_attempt_at is not None
            assert at + timedelta(seconds=0.5) <= failed.next_attempt_at
    assert failed.status == DEAD and failed.next_attempt_at is None
    assert app.read_model.due_deliveries(start + timedelta(days=1))[0] == []
    assert app.requeue_delivery(OPERATOR, delivery_id).status == PENDING
    (job,), _ = app.read_model.due_deliveries(start + timedelta(days=1))
    assert job.attempt == 4 and job.secret is not None and job.subscription_active
    done = app.record_attempt(delivery_id, Outcome(True, 204), start, 5)
    assert done.status == DELIVERED
    assert app.record_attempt(delivery_id, Outcome(False, 500, "late"), start, 5).status \
        == DELIVERED  # a late outcome changes nothing


def test_a_retried_dead_letter_notifies_with_its_own_envelope(app: Notifier) -> None:
    event = forwarded()
    _, _, body = encode_cloudevent(event, jurisdiction=JURISDICTION, sequence=9,
                                   subject=str(event.petition_id), time=FORWARDED_AT)
    letter = new_dead_letter(consumer="notifier-petitions", stream="S", stream_sequence=9,
                             subject="s", body=body, headers=None, error="store was down",
                             attempts=5, tracking_name="t#p", upstream_sequence=9)
    assert app.park(letter)
    assert app.retry_dead_letter(letter.id).status == "retried"
    (notification,) = app.read_model.notifications()
    assert notification["cause"] == f"{JURISDICTION}:petitions:9"
    assert app.read_model.reminders()[0]["subject_id"] == str(event.petition_id)


def test_a_due_reminder_is_sent_once_and_a_later_one_not_loaded_also_after_a_restart(
    tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
) -> None:
    env = {"PERSISTENCE_MODULE": "eventsourcing.sqlite",
           "SQLITE_DBNAME": str(tmp_path / "notifier.db")}
    first = Notifier(env, clock=clock)
    feed = Feed()
    soon, later = forwarded(due_date=date(2025, 12, 29)), forwarded(due_date=date(2026, 6, 30))
    apply(first, feed(soon, soon.petition_id))
    apply(first, feed(later, later.petition_id))
    clock.set(datetime(2025, 12, 22, 2, tzinfo=UTC))
    assert first.reminders.send_due(first.today()) == 1
    first.close()

    again = Notifier(env, clock=clock)  # the schedule is rebuilt from the log
    soon_id = Reminder.create_id("petition.answer_due", str(soon.petition_id))
    later_id = Reminder.create_id("petition.answer_due", str(later.petition_id))
    loaded: list[UUID] = []
    get = again.repository.get

    def counting_get(aggregate_id: UUID, **options: object) -> object:
        # Not counted: the read model loading a reminder as it stood before an event it
        # writes the row of ("version"; here the stage the first process sent).
        if aggregate_id in (soon_id, later_id) and "version" not in options:
            loaded.append(aggregate_id)
        return get(aggregate_id, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(again.repository, "get", counting_get)
    assert again.reminders.send_due(again.today()) == 0  # before_due was sent before
    assert loaded == []
    clock.set(datetime(2025, 12, 29, 2, tzinfo=UTC))
    assert again.reminders.send_due(again.today()) == 1  # the due stage, once
    assert again.reminders.send_due(again.today()) == 0
    assert loaded == [soon_id]
    assert again.read_model.reminder(soon_id)["sent"] == ["before_due", "due"]
    again.close()


def test_the_schedule_day_is_the_first_day_an_unsent_stage_is_reached() -> None:
    rulebook = default_rulebook()
    due, started = date(2025, 12, 29), date(2025, 11, 28)
    sent: list[str] = []
    day = started
    while day < date(2026, 3, 1):
        stage = current_stage(due, started, day, rulebook)
        unsent = stage is not None and stage.key not in sent
        assert unsent == (day >= next_stage_on(due, started, sent, rulebook)), day
        if unsent and stage is not None:
            sent.append(stage.key)
        day += timedelta(days=1)
    assert sent[:3] == ["before_due", "due", "overdue-1"] and len(sent) > 5


def test_the_application_checks_who_may_act(app: Notifier) -> None:
    """Permissions are the application's (domain/policy.py), not the routes'."""
    mttq = Principal("t", Agency.MTTQ, "staff", JURISDICTION)
    ubnd = Principal("t", Agency.UBND, "staff", JURISDICTION)
    theirs = subscribe(app, "ubnd")
    with pytest.raises(NotPermittedError):
        app.cancel_subscription(mttq, theirs)
    with pytest.raises(NotPermittedError):
        app.subscription_seen_by(mttq, theirs)
    with pytest.raises(NotPermittedError):
        app.register_subscription(
            mttq, url="https://mttq.example.vn/all", event_types=["*"], secret=None,
            audience="all", unit=None, description=None, allow_http=False)
    assert app.subscriptions_seen_by(mttq) == []
    assert app.cancel_subscription(ubnd, theirs).active is False
    with pytest.raises(NotPermittedError):
        app.add_contact(mttq, Recipient.parse("agency:ubnd"), "ubnd@example.vn", None)
    contact = app.add_contact(ubnd, Recipient.parse("agency:ubnd"), "ubnd@example.vn", None)
    assert contact.added_by == "ubnd/t"  # kernel.actor.actor_ref
    assert app.contacts_seen_by(mttq) == []
    assert [c["email"] for c in app.contacts_seen_by(OPERATOR)] == ["ubnd@example.vn"]
    with pytest.raises(NotPermittedError):
        app.remove_contact(mttq, contact.id)
    with pytest.raises(RecordNotFoundError):
        app.remove_contact(OPERATOR, theirs)  # a subscription's id is no contact's


def test_a_reminder_that_cannot_be_scheduled_does_not_stop_the_others(
    app: Notifier, clock: ManualClock
) -> None:
    # An event with an absurd due date (accepted upstream before dates had a range) made
    # the pass raise OverflowError, and the reminders after it were never scheduled.
    feed = Feed()
    events = [forwarded() for _ in range(10)]
    events.insert(4, forwarded(due_date=date(1, 1, 1)))
    for event in events:
        assert apply(app, feed(event, event.petition_id))
    clock.set(datetime(2025, 12, 29, 2, 0, tzinfo=UTC))  # the day after the others' due date
    failures_before = reminder_failures()

    sent = [asyncio.run(ReminderWorker(app).pass_once()) for _ in range(3)]

    assert sent[0] >= 10 and sent[1:] == [0, 0]  # every other reminder's stage, once
    assert reminder_failures() - failures_before >= 1  # the odd one counted, and logged


def reminder_failures() -> float:
    return REGISTRY.get_sample_value("phoihop_notifier_reminder_failures_total") or 0.0


def test_a_reminder_stops_on_the_day_the_answer_was_given_not_the_day_it_arrived(
    app: Notifier, clock: ManualClock,
) -> None:
    """The answer, typed weeks later, says when it was given (occurred_on): the reminder
    stops as of that day; an event from before the field stops it on its arrival day."""
    feed = Feed()
    given, old = forwarded(), forwarded()
    for event in (given, old):
        apply(app, feed(event, event.petition_id))
    clock.set(datetime(2026, 1, 21, 2, tzinfo=UTC))  # the answers arrive weeks late
    typed_late = answered(given.petition_id).model_copy(
        update={"occurred_on": date(2025, 12, 20)})
    apply(app, feed(typed_late, given.petition_id))
    apply(app, feed(answered(old.petition_id), old.petition_id))
    def stopped_on(petition_id: UUID) -> date:
        reminder_id = Reminder.create_id("petition.answer_due", str(petition_id))
        [stopped] = [e for e in app.history(reminder_id) if type(e).__name__ == "Stopped"]
        day: date = stopped.on  # type: ignore[attr-defined]
        return day

    assert stopped_on(given.petition_id) == date(2025, 12, 20)
    assert stopped_on(old.petition_id) == date(2025, 11, 28)  # FORWARDED_AT, in Vietnam
