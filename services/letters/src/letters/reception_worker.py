"""The reception worker: on every tick, records the missed reception obligations the
clock's day has brought (``Letters.record_missed_receptions``), so they are published.

A finding's id is its holder and period: a restarted service, a second tick on the same
day or a second replica records nothing twice (the second save fails and is retried).
"""

from __future__ import annotations

import asyncio
import logging

from letters.application import Letters

log = logging.getLogger(__name__)


class ReceptionWorker:
    """Every ``poll_seconds``, records the missed reception obligations found."""

    def __init__(self, app: Letters, poll_seconds: float = 300.0) -> None:
        self.app = app
        self.poll_seconds = poll_seconds

    async def run(self) -> None:
        while True:
            try:
                found = await asyncio.to_thread(self.app.record_missed_receptions)
                if found:
                    log.info("reception: %d missed obligation(s) recorded", found)
            except Exception:  # the store may be down, or another replica saved first
                log.exception("reception: pass failed")
            await asyncio.sleep(self.poll_seconds)
