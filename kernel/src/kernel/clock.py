"""The one clock every application reads, and the Vietnamese calendar day.

Applications take a ``Clock`` (``SystemClock`` in production, ``ManualClock`` in tests
that let a due date pass) and ask it for the time; dates in records are Vietnamese
calendar days, whatever the server's timezone, so "today" is ``today_in_vietnam(clock)``.
"""

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
    """The machine's time, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told to (tests), safe to move from another thread."""

    def __init__(self, start: datetime) -> None:
        check_aware(start)
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, by: timedelta) -> None:
        with self._lock:
            self._now += by

    def set(self, moment: datetime) -> None:
        check_aware(moment)
        with self._lock:
            self._now = moment


def check_aware(moment: datetime) -> datetime:
    """``moment``, if it carries its UTC offset: a naive time would be read in the
    server's own timezone, and a day near midnight would be the wrong one."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no UTC offset; the clock needs one")
    return moment


def day_in_vietnam(moment: datetime) -> date:
    """The calendar day in Vietnam at ``moment`` (a timezone-aware time)."""
    return check_aware(moment).astimezone(VIETNAM).date()


def today_in_vietnam(clock: Clock) -> date:
    """Today's date in Vietnam on ``clock``: due dates and facts are Vietnamese days."""
    return day_in_vietnam(clock.now())


# How far from this year a day the system accepts may lie, either way, in whole calendar
# years: two five-year terms of a council (nhiệm kỳ). Records look back over the terms a
# yearly review compares; plans (a roadmap, a session, a due date) look ahead no further.
# Beyond, a day is a typing error (0001-01-01, 9999-12-31) that would overflow the date
# arithmetic of deadlines, reminders and time zones.
PLAUSIBLE_YEARS = 10


def plausible_years(today: date) -> range:
    """The years whose days the system accepts, around ``today``'s."""
    return range(today.year - PLAUSIBLE_YEARS, today.year + PLAUSIBLE_YEARS + 1)


def plausible_days(today: date) -> tuple[date, date]:
    """The first and last day the system accepts, around ``today``."""
    years = plausible_years(today)
    return date(years[0], 1, 1), date(years[-1], 12, 31)


def check_plausible_day(day: date, today: date) -> date:
    """``day``, if it lies within ``plausible_days(today)``; else ``ValueError``."""
    first, last = plausible_days(today)
    if not first <= day <= last:
        raise ValueError(f"expected a day between {first.isoformat()} and {last.isoformat()}")
    return day
