"""Following without an account (issue 20), through a real SMTP server (aiosmtpd) and the
notifier's real app (consumers on a real NATS, workers, HTTP API): double opt-in,
unsubscribe by the link alone, followers kept through a consolidation and its split,
erasure, and the bounds on what a stranger can have sent to an address."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest
from fastapi.testclient import TestClient
from following_steps import (
    CONFIRM,
    UNSUBSCRIBE,
    VOTER,
    confirm_by_mail,
    follow,
    mail_settings,
    notices,
    to_voter,
    told,
)
from notifier_servers import SmtpSink, StartNotifier
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
from notifier.entrypoints.http import create_http_app
from notifier.settings import NotifierSettings

pytestmark = [pytest.mark.integration]


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
