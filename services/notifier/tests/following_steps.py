"""What the followers' tests share: the voter's address, the links in the mail, and
the steps a voter takes (follow, confirm by the mail's link, what they were told)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.message import Message
from typing import Any
from uuid import UUID

import httpx
from notifier_servers import SmtpSink
from notifier_support import bearer, wait_until

from contracts.vocabulary import Agency
from notifier.settings import NotifierSettings

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
