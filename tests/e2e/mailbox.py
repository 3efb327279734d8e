"""A real SMTP server (aiosmtpd) on a free port that keeps what it receives: where the
cross-service tests read the e-mails the notifier sends (a follower's confirmation, the
published answer)."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller

from chassis.messaging.embedded_nats import free_port

CONFIRM = re.compile(r"/theo-doi/xac-nhan/([0-9a-f-]{36})\?t=([0-9a-f]+)")
UNSUBSCRIBE = re.compile(r"/theo-doi/huy/([0-9a-f-]{36})\?t=([0-9a-f]+)")


class Mailbox:
    """Started with ``start()``, stopped with ``stop()``; ``settings`` for the notifier."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.content,
                                                      policy=email.policy.default))
        return "250 Message accepted for delivery"

    @property
    def settings(self) -> dict[str, str]:
        """The notifier's environment that sends its e-mail here."""
        return {"PHOIHOP_SMTP_HOST": "127.0.0.1", "PHOIHOP_SMTP_PORT": str(self.port)}

    def to(self, address: str) -> list[Message]:
        return [m for m in list(self.messages) if str(m["To"]) == address.casefold()]

    def start(self) -> Mailbox:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()
