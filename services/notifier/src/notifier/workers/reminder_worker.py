"""The reminder worker: on every tick, sends the stages the clock's day has reached.

What is due is read from the store (through the reminder book's schedule, which follows
the read model): a restarted notifier finds the active reminders where the last one left
them, and a stage sent is recorded with its reminder, so it is never sent twice.
"""

from __future__ import annotations

import asyncio
import logging

from notifier.application import Notifier
from notifier.application.reminders import CHUNK
from notifier.metrics import REMINDERS_SENT

log = logging.getLogger(__name__)


class ReminderWorker:
    """Every ``poll_seconds``, sends the stage each active reminder reached on the clock's day."""

    def __init__(self, app: Notifier, poll_seconds: float = 60.0) -> None:
        self.app = app
        self.poll_seconds = poll_seconds

    async def run(self) -> None:
        while True:
            try:
                sent = await self.pass_once()
                REMINDERS_SENT.inc(sent)
                if sent:
                    log.info("sent %d reminder stage(s)", sent)
            except Exception:  # the store may be down: try again on the next tick
                log.exception("reminders: pass failed")
            await asyncio.sleep(self.poll_seconds)

    async def pass_once(self) -> int:
        """One pass in short steps, each in a thread: the consumers and the live inbox
        get the GIL and the event loop between steps, never waiting for a whole pass."""
        book = self.app.reminders
        while await asyncio.to_thread(book.follow_changes, CHUNK):
            pass
        due = await asyncio.to_thread(book.take_due, self.app.today())
        sent = 0
        for start in range(0, len(due), CHUNK):
            sent += await asyncio.to_thread(book.send, due[start:start + CHUNK],
                                            self.app.today())
        return sent
