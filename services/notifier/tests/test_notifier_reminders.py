"""Reminders from due dates on an injectable clock, across a restart; and messages the
notifier cannot use, parked as dead letters while the stream goes on."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from notifier_servers import StartNotifier, WebhookReceiver
from notifier_support import (
    FORWARDED_AT,
    Upstream,
    answered,
    bearer,
    forwarded,
    verify_webhook,
    wait_until,
)

from contracts.vocabulary import Agency
from kernel.clock import ManualClock
from notifier.settings import NotifierSettings

pytestmark = [pytest.mark.integration]


def vietnam_morning(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 2, 0, tzinfo=UTC)  # 09:00 in Vietnam


def reminders_for(http: httpx.Client, headers: dict[str, str], subject: str) -> list[str]:
    """The reminder stages in an inbox for one petition, oldest first."""
    inbox = http.get("/inbox", headers=headers).json()
    return [n["cause"].rsplit(":", 1)[1] for n in reversed(inbox)
            if n["type"].startswith("reminder.") and n["subject_id"] == subject]


def test_a_passing_due_date_brings_overdue_reminders_until_the_answer_even_across_a_restart(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
    receiver: WebhookReceiver,
) -> None:
    clock = ManualClock(FORWARDED_AT)
    first = start_notifier(clock)
    ubnd, hdnd = bearer(settings, Agency.UBND), bearer(settings, Agency.HDND)
    late, other = forwarded(), forwarded(due_date=datetime(2026, 1, 1).date())
    subject = str(late.petition_id)
    with first.client() as http:
        secret = http.post("/subscriptions", headers=ubnd, json={
            "url": receiver.url, "event_types": ["reminder.*"]}).json()["secret"]
        upstream.publish((late, subject))
        (reminder,) = wait_until(lambda: http.get("/reminders", headers=ubnd).json())
        assert (reminder["due_date"], reminder["active"]) == ("2025-12-28", True)

        clock.set(vietnam_morning(2025, 12, 29))  # the day after the due date
        assert wait_until(lambda: reminders_for(http, ubnd, subject)) == ["overdue-1"]
        assert reminders_for(http, hdnd, subject) == ["overdue-1"]  # the Standing Committee
        call = wait_until(receiver.snapshot, what="the reminder webhook")[0]
        payload = verify_webhook(secret, call.headers, call.body)
        assert payload["type"] == "reminder.overdue"
        title = payload["data"]["notification"]["title"]["vi"]
        assert title == "Đôn đốc lần 1: kiến nghị cử tri quá hạn trả lời 1 ngày"
    first.stop()

    clock.set(vietnam_morning(2026, 1, 5))  # a week later, on a new process
    second = start_notifier(clock)
    with second.client() as http:
        assert wait_until(lambda: len(reminders_for(http, ubnd, subject)) == 2 and
                          reminders_for(http, ubnd, subject)) == ["overdue-1", "overdue-2"]
        upstream.publish((answered(late.petition_id), subject))
        wait_until(lambda: not http.get("/reminders?active=true", headers=ubnd).json())

        # Another overdue petition is reminded on the next stage's day; the answered one,
        # watched by the same ticks, is not.
        clock.set(vietnam_morning(2026, 1, 12))
        upstream.publish((other, str(other.petition_id)))
        wait_until(lambda: reminders_for(http, ubnd, str(other.petition_id)))
        assert reminders_for(http, ubnd, subject) == ["overdue-1", "overdue-2"]
        stopped = http.get("/reminders?active=false", headers=ubnd).json()
        operator = bearer(settings, Agency.HDND, role="admin")  # every recipient's
        before = http.get("/notifications?type=reminder.before_due", headers=operator).json()
    assert [r["stopped_by"] for r in stopped] == ["vn.phoihop.petitions.PetitionAnswered.v1"]
    assert before == []  # the clock jumped past it: only the latest stage is sent
    overdue_calls = [json.loads(c.body)["data"]["notification"]["subject_id"]
                     for c in receiver.snapshot()]
    assert overdue_calls.count(subject) == 2


def test_malformed_and_unknown_events_become_dead_letters_and_the_stream_goes_on(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
) -> None:
    server = start_notifier()
    good = forwarded()
    _, _, body = upstream.encode(forwarded(), "x")
    envelope: dict[str, Any] = json.loads(body)
    unknown = {**envelope, "type": "vn.phoihop.petitions.PetitionTeleported.v1"}
    invalid = {**envelope, "data": {**envelope["data"], "due_date": "someday"}}
    upstream.publish_raw([
        upstream.raw("petitions", "PetitionForwarded", b"\xff not json at all"),
        upstream.raw("petitions", "PetitionTeleported", json.dumps(unknown).encode()),
        upstream.raw("petitions", "PetitionForwarded", json.dumps(invalid).encode()),
        upstream.encode(good, str(good.petition_id)),
    ])
    admin, ubnd = bearer(settings, Agency.HDND, role="admin"), bearer(settings, Agency.UBND)
    with server.client() as http:
        inbox = wait_until(lambda: http.get("/inbox", headers=ubnd).json(), what="the good one")
        letters = http.get("/dead-letters", headers=admin).json()
        assert http.get("/dead-letters", headers=ubnd).status_code == 403
        retried = http.post(f"/dead-letters/{letters[2]['id']}/retry", headers=admin).json()
        closed = http.post(f"/dead-letters/{letters[1]['id']}/resolve", headers=admin,
                           json={"note": "không phải sự kiện của hệ thống"}).json()
    assert [n["subject_id"] for n in inbox] == [str(good.petition_id)]
    assert [letter["consumer"] for letter in letters] == ["notifier-petitions"] * 3
    errors = [letter["error"] for letter in letters]
    assert "not JSON" in errors[0]
    assert "unknown event type" in errors[1]
    assert "invalid vn.phoihop.petitions.PetitionForwarded.v1" in errors[2]
    assert (retried["status"], retried["attempts"]) == ("parked", 2)  # still invalid
    assert closed["status"] == "resolved"
