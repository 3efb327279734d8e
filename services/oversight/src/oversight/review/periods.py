"""The period a review covers, and the previous one of the same length beside it."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from kernel.errors import Invalid, Wording


class ReviewPeriodError(Invalid):
    """A period the review cannot cover (422, in Vietnamese and English)."""

    title = Wording("Invalid review period", "Kỳ báo cáo không hợp lệ")
    type_slug = "invalid-review-period"


@dataclass(frozen=True)
class Period:
    """Vietnamese calendar days ``start`` to ``end``, both included."""

    start: date
    end: date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The period of the same length just before: whole months (a year, a quarter)
        go back as many months, so 2024 (366 days) has 2023 before it, not 2022-12-31
        to 2023-12-30; any other span goes back its number of days."""
        months = _whole_months(self)
        if months:
            start = _months_before(self.start, months)
            return Period(start, self.start - timedelta(days=1))
        days = (self.end - self.start).days + 1
        return Period(self.start - timedelta(days=days), self.start - timedelta(days=1))

    def as_json(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


def _whole_months(period: Period) -> int:
    last = calendar.monthrange(period.end.year, period.end.month)[1]
    if period.start.day != 1 or period.end.day != last:
        return 0
    return (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def checked_period(start: date, end: date, plausible: tuple[date, date]) -> Period:
    """The period, if it starts before it ends and lies within the days the system
    accepts (``kernel.clock.plausible_days``): a year such as 1800 or 3000 is a typing
    error, and so is a previous period that would leave them."""
    if end < start:
        raise ReviewPeriodError(Wording(
            f"The period ends ({end.isoformat()}) before it starts ({start.isoformat()}).",
            f"Kỳ báo cáo kết thúc ({end:%d/%m/%Y}) trước khi bắt đầu ({start:%d/%m/%Y})."),
            **{"from": start.isoformat(), "to": end.isoformat()})
    first, last = plausible
    if start < first or end > last:
        raise ReviewPeriodError(Wording(
            f"A review covers days from {first.isoformat()} to {last.isoformat()}.",
            f"Kỳ báo cáo chỉ gồm các ngày từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}."),
            earliest=first.isoformat(), latest=last.isoformat())
    return Period(start, end)
