"""Pure parts: reminder stages from the rulebook, webhook signatures, backoff, the Atom
feed and the e-mail message."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4
from xml.etree import ElementTree as ET

import pytest

from kernel.rulebook import default_rulebook, load_rulebook
from notifier.application.readmodel import DeliveryJob
from notifier.channels.feed import atom_feed
from notifier.channels.mail import email_message
from notifier.channels.webhook import sign, signed_headers, webhook_body
from notifier.domain.delivery import Backoff
from notifier.domain.errors import InvalidSubscriptionError
from notifier.domain.reminder import Stage, current_stage
from notifier.domain.subscription import check_url, new_secret, secret_key

ATOM = "{http://www.w3.org/2005/Atom}"


def stage(due: date, today: date, started: date = date(2025, 11, 28)) -> Stage | None:
    return current_stage(due, started, today, default_rulebook())


def test_stages_come_five_working_days_before_on_the_day_and_weekly_after() -> None:
    due = date(2025, 12, 26)  # a Friday
    assert stage(due, date(2025, 12, 18)) is None
    assert stage(due, date(2025, 12, 19)) == Stage("before_due", 0, date(2025, 12, 19))
    assert stage(due, date(2025, 12, 25)) == Stage("before_due", 0, date(2025, 12, 19))
    assert stage(due, date(2025, 12, 26)) == Stage("due", 0, due)
    assert stage(due, date(2025, 12, 27)) == Stage("overdue", 1, date(2025, 12, 27))
    assert stage(due, date(2026, 1, 2)) == Stage("overdue", 1, date(2025, 12, 27))
    assert stage(due, date(2026, 1, 3)) == Stage("overdue", 2, date(2026, 1, 3))
    assert stage(due, date(2026, 1, 3)).key == "overdue-2"  # type: ignore[union-attr]


def test_working_days_skip_weekends_and_public_holidays() -> None:
    # 2 September (National Day) and the day off beside it are not working days.
    before = stage(date(2025, 9, 8), date(2025, 8, 28), started=date(2025, 8, 1))
    assert before == Stage("before_due", 0, date(2025, 8, 28))


def test_the_rule_in_force_on_the_start_day_sets_the_schedule() -> None:
    book = load_rulebook("""
[[rule]]
id = "reminder.before_due"
title = "t"
value = 3
unit = "days"
legal_source = "old"
effective_from = 2016-01-01
confidence = "L"

[[rule]]
id = "reminder.before_due"
title = "t"
value = 10
unit = "days"
legal_source = "new"
effective_from = 2026-01-01
confidence = "L"
""")
    due = date(2026, 3, 20)
    assert current_stage(due, date(2025, 12, 1), date(2026, 3, 12), book) is None
    assert current_stage(due, date(2026, 2, 1), date(2026, 3, 12), book) == Stage(
        "before_due", 0, date(2026, 3, 10))


def test_signatures_reproduce_the_standard_webhooks_test_vector() -> None:
    signature = sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                     1614265330, b'{"test": 2432232314}')
    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_secrets_are_whsec_base64_of_24_to_64_bytes() -> None:
    assert len(secret_key(new_secret())) == 32
    for bad in ("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_not base64!", "whsec_c2hvcnQ="):
        with pytest.raises(InvalidSubscriptionError):
            secret_key(bad)


def test_production_refuses_plain_http_and_internal_addresses() -> None:
    assert check_url("https://hethong.tiengiang.gov.vn/hooks", allow_http=False,
                     allow_private=False)
    for url in ("http://hethong.tiengiang.gov.vn/hooks", "https://127.0.0.1/h",
                "https://10.0.0.7/h", "https://169.254.169.254/latest", "https://localhost/h",
                "https://[::1]/h", "ftp://x.vn/h", "https:///h"):
        with pytest.raises(InvalidSubscriptionError):
            check_url(url, allow_http=False, allow_private=False)
    assert check_url("http://127.0.0.1:9/h", allow_http=True, allow_private=True)


def test_backoff_grows_exponentially_with_bounded_jitter() -> None:
    backoff = Backoff(base_seconds=2.0, max_seconds=60.0)
    assert [backoff.delay(n, draw=0.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 8.0]
    assert [backoff.delay(n, draw=1.0) for n in (1, 2, 3, 4)] == [2.0, 4.0, 8.0, 16.0]
    assert backoff.delay(20, draw=1.0) == 60.0
    drawn = [backoff.delay(5) for _ in range(100)]
    assert all(16.0 <= delay <= 32.0 for delay in drawn) and len(set(drawn)) > 1


def job(**notification: Any) -> DeliveryJob:
    summary = {
        "id": str(uuid4()), "type": "vn.phoihop.petitions.PetitionAnswerPublished.v1",
        "rule_id": "petition.answer_published", "recipient": "public", "subject_id": "p",
        "cause": "tien-giang:petitions:7", "occurred_at": "2026-01-05T02:00:00+00:00",
        "created_at": "2026-01-05T02:00:01+00:00", "channels": ["feed", "webhook"],
        "title": {"vi": "Kết quả trả lời kiến nghị cử tri", "en": "Answer to a petition"},
        "body": {"vi": "Trả lời: đã bố trí vốn.", "en": "Answer: funds allocated."},
        **notification,
    }
    return DeliveryJob(uuid4(), "webhook", "https://x.vn/h", "msg_abc", 1, summary,
                       {"id": "tien-giang:petitions:7"}, new_secret(), True)


def test_a_webhook_body_is_the_same_bytes_every_time_and_signed_per_attempt() -> None:
    delivery = job()
    body = webhook_body(delivery)
    assert body == webhook_body(delivery)
    secret = delivery.secret or ""
    first = signed_headers(delivery, secret, body, 1000)
    later = signed_headers(delivery, secret, body, 1060)
    assert first["webhook-id"] == later["webhook-id"] == "msg_abc"
    assert first["webhook-signature"] != later["webhook-signature"]


def test_the_feed_is_atom_that_the_standard_library_parses() -> None:
    entries = [job().notification, job(occurred_at="2026-01-04T02:00:00+00:00").notification]
    document = atom_feed(entries, jurisdiction="tien-giang", self_url="http://x/feed.atom",
                         now=datetime(2026, 1, 6, tzinfo=UTC))
    root = ET.fromstring(document)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}updated") == "2026-01-05T02:00:00Z"
    assert [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")] == [
        f"urn:uuid:{e['id']}" for e in entries]
    empty = ET.fromstring(atom_feed([], jurisdiction="tien-giang", self_url="http://x",
                                    now=datetime(2026, 1, 6, tzinfo=UTC)))
    assert empty.findtext(f"{ATOM}updated") == "2026-01-06T00:00:00Z"


def test_an_email_carries_its_stable_message_id_and_both_languages() -> None:
    delivery = job()
    message = email_message(delivery, "Phối hợp <thongbao@phoihop.local>")
    assert message["Message-ID"] == "msg_abc"
    assert message["Subject"] == "Kết quả trả lời kiến nghị cử tri"
    text = message.get_content()
    assert "đã bố trí vốn" in text and "Answer: funds allocated." in text
