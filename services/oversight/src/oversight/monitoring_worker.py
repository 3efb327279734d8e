"""The monitoring worker: on every tick, turns due dates the clock's day has passed into
findings (``Oversight.flag_overdue``: petitions and resolutions; ``flag_late_reports``:
the two-way reports not submitted by their due date).

A finding is an event of its watch, saved with it, and a watch flagged already is left
alone: a restarted service, or a second tick on the same day, records nothing twice.
"""

from __future__ import annotations

from chassis.periodic import run_every
from oversight.application import Oversight


class MonitoringWorker:
    """Every ``poll_seconds``, records the findings the clock's day has brought."""

    def __init__(self, app: Oversight, poll_seconds: float = 60.0) -> None:
        self.app = app
        self.poll_seconds = poll_seconds

    async def run(self) -> None:
        await run_every(self.poll_seconds, self.pass_once, "monitoring: findings recorded")

    def pass_once(self) -> int:
        """The watches past their due dates, then the two-way reports owed and not in."""
        return self.app.flag_overdue() + self.app.flag_late_reports()
