"""Following without an account (issue 20), through a real SMTP server (aiosmtpd) and the
notifier's real app (consumers on a real NATS, workers, HTTP API): double opt-in,
unsubscribe by the link alone, followers kept through a consolidation and its split,
daily digests across Vietnam's day boundary on an injected clock, exactly once across a
restart, nothing for a day without events, and a crash between sending a digest and
recording it."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from email.message import Message
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from fastapi.testclient import TestClient
from notifier_servers import NotifierServer, SmtpSink, StartNotifier
from notifier_support import FORWARDED_AT, Upstream, answered, bearer, forwarded, wait_until

from contracts.petitions.v1 import (
    PetitionConsolidationSplit,
    PetitionsConsolidated,
    PetitionSource,
)
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
VOTER = "Cu.Tri.Tan-Phu@example.vn"
CONFIRM = re.compile(r"/theo-doi/xac-nhan/([0-9a-f-]{36})\?t=([0-9a-f]+)")
UNSUBSCRIBE = re.compile(r"/theo-doi/huy/([0-9a-f-]{36})\?t=([0-9a-f]+)")
# 23:59 in Vietnam (UTC+7) on 28/11/2025, and two minutes later: 00:01 on 29/11.
BEFORE_MIDNIGHT = datetime(2025, 11, 28, 16, 59, tzinfo=UTC)


def mail_settings(smtp: SmtpSink) -> dict[str, Any]:
    return {"smtp_host": "127.0.0.1", "smtp_port": smtp.port, "portal_url": "http://portal.test",
            "digest_poll_seconds": 0.1, "digest_grace_seconds": 30.0}


def to_voter(smtp: SmtpSink) -> list[Message]:
    return [m for m in smtp.messages if str(m["To"]) == VOTER.casefold()]


def follow(http: httpx.Client, petition_id: UUID, email: str = VOTER, **extra: Any) -> None:
    answer = http.post("/follows", json={"email": email, "kind": "petition",
                                         "item_id": str(petition_id), **extra})
    assert answer.status_code == 202, answer.text


def confirm_by_mail(http: httpx.Client, smtp: SmtpSink, count: int) -> UUID:
    """Confirms the ``count``-th message to the voter (a confirmation) by its link alone;
    returns the follower's id."""
    message = wait_until(lambda: len(m := to_voter(smtp)) >= count and m[count - 1],
                         what=f"message {count} to the voter")
    text = message.get_content()
    follow_id, token = CONFIRM.search(text).groups()  # type: ignore[union-attr]
    confirmed = http.post(f"/follows/{follow_id}/confirm", json={"token": token})
    assert confirmed.status_code == 200, confirmed.text
    return UUID(UNSUBSCRIBE.search(text).group(1))  # type: ignore[union-attr]


def notices(http: httpx.Client, settings: NotifierSettings, follower: UUID
            ) -> list[dict[str, Any]]:
    """What the follower was told, newest first, confirmation requests left out."""
    admin = bearer(settings, Agency.HDND, role="admin")
    return [n for n in http.get("/notifications", headers=admin, params={
        "recipient": f"follower:{follower}"}).json() if n["rule_id"] != "follow.confirm"]


def told(http: httpx.Client, settings: NotifierSettings, follower: UUID,
         count: int) -> list[dict[str, Any]]:
    """Waits until the follower has ``count`` notifications (the policy ran)."""
    return wait_until(lambda: len(n := notices(http, settings, follower)) >= count and n,
                      what=f"{count} notifications of the follower")


def test_nothing_is_sent_before_the_confirmation_and_unsubscribing_needs_the_link_alone(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
    smtp: SmtpSink,
) -> None:
    server = start_notifier(**mail_settings(smtp))
    petition = uuid4()
    with server.client() as http:
        follow(http, petition)
        confirmation = wait_until(lambda: to_voter(smtp), what="the confirmation")[0]
        assert str(confirmation["Subject"]) == "Xác nhận theo dõi kiến nghị"
        assert confirmation["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert UNSUBSCRIBE.search(str(confirmation["List-Unsubscribe"]))
        follower = UUID(UNSUBSCRIBE.search(confirmation.get_content()).group(1))  # type: ignore[union-attr]
        # Not confirmed: the forwarding is recorded for the agency, nothing for the voter.
        upstream.publish((forwarded(petition), str(petition)))
        admin = bearer(settings, Agency.HDND, role="admin")
        wait_until(lambda: http.get("/notifications", headers=admin, params={
            "subject_id": str(petition)}).json(), what="the forwarding's notifications")
        assert notices(http, settings, follower) == []
        # A made-up token confirms nothing, in either language.
        follow_id = CONFIRM.search(confirmation.get_content()).group(1)  # type: ignore[union-attr]
        forged = http.post(f"/follows/{follow_id}/confirm", json={"token": "0" * 40},
                           headers={"Accept-Language": "vi"})
        assert forged.status_code == 403 and "Đường dẫn không hợp lệ" in forged.text
        # Asking again while pending sends nothing more (no one is flooded by requests).
        follow(http, petition, email=VOTER.upper())
        confirm_by_mail(http, smtp, 1)
        upstream.publish((answered(petition), str(petition)))
        told(http, settings, follower, 1)
        answer = wait_until(lambda: len(m := to_voter(smtp)) >= 2 and m[1], what="the answer")
        assert "đã có trả lời" in str(answer["Subject"])
        assert "http://portal.test/kien-nghi/" in answer.get_content()
        # Unsubscribed by the link alone: no token, no sign-in.
        _, token = UNSUBSCRIBE.search(str(answer["List-Unsubscribe"])).groups()  # type: ignore[union-attr]
        assert http.post(f"/followers/{follower}/unsubscribe",
                         json={"token": "f" * 40}).status_code == 403
        assert http.post(f"/followers/{follower}/unsubscribe",
                         json={"token": token}).status_code == 204
        later = uuid4()
        upstream.publish((answered(petition, answered_on=answered(petition).answered_on),
                          str(petition)), (forwarded(later), str(later)))
        wait_until(lambda: http.get("/notifications", headers=admin, params={
            "subject_id": str(later)}).json(), what="the later event's notifications")
        assert http.get(f"/followers/{follower}", params={"token": token}).json()["follows"] == []
    assert len(to_voter(smtp)) == 2


def test_the_followers_of_merged_petitions_follow_the_merged_one_told_once_and_a_split_restores(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
    smtp: SmtpSink,
) -> None:
    server = start_notifier(**mail_settings(smtp))
    first, second, merged = uuid4(), uuid4(), uuid4()
    with server.client() as http:
        follow(http, first)
        follower = confirm_by_mail(http, smtp, 1)
        follow(http, second)
        confirm_by_mail(http, smtp, 2)
        upstream.publish((PetitionsConsolidated(
            petition_id=merged, merged_petition_ids=[first, second],
            text="Sửa chữa đường tỉnh 864", sources=[
                PetitionSource(petition_id=first, commune="Tân Phú"),
                PetitionSource(petition_id=second, commune="Phú Mỹ")],
            meeting_count=2, commune_count=2), str(merged)))
        told(http, settings, follower, 1)
        upstream.publish((forwarded(merged), str(merged)))
        notices = told(http, settings, follower, 2)
        assert [n["rule_id"] for n in notices] == ["follow.petition_forwarded",
                                                   "follow.consolidated"]
        merged_notice = wait_until(lambda: len(m := to_voter(smtp)) >= 4 and m[2])
        assert "đã được gộp" in str(merged_notice["Subject"])
        assert f"http://portal.test/kien-nghi/{merged}" in merged_notice.get_content()
        follows = http.get(f"/followers/{follower}", params={
            "token": UNSUBSCRIBE.search(merged_notice.get_content()).group(2)}).json()  # type: ignore[union-attr]
        assert {f["item"] for f in follows["follows"]} == {f"petition:{merged}"}

        upstream.publish((PetitionConsolidationSplit(
            petition_id=merged, restored_petition_ids=[first, second],
            reason="Hai kiến nghị khác đoạn đường"), str(merged)))
        told(http, settings, follower, 3)
        upstream.publish((forwarded(first), str(first)))
        told(http, settings, follower, 4)
        follows = http.get(f"/followers/{follower}", params={
            "token": UNSUBSCRIBE.search(merged_notice.get_content()).group(2)}).json()  # type: ignore[union-attr]
        assert {f["item"] for f in follows["follows"]} == {f"petition:{first}",
                                                          f"petition:{second}"}
    wait_until(lambda: len(to_voter(smtp)) >= 6, what="the split and the forwarding")
    subjects = [str(m["Subject"]) for m in to_voter(smtp)]
    assert sum("đã được gộp" in s for s in subjects) == 1  # told once, not once per petition
    assert sum("tách ra" in s for s in subjects) == 1
    assert len(subjects) == 6


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


def test_followers_are_told_when_the_agency_is_late_with_the_due_date(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
    smtp: SmtpSink,
) -> None:
    clock = ManualClock(FORWARDED_AT)
    server = start_notifier(clock, **mail_settings(smtp))
    petition = uuid4()
    with server.client() as http:
        follow(http, petition, language="en")
        follower = confirm_by_mail(http, smtp, 1)
        upstream.publish((forwarded(petition), str(petition)))
        told(http, settings, follower, 1)
        clock.set(datetime(2025, 12, 29, 3, 0, tzinfo=UTC))  # the day after the due date
        late = told(http, settings, follower, 2)[0]
    assert late["rule_id"] == "follow.overdue"
    message = wait_until(lambda: len(m := to_voter(smtp)) >= 3 and m[2], what="the overdue")
    assert str(message["Subject"]) == "The petition you follow is overdue (due 2025-12-28)"
    text = message.get_content()  # English first, as chosen, then Vietnamese
    assert text.index("it was due on 2025-12-28") < text.index("hạn trả lời là ngày 28/12/2025")


@pytest.mark.parametrize("body", [
    {"email": "not an address", "kind": "petition"},
    {"email": VOTER, "kind": "letter"},
    {"email": VOTER, "kind": "petition", "item_id": "42"},
    {"email": VOTER, "kind": "petition", "language": "fr"},
    {"email": "a@b.c" + "x" * 300, "kind": "petition"},
])
def test_a_bad_follow_request_is_a_422_in_both_languages_and_stores_nothing(
    body: dict[str, Any], api_settings: NotifierSettings, notifier: Notifier,
) -> None:
    app = create_http_app(api_settings, notifier, SaveSignal(notifier))
    with TestClient(app) as http:
        request = {"item_id": str(uuid4()), **body}
        for language, words in (("vi", "không hợp lệ"), ("en", "nvalid")):
            refused = http.post("/follows", json=request, headers={"Accept-Language": language})
            assert refused.status_code == 422, refused.text
            assert refused.headers["content-type"].startswith("application/problem+json")
            assert words in refused.json()["title"]
    assert notifier.read_model.follows() == []
    assert notifier.read_model.notifications() == []


def test_erasing_shreds_the_address_and_cancels_what_was_still_to_be_sent(
    settings: NotifierSettings, smtp: SmtpSink,
) -> None:
    config = settings.model_copy(update=mail_settings(smtp))
    notifier = build_notifier(config)
    try:
        notifier.following.follow(VOTER, "petition", uuid4())
        follower = UUID(notifier.read_model.follows()[0]["follower_id"])
        jobs, _ = notifier.read_model.due_deliveries(notifier.clock.now())
        token = notifier.following.links.token("follower", follower)
        stored = b"".join(p.read_bytes() for p in settings.data_dir.rglob("*") if p.is_file())
        assert VOTER.casefold().encode() not in stored  # sealed from the start
        assert notifier.following.addresses.get(follower) is not None
        notifier.following.erase(follower, token)
        assert notifier.following.addresses.get(follower) is None
        outcome = asyncio.run(EmailChannel(config, notifier.following.mail_for).send(jobs[0]))
        assert outcome.cancelled and smtp.messages == []
        assert notifier.repository.get(follower).erased
    finally:
        notifier.close()


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


def test_without_an_smtp_server_a_follow_is_recorded_and_nothing_is_queued(
    notifier: Notifier,
) -> None:
    notifier.following.follow(VOTER, "session", uuid4())
    assert [n["rule_id"] for n in notifier.read_model.notifications()] == ["follow.confirm"]
    assert notifier.read_model.deliveries() == []  # no e-mail channel: no failing attempts


def test_following_again_after_unsubscribing_needs_a_new_confirmation(
    start_notifier: StartNotifier, settings: NotifierSettings, upstream: Upstream,
    smtp: SmtpSink,
) -> None:
    server = start_notifier(**mail_settings(smtp))
    petition = uuid4()
    with server.client() as http:
        follow(http, petition)
        follower = confirm_by_mail(http, smtp, 1)
        token = UNSUBSCRIBE.search(to_voter(smtp)[0].get_content()).group(2)  # type: ignore[union-attr]
        assert http.post(f"/followers/{follower}/unsubscribe",
                         json={"token": token}).status_code == 204
        follow(http, petition)  # the same address, the same petition: asked again
        assert confirm_by_mail(http, smtp, 2) == follower  # a new confirmation, the same id
        upstream.publish((answered(petition), str(petition)))
        told(http, settings, follower, 1)
    answer = wait_until(lambda: len(m := to_voter(smtp)) >= 3 and m[2], what="the answer")
    assert "đã có trả lời" in str(answer["Subject"])


def test_after_an_erasure_one_address_has_one_new_follower_and_one_confirmation_per_item(
    settings: NotifierSettings, smtp: SmtpSink,
) -> None:
    """Asking again while pending sends nothing, after an erasure too: the erased follower
    is left alone and the address's next one is found again (it once was not, and every
    request made a follower and a confirmation of its own)."""
    notifier = build_notifier(settings.model_copy(update=mail_settings(smtp)))
    try:
        notifier.following.follow(VOTER, "petition", uuid4())
        erased = UUID(notifier.read_model.follows()[0]["follower_id"])
        notifier.following.erase(erased, notifier.following.links.token("follower", erased))
        again = uuid4()
        for _ in range(3):
            notifier.following.follow(VOTER, "petition", again)
        followers = {f["follower_id"] for f in notifier.read_model.follows()}
        assert len(followers - {str(erased)}) == 1
        confirmations = notifier.read_model.notifications(rule_id="follow.confirm")
        assert len(confirmations) == 2  # the first follow's, and one for the address again
    finally:
        notifier.close()


def test_an_address_gets_at_most_five_confirmations_waiting_at_once(
    settings: NotifierSettings, smtp: SmtpSink,
) -> None:
    """Anyone may ask to follow anything for any address: the confirmations a stranger can
    have sent to someone are bounded, until that person confirms one."""
    from notifier.domain.errors import TooManyUnconfirmedFollowsError

    notifier = build_notifier(settings.model_copy(update=mail_settings(smtp)))
    try:
        for _ in range(5):
            notifier.following.follow(VOTER, "petition", uuid4())
        with pytest.raises(TooManyUnconfirmedFollowsError):
            notifier.following.follow(VOTER, "petition", uuid4())
        assert len(notifier.read_model.notifications(rule_id="follow.confirm")) == 5
        notifier.following.follow("nguoi.khac@example.vn", "petition", uuid4())  # others may
    finally:
        notifier.close()


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
