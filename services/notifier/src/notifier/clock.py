"""The notifier's clock: injectable, so tests can let a due date pass."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from typing import Protocol

from contracts.vocabulary import VIETNAM


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, with its UTC offset."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told to (tests), safe to move from another thread."""

    def __init__(self, start: datetime) -> None:
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, by: timedelta) -> None:
        with self._lock:
            self._now += by

    def set(self, moment: datetime) -> None:
        with self._lock:
            self._now = moment


def today_in_vietnam(clock: Clock) -> date:
    """Due dates are Vietnamese calendar days."""
    return clock.now().astimezone(VIETNAM).date()
