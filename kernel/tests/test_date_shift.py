"""The one date-shifting function: N days or N working days, after or before a date."""

from __future__ import annotations

from datetime import date

import pytest

from kernel.errors import Invalid
from kernel.rulebook import (
    DateOutOfRangeError,
    Deadline,
    NotADurationError,
    Rule,
    Rulebook,
    WorkingCalendar,
    load_rulebook,
)

CALENDAR = WorkingCalendar(extra_days_off=set(), working_despite_library=set())


def rule(value: float, unit: str, effective_from: date = date(2016, 1, 1)) -> Rule:
    return Rule(id="r", title="t", value=value, unit=unit,  # type: ignore[arg-type]
                legal_source=f"source from {effective_from}", effective_from=effective_from,
                confidence="M")


@pytest.mark.parametrize(("start", "count", "before", "expected"), [
    (date(2025, 3, 1), 30, False, date(2025, 3, 31)),  # a Saturday: weekends count
    (date(2025, 7, 15), 5, True, date(2025, 7, 10)),
    (date(2026, 2, 13), 7, False, date(2026, 2, 20)),  # Tết counts as calendar days
    (date(2025, 7, 15), 0, True, date(2025, 7, 15)),
])
def test_calendar_days_count_every_day(start: date, count: int, before: bool,
                                        expected: date) -> None:
    assert CALENDAR.shift(start, count, "days", before=before) == expected


@pytest.mark.parametrize(("start", "count", "expected"), [
    (date(2025, 6, 6), 1, date(2025, 6, 9)),  # Fri + 1 skips the weekend: Mon
    (date(2025, 6, 6), 5, date(2025, 6, 13)),  # Fri + 5: the next Fri
    (date(2025, 6, 7), 1, date(2025, 6, 9)),  # from a Saturday: Mon
    (date(2026, 2, 13), 1, date(2026, 2, 23)),  # Fri 13 Feb 2026, then Tết 16-20 Feb
    (date(2026, 2, 13), 3, date(2026, 2, 25)),
    (date(2025, 6, 9), 0, date(2025, 6, 9)),
])
def test_working_days_after_skip_weekends_and_tet(start: date, count: int,
                                                  expected: date) -> None:
    assert CALENDAR.shift(start, count, "working_days") == expected


@pytest.mark.parametrize(("start", "count", "expected"), [
    (date(2025, 6, 9), 1, date(2025, 6, 6)),  # Mon - 1 skips the weekend: Fri
    (date(2025, 6, 13), 5, date(2025, 6, 6)),  # Fri - 5: the Fri before
    (date(2026, 2, 23), 1, date(2026, 2, 13)),  # Mon 23 Feb 2026, back over Tết
    (date(2026, 2, 24), 2, date(2026, 2, 13)),
])
def test_working_days_before_skip_weekends_and_tet(start: date, count: int,
                                                   expected: date) -> None:
    assert CALENDAR.shift(start, count, "working_days", before=True) == expected


def test_announced_days_off_and_working_saturdays_count_both_ways() -> None:
    # Mon 2 Mar 2026 announced off; Sat 7 Mar 2026 declared a working day.
    calendar = WorkingCalendar({date(2026, 3, 2)}, {date(2026, 3, 7)})
    assert calendar.shift(date(2026, 2, 27), 1, "working_days") == date(2026, 3, 3)
    assert calendar.shift(date(2026, 3, 6), 1, "working_days") == date(2026, 3, 7)
    assert calendar.shift(date(2026, 3, 9), 1, "working_days", before=True) == date(2026, 3, 7)
    assert calendar.shift(date(2026, 3, 3), 1, "working_days", before=True) == date(2026, 2, 27)


def test_a_rule_shifts_by_its_own_value_and_unit() -> None:
    book = Rulebook([], CALENDAR)
    assert book.shift(date(2026, 2, 13), rule(1, "working_days")) == date(2026, 2, 23)
    assert book.shift(date(2026, 2, 23), rule(1, "working_days"), before=True) == date(2026, 2, 13)
    assert book.shift(date(2026, 2, 13), rule(10, "days")) == date(2026, 2, 23)


@pytest.mark.parametrize("unit", ["share_exclusive", "share_inclusive", "count"])
def test_a_share_or_a_count_is_no_duration(unit: str) -> None:
    with pytest.raises(NotADurationError):
        Rulebook([], CALENDAR).shift(date(2026, 1, 5), rule(0.5, unit))


BOOK = """
[[rule]]
id = "documents"
title = "old"
value = 5
unit = "days"
legal_source = "old law"
effective_from = 2016-01-01
confidence = "L"

[[rule]]
id = "documents"
title = "new"
value = 3
unit = "working_days"
legal_source = "new law"
effective_from = 2026-01-01
confidence = "M"
"""


def test_a_deadline_before_a_date_uses_the_version_in_force_on_the_day_asked() -> None:
    book = load_rulebook(BOOK)
    opening = date(2026, 2, 25)  # Wed after Tết
    # Asked in 2025: the old rule, 5 calendar days before.
    assert book.deadline("documents", opening, before=True, in_force_on=date(2025, 12, 1)) == (
        Deadline(date(2026, 2, 20), "documents", "old law"))
    # Asked in 2026: 3 working days before, back over Tết (Tue 24, Mon 23, Fri 13).
    assert book.deadline("documents", opening, before=True, in_force_on=date(2026, 2, 1)) == (
        Deadline(date(2026, 2, 13), "documents", "new law"))


def test_a_deadline_after_a_date_uses_the_version_in_force_on_it() -> None:
    book = load_rulebook(BOOK)
    assert book.deadline("documents", date(2025, 12, 31)).due_date == date(2026, 1, 5)
    assert book.deadline("documents", date(2026, 2, 13)) == (
        Deadline(date(2026, 2, 25), "documents", "new law"))


def test_a_shift_off_the_calendar_is_invalid_not_an_overflow() -> None:
    with pytest.raises(DateOutOfRangeError) as refused:
        CALENDAR.shift(date(1, 1, 3), 5, "working_days", before=True)
    assert isinstance(refused.value, Invalid)
    with pytest.raises(DateOutOfRangeError):
        CALENDAR.shift(date(9999, 12, 30), 30, "days")
