"""The monitoring worker: on every tick, turns due dates the clock's day has passed into
findings (``Oversight.flag_overdue``: petitions and resolutions; ``flag_late_reports``:
the two-way reports not submitted by their due date).

A finding is an event of its watch, saved with it, and a watch flagged already is left
alone: a restarted service, or a second tick on the same day, records nothing twice.
"""

from __future__ import annotations

import asyncio
import logging

from oversight.application import Oversight

log = logging.getLogger(__name__)


class MonitoringWorker:
    """Every ``poll_seconds``, records the findings the clock's day has brought."""

    def __init__(self, app: Oversight, poll_seconds: float = 60.0) -> None:
        self.app = app
        self.poll_seconds = poll_seconds

    async def run(self) -> None:
        while True:
            try:
                found = await asyncio.to_thread(self.app.flag_overdue)
                found += await asyncio.to_thread(self.app.flag_late_reports)
                if found:
                    log.info("monitoring: %d finding(s) recorded", found)
            except Exception:  # the store may be down, or a consumer saved first: next tick
                log.exception("monitoring: pass failed")
            await asyncio.sleep(self.poll_seconds)
