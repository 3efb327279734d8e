"""Citizens' letters through the notifier application (in memory): the handling body told
and reminded before its limits, an extension moving the reminder, a missed reception."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from uuid import UUID

import pytest
from notifier_app_support import Feed, apply
from notifier_support import FORWARDED_AT

from contracts.vocabulary import Agency
from kernel.clock import ManualClock
from notifier.application import Notifier
from notifier.domain.delivery import Backoff


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(FORWARDED_AT)


@pytest.fixture
def app(clock: ManualClock) -> Iterator[Notifier]:
    notifier = Notifier({"PERSISTENCE_MODULE": "eventsourcing.popo"}, clock=clock,
                        email_enabled=True, backoff=Backoff(1.0, 10.0), max_attempts=3)
    yield notifier
    notifier.close()


def test_the_handling_body_is_told_of_a_letter_and_reminded_before_its_limit(
    app: Notifier, clock: ManualClock,
) -> None:
    from contracts.letters import v1 as letters

    feed, letter_id = Feed(), UUID("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f")
    received = letters.LetterReceived(
        letter_id=letter_id, kind="denunciation", treated_as="denunciation",
        channel="reception", received_on=date(2025, 12, 1), handler=Agency.UBND, instance=1,
        handling_due_on=date(2025, 12, 10), rule_id="denunciation.initial_handling",
        legal_source="Luật Tố cáo 2018, Điều 29")
    apply(app, feed(received, letter_id))
    (told,) = app.read_model.notifications()
    assert (told["rule_id"], told["recipient"]) == ("letter.received", "agency:ubnd")
    clock.set(datetime(2025, 12, 3, 2, tzinfo=UTC))  # 5 working days before the 10th
    assert app.reminders.send_due(app.today()) == 1
    accepted = letters.LetterAccepted(
        letter_id=letter_id, handler=Agency.UBND, accepted_on=date(2025, 12, 4), on_time=True,
        due_on=date(2026, 1, 3), rule_id="denunciation.resolve",
        legal_source="Luật Tố cáo 2018, Điều 30", notify_due_on=date(2025, 12, 11))
    apply(app, feed(accepted, letter_id))
    reminders = {r["rule_id"]: r for r in app.read_model.reminders()}
    assert reminders["letter.handling_due"]["active"] is False
    assert reminders["letter.resolution_due"]["due_date"] == "2026-01-03"
    # A petition letter has no statutory limit once accepted: no reminder starts.
    other = UUID("2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a")
    apply(app, feed(letters.LetterAccepted(letter_id=other, handler=Agency.UBND,
                                           accepted_on=date(2025, 12, 4), on_time=True), other))
    assert len(app.read_model.reminders()) == 2


def test_an_extension_moves_the_letter_s_resolution_reminder_to_the_new_limit(
    app: Notifier, clock: ManualClock,
) -> None:
    """A denunciation extended by 30 days is reminded before, on and after its new limit,
    not found overdue on the old one."""
    from contracts.letters import v1 as letters

    feed, letter_id = Feed(), UUID("3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b")
    apply(app, feed(letters.LetterAccepted(
        letter_id=letter_id, handler=Agency.UBND, accepted_on=date(2025, 12, 4), on_time=True,
        due_on=date(2026, 1, 3), rule_id="denunciation.resolve",
        legal_source="Luật Tố cáo 2018, Điều 30"), letter_id))
    apply(app, feed(letters.LetterExtended(
        letter_id=letter_id, handler=Agency.UBND, number=1, due_on=date(2026, 2, 2),
        rule_id="denunciation.extension", legal_source="Luật Tố cáo 2018, Điều 30 khoản 1",
        occurred_on=date(2025, 12, 30)), letter_id))
    (reminder,) = [r for r in app.read_model.reminders()
                   if r["rule_id"] == "letter.resolution_due"]
    assert (reminder["due_date"], reminder["active"]) == ("2026-02-02", True)

    clock.set(datetime(2026, 1, 4, 2, tzinfo=UTC))  # the day after the old limit
    app.reminders.send_due(app.today())
    stages = [n["cause"].rsplit(":", 1)[1] for n in app.read_model.notifications()]
    assert not [s for s in stages if s.startswith("overdue")]
    clock.set(datetime(2026, 1, 28, 2, tzinfo=UTC))  # before the new limit
    app.reminders.send_due(app.today())
    (before,) = [n for n in app.read_model.notifications() if "before" in n["cause"]]
    assert before["body"]["vi"] == (  # the acceptance's day, the extension's limit
        f"Đơn {letter_id} thụ lý ngày 04/12/2025 phải được giải quyết trước ngày 02/02/2026 "
        "(căn cứ: Luật Tố cáo 2018, Điều 30 khoản 1).")
    clock.set(datetime(2026, 2, 2, 2, tzinfo=UTC))  # the new limit
    app.reminders.send_due(app.today())
    (due,) = [n for n in app.read_model.notifications() if n["cause"].endswith(":due")]
    assert due["body"]["vi"] == f"Hạn giải quyết đơn {letter_id} là hôm nay, 02/02/2026."


def test_a_missed_reception_obligation_tells_the_body_and_the_hdnd(app: Notifier) -> None:
    from contracts.letters import v1 as letters

    finding = UUID("4f5a6b7c-8d9e-4f0a-9b1c-2d3e4f5a6b7c")
    apply(app, Feed()(letters.ReceptionObligationMissed(
        finding_id=finding, receiver="ubnd_chair_commune", holder="Xã Vĩnh Kim",
        agency=Agency.UBND, period_start=date(2026, 6, 22), period_end=date(2026, 6, 28),
        required_days=1, held_days=0, found_on=date(2026, 6, 29),
        rule_id="reception.ubnd_chair.commune",
        legal_source="Luật Tiếp công dân 2013, Điều 12 khoản 4"), finding), "letters")
    told = app.read_model.notifications(rule_id="letter.reception_missed")
    assert sorted(n["recipient"] for n in told) == ["agency:hdnd", "agency:ubnd"]
    assert told[0]["body"]["vi"] == (
        "Cơ quan có trách nhiệm tiếp công dân: Ủy ban nhân dân.\nXã hoặc đại biểu: Xã Vĩnh Kim."
        "\nĐã tiếp 0 ngày, quy định ít nhất 1 ngày (căn cứ: Luật Tiếp công dân 2013, Điều 12 "
        "khoản 4).")
