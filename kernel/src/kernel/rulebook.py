"""Legal deadlines and thresholds as data (rulebook.toml), and the working-day calendar.

The rule in force on a date applies: several versions of a rule may stand in the book,
each with its effective date, so a petition forwarded in 2024 keeps the 2024 deadline.

Every "N days / N working days after or before" in phoihop is computed by one function,
``WorkingCalendar.shift`` (through ``Rulebook.shift`` and ``Rulebook.deadline`` for a rule).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, Literal

import holidays

from kernel.errors import Invalid

Unit = Literal["days", "working_days", "share_exclusive", "share_inclusive", "count",
               "days_per_week", "days_per_month", "days_per_quarter"]
# days_per_*: a least number of days in each calendar week (Monday to Sunday), month or
# quarter (a duty such as citizen reception days).
DurationUnit = Literal["days", "working_days"]
Confidence = Literal["H", "M", "L"]


class RuleNotFoundError(LookupError):
    """No rule with that id is in force on that date."""


class NotADurationError(ValueError):
    """The rule is a share or a count, not a number of days: no date follows from it."""


@dataclass(frozen=True)
class Rule:
    """One deadline or threshold, with where it comes from."""

    id: str
    title: str
    value: float
    unit: Unit
    legal_source: str
    effective_from: date
    confidence: Confidence

    def is_met_by(self, part: int, whole: int) -> bool:
        """For a share rule: does ``part`` of ``whole`` reach it (e.g. yes of all deputies)."""
        if self.unit == "share_exclusive":
            return whole > 0 and part / whole > self.value
        if self.unit == "share_inclusive":
            # 2/3 is stored rounded; compare with a tolerance so exactly 2/3 counts.
            return whole > 0 and part / whole >= self.value - 1e-4
        raise ValueError(f"rule {self.id} is not a share (unit {self.unit})")


@dataclass(frozen=True)
class Deadline:
    """A date that falls due, and the rule (with its legal source) that says so.

    Events store its three fields one by one (``due_date``/``due_on``, ``rule_id``,
    ``legal_source``), never this object, so it may change without touching stored events.
    """

    due_date: date
    rule_id: str
    legal_source: str


class DateOutOfRangeError(Invalid):
    """A date computed from a day so far off that it falls off the calendar."""


class WorkingCalendar:
    """Working days: Monday to Friday, less Vietnam's public holidays and announced days off."""

    def __init__(self, extra_days_off: set[date], working_despite_library: set[date]) -> None:
        self._extra = extra_days_off
        self._working = working_despite_library
        self._public = holidays.country_holidays("VN")

    def is_working_day(self, day: date) -> bool:
        if day in self._working:
            return True
        return day.weekday() < 5 and day not in self._public and day not in self._extra

    def shift(self, start: date, count: int, unit: DurationUnit, *, before: bool = False) -> date:
        """``count`` days, or working days, after ``start`` (or before it).

        ``start`` itself never counts: 5 working days after a Friday is the next Friday,
        and 5 working days before a Monday is the Monday before.
        """
        step = timedelta(days=-1 if before else 1)
        try:
            if unit == "days":
                return start + step * count
            day, remaining = start, count
            while remaining > 0:
                day += step
                if self.is_working_day(day):
                    remaining -= 1
            return day
        except OverflowError:  # a day near the calendar's ends, stored before dates had
            # a range (kernel.clock.plausible_days): the command's fault, not the server's
            raise DateOutOfRangeError(
                f"{count} ngày {'trước' if before else 'sau'} {start.isoformat()} "
                "nằm ngoài lịch") from None


class Rulebook:
    """Looks rules up by id and date, and computes dates from them."""

    def __init__(self, rules: list[Rule], calendar: WorkingCalendar) -> None:
        self._rules: dict[str, list[Rule]] = {}
        for rule in sorted(rules, key=lambda r: r.effective_from):
            self._rules.setdefault(rule.id, []).append(rule)
        self.calendar = calendar

    def rule(self, rule_id: str, on: date) -> Rule:
        """The version of ``rule_id`` in force on ``on``."""
        in_force = [r for r in self._rules.get(rule_id, []) if r.effective_from <= on]
        if not in_force:
            raise RuleNotFoundError(f"no rule {rule_id!r} in force on {on.isoformat()}")
        return in_force[-1]

    def rules(self) -> list[Rule]:
        return [rule for versions in self._rules.values() for rule in versions]

    def shift(self, start: date, rule: Rule, *, before: bool = False) -> date:
        """``start`` moved by a duration rule (N days or N working days), after or before."""
        if rule.unit not in ("days", "working_days"):
            raise NotADurationError(f"rule {rule.id} is not a deadline (unit {rule.unit})")
        unit: DurationUnit = "days" if rule.unit == "days" else "working_days"
        return self.calendar.shift(start, int(rule.value), unit, before=before)

    def deadline(
        self, rule_id: str, start: date, *, before: bool = False, in_force_on: date | None = None,
    ) -> Deadline:
        """The rule's date counted from ``start`` (after it, or ``before`` it), under the
        version in force on ``in_force_on`` (by default ``start``: a petition forwarded in
        2024 keeps the 2024 deadline)."""
        rule = self.rule(rule_id, start if in_force_on is None else in_force_on)
        return Deadline(self.shift(start, rule, before=before), rule.id, rule.legal_source)


def load_rulebook(text: str) -> Rulebook:
    data = tomllib.loads(text)
    rules = [_rule_from(entry) for entry in data.get("rule", [])]
    calendar = data.get("calendar", {})
    return Rulebook(
        rules,
        WorkingCalendar(
            set(calendar.get("extra_days_off", [])),
            set(calendar.get("working_days_despite_library", [])),
        ),
    )


@cache
def default_rulebook() -> Rulebook:
    """The rulebook shipped with phoihop (``kernel/rulebook.toml``)."""
    return load_rulebook(resources.files("kernel").joinpath("rulebook.toml").read_text("utf-8"))


def _rule_from(entry: dict[str, Any]) -> Rule:
    return Rule(
        id=entry["id"],
        title=entry["title"],
        value=float(entry["value"]),
        unit=entry["unit"],
        legal_source=entry["legal_source"],
        effective_from=entry["effective_from"],
        confidence=entry["confidence"],
    )
