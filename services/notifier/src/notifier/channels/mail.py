"""E-mail over SMTP (aiosmtplib), Vietnamese first, then English.

The Message-ID is the delivery's stable id, the same on every attempt: a mail client or
archive that receives it twice (a crash between sending and recording) sees one message.
"""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime

import aiosmtplib

from notifier.application import DeliveryJob
from notifier.domain.delivery import Outcome
from notifier.settings import NotifierSettings


def email_message(job: DeliveryJob, mail_from: str) -> EmailMessage:
    notification = job.notification
    title, body = notification["title"], notification["body"]
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = job.target
    message["Subject"] = title["vi"]
    message["Message-ID"] = job.message_id
    message["Date"] = format_datetime(datetime.fromisoformat(notification["created_at"]))
    message["Content-Language"] = "vi, en"
    message["X-Phoihop-Notification"] = notification["id"]
    message["X-Phoihop-Type"] = notification["type"]
    message.set_content(
        f"{body['vi']}\n\n-- English --\n{title['en']}\n\n{body['en']}\n", charset="utf-8"
    )
    return message


class EmailChannel:
    def __init__(self, settings: NotifierSettings) -> None:
        self.settings = settings

    async def send(self, job: DeliveryJob) -> Outcome:
        s = self.settings
        message = email_message(job, s.mail_from)
        try:
            await aiosmtplib.send(
                message, hostname=s.smtp_host, port=s.smtp_port, username=s.smtp_username,
                password=s.smtp_password, start_tls=s.smtp_starttls,
                timeout=s.smtp_timeout_seconds,
            )
        except (aiosmtplib.SMTPException, OSError) as error:
            return Outcome(False, error=f"{type(error).__name__}: {error}")
        return Outcome(True)

    async def close(self) -> None:
        return None

