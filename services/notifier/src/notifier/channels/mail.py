"""E-mail over SMTP (aiosmtplib), Vietnamese first, then English.

The Message-ID is the delivery's stable id, the same on every attempt: a mail client or
archive that receives it twice (a crash between sending and recording) sees one message.

A follower's delivery names no address (its target is ``follower:<id>``): the address is
opened from its sealed row at the moment of sending (``application/following.py``), and
the message carries the one-click unsubscribe link in its body and in the
``List-Unsubscribe`` and ``List-Unsubscribe-Post`` headers (RFC 8058). An erased or
unsubscribed follower's delivery is cancelled, not sent.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any
from uuid import UUID

import aiosmtplib

from notifier.application import DeliveryJob
from notifier.application.following import FollowerMail
from notifier.domain.delivery import Outcome
from notifier.settings import NotifierSettings

FOLLOWER = "follower:"
FollowerMailOf = Callable[[UUID, dict[str, Any]], FollowerMail | None]


def email_message(job: DeliveryJob, mail_from: str,
                  follower: FollowerMail | None = None) -> EmailMessage:
    notification = job.notification
    title, body = notification["title"], notification["body"]
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = follower.address if follower else job.target
    message["Message-ID"] = job.message_id
    message["Date"] = format_datetime(datetime.fromisoformat(notification["created_at"]))
    message["X-Phoihop-Notification"] = notification["id"]
    message["X-Phoihop-Type"] = notification["type"]
    if follower is None:
        message["Subject"] = title["vi"]
        message["Content-Language"] = "vi, en"
        message.set_content(
            f"{body['vi']}\n\n-- English --\n{title['en']}\n\n{body['en']}\n", charset="utf-8"
        )
        return message
    message["Subject"] = title[follower.language]
    message["Content-Language"] = "vi" if follower.language == "vi" else "en, vi"
    message["List-Unsubscribe"] = f"<{follower.unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(follower_text(title, body, follower), charset="utf-8")
    return message


def follower_text(title: dict[str, str], body: dict[str, str], follower: FollowerMail) -> str:
    """Vietnamese; English first, then Vietnamese, for a follower who chose English."""
    confirm = ({"vi": f"\n\nXác nhận theo dõi: {follower.confirm_url}",
                "en": f"\n\nConfirm: {follower.confirm_url}"} if follower.confirm_url
               else {"vi": "", "en": ""})
    footer = {"vi": f"Hủy theo dõi (một lần bấm, không cần đăng nhập): {follower.unsubscribe_url}",
              "en": f"Unsubscribe (one click, no sign-in): {follower.unsubscribe_url}"}
    vietnamese = f"{body['vi']}{confirm['vi']}\n\n--\n{footer['vi']}\n"
    if follower.language != "en":
        return vietnamese
    return (f"{body['en']}{confirm['en']}\n\n--\n{footer['en']}\n\n"
            f"-- Tiếng Việt --\n{title['vi']}\n\n{vietnamese}")


class EmailChannel:
    def __init__(self, settings: NotifierSettings,
                 follower_mail: FollowerMailOf | None = None) -> None:
        self.settings = settings
        self.follower_mail = follower_mail

    async def send(self, job: DeliveryJob) -> Outcome:
        s = self.settings
        follower = None
        if job.target.startswith(FOLLOWER):
            if self.follower_mail is None:
                return Outcome(False, error="followers' mail is not configured")
            follower = await asyncio.to_thread(
                self.follower_mail, UUID(job.target[len(FOLLOWER):]), job.notification)
            if follower is None:
                return Outcome(False, error="the follower unsubscribed or was erased",
                               cancelled=True)
        message = email_message(job, s.mail_from, follower)
        try:
            await aiosmtplib.send(
                message, hostname=s.smtp_host, port=s.smtp_port, username=s.smtp_username,
                password=s.smtp_password, start_tls=s.smtp_starttls,
                timeout=s.smtp_timeout_seconds,
            )
        except (aiosmtplib.SMTPException, OSError) as error:
            # The error names the server's answer; it may echo the recipient: say only
            # which kind of failure it was for a follower.
            detail = type(error).__name__ if follower else f"{type(error).__name__}: {error}"
            return Outcome(False, error=detail)
        return Outcome(True)

    async def close(self) -> None:
        return None
