"""The reception worker: on every tick, records the missed reception obligations the
clock's day has brought (``Letters.record_missed_receptions``), so they are published.

A finding's id is its holder and period: a restarted service, a second tick on the same
day or a second replica records nothing twice (the second save fails and is retried).
"""

from __future__ import annotations

from chassis.periodic import run_every
from letters.application import Letters


class ReceptionWorker:
    """Every ``poll_seconds``, records the missed reception obligations found."""

    def __init__(self, app: Letters, poll_seconds: float = 300.0) -> None:
        self.app = app
        self.poll_seconds = poll_seconds

    async def run(self) -> None:
        await run_every(self.poll_seconds, self.app.record_missed_receptions,
                        "reception: missed obligations recorded")
