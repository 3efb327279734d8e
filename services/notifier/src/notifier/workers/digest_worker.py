"""The digest worker: on every tick, builds the digests whose period ended.

What was built is in the store (a digest is a notification whose id names its recipient
and period), so a restarted notifier builds only what is missing, and the delivery
worker sends it like any other delivery.
"""

from __future__ import annotations

import asyncio

from chassis.periodic import run_every
from notifier.application import Notifier


class DigestWorker:
    """Every ``poll_seconds``, builds the digests due on the notifier's clock."""

    def __init__(self, app: Notifier, poll_seconds: float = 60.0) -> None:
        self.app = app
        self.poll_seconds = poll_seconds

    async def run(self) -> None:
        await run_every(self.poll_seconds, self.app.digests.build_due, "digests built")

    async def pass_once(self) -> int:
        return await asyncio.to_thread(self.app.digests.build_due)
