"""The one clock and the Vietnamese calendar day."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from kernel.clock import (
    Clock,
    ManualClock,
    SystemClock,
    check_plausible_day,
    day_in_vietnam,
    plausible_days,
    today_in_vietnam,
)

MORNING_UTC = datetime(2025, 12, 28, 1, 0, tzinfo=UTC)


def test_the_system_clock_gives_the_time_with_its_offset() -> None:
    before = datetime.now(UTC)
    now = SystemClock().now()
    assert now.utcoffset() == timedelta(0)
    assert before <= now <= datetime.now(UTC)


def test_a_manual_clock_moves_only_when_told() -> None:
    clock = ManualClock(MORNING_UTC)
    assert clock.now() == clock.now() == MORNING_UTC
    clock.advance(timedelta(days=2, hours=3))
    assert clock.now() == datetime(2025, 12, 30, 4, 0, tzinfo=UTC)
    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    assert clock.now() == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_a_manual_clock_may_be_moved_from_another_thread() -> None:
    clock = ManualClock(MORNING_UTC)
    movers = [threading.Thread(target=clock.advance, args=(timedelta(minutes=1),))
              for _ in range(50)]
    for mover in movers:
        mover.start()
    for mover in movers:
        mover.join()
    assert clock.now() == MORNING_UTC + timedelta(minutes=50)


def test_a_clock_refuses_a_time_without_its_offset() -> None:
    with pytest.raises(ValueError, match="UTC offset"):
        ManualClock(datetime(2025, 12, 28, 1, 0))
    clock = ManualClock(MORNING_UTC)
    with pytest.raises(ValueError, match="UTC offset"):
        clock.set(datetime(2025, 12, 28, 1, 0))


@pytest.mark.parametrize(("moment", "day"), [
    (datetime(2025, 12, 28, 16, 59, tzinfo=UTC), date(2025, 12, 28)),  # 23:59 in Vietnam
    (datetime(2025, 12, 28, 17, 0, tzinfo=UTC), date(2025, 12, 29)),  # midnight in Vietnam
    (datetime(2025, 12, 29, 6, 30, tzinfo=timezone(timedelta(hours=7))), date(2025, 12, 29)),
    (datetime(2025, 12, 28, 12, 0, tzinfo=timezone(timedelta(hours=-5))), date(2025, 12, 29)),
])
def test_the_day_is_the_vietnamese_calendar_day(moment: datetime, day: date) -> None:
    assert day_in_vietnam(moment) == day
    assert today_in_vietnam(ManualClock(moment)) == day


def test_a_naive_time_has_no_vietnamese_day() -> None:
    with pytest.raises(ValueError, match="UTC offset"):
        day_in_vietnam(datetime(2025, 12, 28, 23, 0))


def test_any_object_with_now_is_a_clock() -> None:
    class Fixed:
        def now(self) -> datetime:
            return datetime(2026, 2, 16, 17, 30, tzinfo=UTC)

    clock: Clock = Fixed()
    assert today_in_vietnam(clock) == date(2026, 2, 17)


def test_the_plausible_days_are_ten_whole_years_either_way_of_today() -> None:
    today = date(2028, 2, 29)
    assert plausible_days(today) == (date(2018, 1, 1), date(2038, 12, 31))
    assert check_plausible_day(date(2030, 1, 1), today) == date(2030, 1, 1)
    for absurd in (date(1, 1, 1), date(9999, 12, 31), date(2017, 12, 31)):
        with pytest.raises(ValueError, match="expected a day between 2018-01-01"):
            check_plausible_day(absurd, today)
