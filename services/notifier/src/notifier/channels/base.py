"""What every delivery channel does: one attempt, one outcome (the delivery worker's port)."""

from __future__ import annotations

from typing import Protocol

from notifier.application import DeliveryJob
from notifier.domain.delivery import Outcome


class Channel(Protocol):
    async def send(self, job: DeliveryJob) -> Outcome:
        """Makes one attempt; never raises (a failure is an outcome)."""
        ...

    async def close(self) -> None:
        """Releases connections."""
        ...
