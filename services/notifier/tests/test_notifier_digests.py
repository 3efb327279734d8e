"""Digests (issue 20): daily and weekly e-mail grouped per item, newest first, across
Vietnam's day boundary on an injected clock, exactly once across a restart and a crash
between sending and recording, nothing for a day without events, the periods, each
recipient's own choice, and nothing lost when the choice changes."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from fastapi.testclient import TestClient
from following_steps import (
    BEFORE_MIDNIGHT,
    UNSUBSCRIBE,
    confirm_by_mail,
    follow,
    mail_settings,
    notices,
    to_voter,
    told,
)
from notifier_servers import NotifierServer, SmtpSink, StartNotifier
from notifier_support import Upstream, answered, bearer, forwarded, wait_until

from contracts.vocabulary import Agency
from kernel.clock import ManualClock
from notifier.application import Notifier
from notifier.application.signals import SaveSignal
from notifier.bootstrap import build_notifier
from notifier.channels.mail import EmailChannel
from notifier.domain.recipients import Recipient
from notifier.entrypoints.http import create_http_app
from notifier.settings import NotifierSettings

pytestmark = [pytest.mark.integration]


def test_a_daily_digest_across_vietnams_midnight_goes_once_grouped_newest_first(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
    smtp: SmtpSink,
) -> None:
    clock = ManualClock(BEFORE_MIDNIGHT - timedelta(minutes=20))
    server = start_notifier(clock, **mail_settings(smtp))
    road, school = uuid4(), uuid4()
    with server.client() as http:
        follow(http, road)
        follower = confirm_by_mail(http, smtp, 1)
        follow(http, school)
        confirm_by_mail(http, smtp, 2)
        token = UNSUBSCRIBE.search(to_voter(smtp)[0].get_content()).group(2)  # type: ignore[union-attr]
        assert http.post(f"/followers/{follower}/preferences",
                         json={"token": token, "cadence": "daily"}).status_code == 204
        for minutes_before, event, subject, count in (
                (10, forwarded(road), road, 1), (5, forwarded(school), school, 2),
                (1, answered(road), road, 3)):  # 23:50, 23:55, 23:59
            clock.set(BEFORE_MIDNIGHT - timedelta(minutes=minutes_before - 1))
            upstream.publish((event, str(subject)))
            told(http, settings, follower, count)
        clock.set(BEFORE_MIDNIGHT + timedelta(minutes=2))  # 00:01: the day ended
        upstream.publish((answered(school), str(school)))
        told(http, settings, follower, 5)  # the school's answer, and the digest
        digest = wait_until(lambda: len(m := to_voter(smtp)) >= 3 and m[2], what="the digest")
    assert str(digest["Subject"]) == "Bản tin ngày 28/11/2025: 3 cập nhật"
    text = digest.get_content()
    road_at, school_at = text.index("1. Kiến nghị bạn theo dõi đã có trả lời"), text.index(
        "2. Kiến nghị bạn theo dõi đã được chuyển")
    assert road_at < school_at  # the road had the newest news
    road_block = text[road_at:school_at]
    assert road_block.index("23:59 28/11") < road_block.index("23:50 28/11")
    assert "00:01" not in text  # the school's answer is the next day's
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    server.stop()

    # Restarted on the same store: the day's digest is not built or sent again; the next
    # day's is, with the school's answer; a day without events sends nothing.
    again = start_notifier(clock, **mail_settings(smtp))
    clock.set(BEFORE_MIDNIGHT + timedelta(days=1, minutes=2))
    with again.client() as http:
        told(http, settings, follower, 6)
        clock.set(BEFORE_MIDNIGHT + timedelta(days=2, minutes=2))
        wait_until(lambda: len(to_voter(smtp)) >= 4, what="the second digest")
        asyncio.run(asyncio.sleep(1.0))  # several digest ticks on the quiet day
        assert len(notices(http, settings, follower)) == 6
    subjects = [str(m["Subject"]) for m in to_voter(smtp)]
    assert subjects[2:] == ["Bản tin ngày 28/11/2025: 3 cập nhật",
                            "Bản tin ngày 29/11/2025: 1 cập nhật"]


def test_a_crash_between_sending_a_digest_and_recording_it_resends_it_once_same_message_id(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
    smtp: SmtpSink, tmp_path: Path,
) -> None:
    clock = ManualClock(BEFORE_MIDNIGHT)
    config = settings.model_copy(update=mail_settings(smtp))
    server = start_notifier(clock, **mail_settings(smtp))
    petition = uuid4()
    with server.client() as http:
        assert http.put("/preferences", headers=bearer(settings, Agency.UBND), json={
            "recipient": "agency:ubnd", "cadence": "daily"}).status_code == 200
        assert http.post("/contacts", headers=bearer(settings, Agency.UBND), json={
            "recipient": "agency:ubnd", "email": "ubnd@tiengiang.gov.vn"}).status_code == 201
        upstream.publish((forwarded(petition), str(petition)))
        inbox = wait_until(lambda: http.get("/inbox", headers=bearer(settings, Agency.UBND))
                           .json(), what="the inbox item")  # the inbox keeps every item
        assert inbox[0]["rule_id"] == "petition.forwarded"
    server.stop()
    assert smtp.messages == []  # daily: no e-mail for the item itself

    # The process builds the digest and sends it, and dies before recording the success.
    clock.set(BEFORE_MIDNIGHT + timedelta(minutes=2))
    crashed = build_notifier(config, clock)
    assert crashed.digests.build_due() == 1
    assert crashed.digests.build_due() == 0  # built once
    jobs, _ = crashed.read_model.due_deliveries(clock.now())
    assert len(jobs) == 1
    outcome = asyncio.run(EmailChannel(config, crashed.following.mail_for).send(jobs[0]))
    assert outcome.ok
    crashed.close()

    restarted: NotifierServer = start_notifier(clock, **mail_settings(smtp))
    with restarted.client() as http:
        admin = bearer(settings, Agency.HDND, role="admin")
        delivered = wait_until(lambda: http.get("/deliveries", headers=admin, params={
            "status": "delivered", "channel": "email"}).json(), what="the recorded success")
    assert len(delivered) == 1 and delivered[0]["attempt_count"] == 1
    messages = smtp.messages
    assert len(messages) == 2  # sent once more, not twice more
    assert {m["Message-ID"].strip() for m in messages} == {delivered[0]["message_id"]}
    assert str(messages[0]["Subject"]) == "Bản tin ngày 28/11/2025: 1 cập nhật"


@pytest.mark.parametrize(("now_in_vietnam", "daily", "week"), [
    ("2025-11-28 23:59", "2025-11-27", "2025-11-17"),  # Friday: last week Mon 17–Sun 23
    ("2025-11-29 00:00:10", "2025-11-27", "2025-11-17"),  # within the grace: not the 28th
    ("2025-11-29 00:01", "2025-11-28", "2025-11-17"),
    ("2025-11-24 00:01", "2025-11-23", "2025-11-17"),  # Monday: the week to Sunday ended
])
def test_periods_are_vietnams_days_and_monday_to_sunday_weeks(
    now_in_vietnam: str, daily: str, week: str,
) -> None:
    from datetime import date as day_type
    from zoneinfo import ZoneInfo

    from notifier.application.digests import ended_periods

    now = datetime.fromisoformat(now_in_vietnam).replace(tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    grace = timedelta(seconds=30)
    days = list(ended_periods("daily", now, grace))
    weeks = list(ended_periods("weekly", now, grace))
    assert days[-1].first_day == day_type.fromisoformat(daily)
    assert weeks[-1].first_day == day_type.fromisoformat(week)
    assert weeks[-1].first_day.weekday() == 0 and weeks[-1].days == 7
    assert all(p.end <= now - grace for p in days + weeks)  # only what has ended
    assert len(days) == 7 and len(weeks) == 4


def test_staff_choose_how_often_their_own_e_mail_comes_and_no_one_elses(
    api_settings: NotifierSettings, notifier: Notifier,
) -> None:
    app = create_http_app(api_settings, notifier, SaveSignal(notifier))
    ubnd_unit = bearer(api_settings, Agency.UBND, unit="Sở Xây dựng")
    with TestClient(app) as http:
        own = {"recipient": "agency:ubnd/Sở Xây dựng"}
        assert http.get("/preferences", params=own, headers=ubnd_unit).json()[
            "cadence"] == "immediate"
        chosen = http.put("/preferences", json={**own, "cadence": "weekly"}, headers=ubnd_unit)
        assert chosen.status_code == 200 and chosen.json()["cadence"] == "weekly"
        assert http.get("/preferences", params=own, headers=ubnd_unit).json()[
            "cadence"] == "weekly"
        others = http.put("/preferences", json={"recipient": "agency:mttq", "cadence": "daily"},
                          headers=ubnd_unit)
        assert others.status_code == 403
        wrong = http.put("/preferences", json={**own, "cadence": "hourly"}, headers=ubnd_unit)
        assert wrong.status_code == 422
        assert http.put("/preferences", json={**own, "cadence": "daily"}).status_code == 401
    assert notifier.read_model.cadence(Recipient.of_agency("mttq")) == "immediate"


def test_what_a_daily_digest_held_is_still_sent_after_switching_to_each_time(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
    smtp: SmtpSink,
) -> None:
    """Switching cadence in the middle of a day once lost the day's news so far: it had
    not been e-mailed at once (the choice was daily), and no digest covered it any more."""
    clock = ManualClock(BEFORE_MIDNIGHT - timedelta(hours=6))  # 17:59 in Vietnam
    server = start_notifier(clock, **mail_settings(smtp))
    road = uuid4()
    with server.client() as http:
        follow(http, road)
        follower = confirm_by_mail(http, smtp, 1)
        token = UNSUBSCRIBE.search(to_voter(smtp)[0].get_content()).group(2)  # type: ignore[union-attr]
        assert http.post(f"/followers/{follower}/preferences",
                         json={"token": token, "cadence": "daily"}).status_code == 204
        clock.set(BEFORE_MIDNIGHT - timedelta(hours=5))  # 18:59: in the daily digest
        upstream.publish((forwarded(road), str(road)))
        told(http, settings, follower, 1)
        clock.set(BEFORE_MIDNIGHT - timedelta(hours=4))  # 19:59: now each time
        assert http.post(f"/followers/{follower}/preferences",
                         json={"token": token, "cadence": "immediate"}).status_code == 204
        clock.set(BEFORE_MIDNIGHT - timedelta(hours=3))  # 20:59: e-mailed at once
        upstream.publish((answered(road), str(road)))
        told(http, settings, follower, 2)
        at_once = wait_until(lambda: len(m := to_voter(smtp)) >= 2 and m[1], what="at once")
        assert "đã có trả lời" in str(at_once["Subject"])
        clock.set(BEFORE_MIDNIGHT + timedelta(minutes=2))  # the day ended
        digest = wait_until(lambda: len(m := to_voter(smtp)) >= 3 and m[2], what="the digest")
    assert str(digest["Subject"]) == "Bản tin ngày 28/11/2025: 1 cập nhật"
    assert "đã được chuyển" in digest.get_content()  # the forward, held for the digest
    assert "đã có trả lời" not in digest.get_content()  # the answer went at once
