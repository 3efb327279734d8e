"""Two-way reporting (báo cáo hai chiều) between the four bodies: an **obligation** (who
reports what to whom, how often, by when; data: ``oversight/rules/obligations.toml``),
its **periods** (a month, a quarter, a half-year, a year, or the one thematic due date),
and one **report** record per obligation and period: submitted (on time or late, by the
day it was submitted) or flagged late by the monitoring pass when its due date passed
with nothing submitted.

Report ids are derived from the obligation and the period (``report_id``), so a period is
one record whoever comes first, the submitter or the monitoring pass.

The stored events' topics are ``oversight.domain.reporting:<Name>``: never rename or move
them without ``register_topic``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Self
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from contracts.vocabulary import Agency
from kernel.actor import Actor, actor_ref
from kernel.clock import day_in_vietnam
from oversight.domain import errors
from oversight.domain.policy import check_is_party
from oversight.domain.values import check_occurred, check_positive_text, follows

_REPORTS = UUID("0d4b8e2a-7c61-4f3e-9a25-6b1c3d8e4f70")  # namespace of the reports' ids


class Frequency(StrEnum):
    MONTHLY = "monthly"  # hằng tháng
    QUARTERLY = "quarterly"  # hằng quý
    HALF_YEARLY = "half_yearly"  # 6 tháng
    YEARLY = "yearly"  # hằng năm
    THEMATIC = "thematic"  # chuyên đề, một lần


@dataclass(frozen=True)
class ReportingPeriod:
    """The period a report covers and the day it is due."""

    label: str  # "2026-03", "2026-Q1", "2026-H1", "2026", or the thematic due day
    start: date
    end: date
    due_on: date


@dataclass(frozen=True)
class Obligation:
    """Who reports what to whom, how often and by when (one entry of the table)."""

    id: str
    title: str
    from_agency: Agency
    to_agencies: tuple[Agency, ...]
    frequency: Frequency
    due_days: int
    due_on: date | None
    effective_from: date
    legal_source: str
    confidence: str

    def period(self, label: str) -> ReportingPeriod:
        """The period named ``label`` (``InvalidCommandError`` if it is not one of its)."""
        for year in _year_of(label):
            for candidate in self._periods_of_year(year):
                if candidate.label == label:
                    return candidate
        raise errors.InvalidCommandError(
            f"{label!r} is not a period of {self.id} ({self.frequency.value})")

    def periods_due(self, first: date, last: date) -> list[ReportingPeriod]:
        """Its periods due from ``first`` to ``last`` (both included), once in force."""
        found = []
        for year in range(first.year - 1, last.year + 2):
            for candidate in self._periods_of_year(year):
                if first <= candidate.due_on <= last \
                        and candidate.due_on >= self.effective_from:
                    found.append(candidate)
        return sorted(found, key=lambda p: p.due_on)

    def _periods_of_year(self, year: int) -> list[ReportingPeriod]:
        if self.frequency is Frequency.THEMATIC:
            assert self.due_on is not None
            if self.due_on.year != year:
                return []
            return [ReportingPeriod(self.due_on.isoformat(), date(year, 1, 1), self.due_on,
                                    self.due_on)]
        months = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.HALF_YEARLY: 6,
                  Frequency.YEARLY: 12}[self.frequency]
        periods = []
        for index, first_month in enumerate(range(1, 13, months), start=1):
            last_month = first_month + months - 1
            end = date(year, last_month, calendar.monthrange(year, last_month)[1])
            periods.append(ReportingPeriod(
                _label(self.frequency, year, index), date(year, first_month, 1), end,
                end + timedelta(days=self.due_days)))
        return periods


def _label(frequency: Frequency, year: int, index: int) -> str:
    if frequency is Frequency.MONTHLY:
        return f"{year}-{index:02d}"
    if frequency is Frequency.QUARTERLY:
        return f"{year}-Q{index}"
    if frequency is Frequency.HALF_YEARLY:
        return f"{year}-H{index}"
    return str(year)


def _year_of(label: str) -> list[int]:
    """The year a period's label names, if it is one a period can be in (year 0 or 9999
    once made ``date`` raise, a 500, rather than a refusal)."""
    head = label[:4]
    return [int(head)] if head.isdigit() and 1900 <= int(head) <= 2999 else []


def report_id(obligation_id: str, period_label: str) -> UUID:
    """The id of the report of ``obligation_id`` for the period ``period_label``."""
    return uuid5(_REPORTS, f"{obligation_id}:{period_label}")


class ReportPeriodOpened(Aggregate.Created):
    """The record of one obligation's period (private: the submission or the finding
    that follows says it all)."""

    obligation_id: str
    title: str
    from_agency: str
    to_agencies: list[str]
    period_label: str
    period_start: date
    period_end: date
    due_on: date
    legal_source: str

    def apply(self, report: ObligationReport) -> None:
        r = report
        r.obligation_id, r.title = self.obligation_id, self.title
        r.from_agency = Agency(self.from_agency)
        r.to_agencies = [Agency(a) for a in self.to_agencies]
        r.period = ReportingPeriod(self.period_label, self.period_start, self.period_end,
                                   self.due_on)
        r.legal_source = self.legal_source
        r.submitted_on, r.on_time, r.summary, r.document_number = None, None, None, None
        r.flagged_on = None


class _AboutTheReport(Aggregate.Event):
    """What the published events repeat of the obligation and its period."""

    obligation_id: str
    title: str
    from_agency: str
    to_agencies: list[str]
    period_label: str
    period_start: date
    period_end: date
    due_on: date


class ReportSubmitted(_AboutTheReport):
    occurred_field = "submitted_on"
    submitted_on: date
    on_time: bool
    summary: str
    document_number: str | None
    by: str

    def apply(self, report: ObligationReport) -> None:
        report.submitted_on, report.on_time = self.submitted_on, self.on_time
        report.summary, report.document_number = self.summary, self.document_number


class ReportOverdue(_AboutTheReport):
    """The finding: the due date passed and nothing was submitted."""

    found_on: date

    def apply(self, report: ObligationReport) -> None:
        report.flagged_on = self.found_on


class ObligationReport(Aggregate):
    """One obligation's report for one period."""

    if TYPE_CHECKING:
        obligation_id: str
        title: str
        from_agency: Agency
        to_agencies: list[Agency]
        period: ReportingPeriod
        legal_source: str
        submitted_on: date | None
        on_time: bool | None
        summary: str | None
        document_number: str | None
        flagged_on: date | None

    @classmethod
    def open(cls, obligation: Obligation, period: ReportingPeriod, at: datetime) -> Self:
        return cls._create(
            ReportPeriodOpened, id=report_id(obligation.id, period.label), timestamp=at,
            obligation_id=obligation.id, title=obligation.title,
            from_agency=obligation.from_agency.value,
            to_agencies=[a.value for a in obligation.to_agencies], period_label=period.label,
            period_start=period.start, period_end=period.end, due_on=period.due_on,
            legal_source=obligation.legal_source)

    @property
    def submitted(self) -> bool:
        return self.submitted_on is not None

    def is_late(self, today: date) -> bool:
        """Submitted after its due date, or not submitted and the due date has passed."""
        if self.submitted_on is not None:
            return self.submitted_on > self.period.due_on
        return today > self.period.due_on

    def submit(self, actor: Actor, *, submitted_on: date, summary: str,
               document_number: str | None, at: datetime) -> None:
        check_is_party(actor, frozenset({self.from_agency}), f"submit '{self.title}'")
        if self.submitted_on is not None:
            raise errors.IllegalTransitionError(
                f"the report for {self.period.label} was submitted on {self.submitted_on}")
        day = check_occurred(submitted_on, day_in_vietnam(at), "submitted_on", follows(
            self.period.start, "the period it reports on", "kỳ báo cáo"))
        self.trigger_event(ReportSubmitted, timestamp=at, **self._about(), submitted_on=day,
                           on_time=day <= self.period.due_on,
                           summary=check_positive_text(summary, "summary"),
                           document_number=(document_number or "").strip() or None,
                           by=actor_ref(actor))

    def flag_if_overdue(self, today: date, at: datetime) -> bool:
        """Records the finding once; True when it was recorded now."""
        if self.submitted_on is not None or self.flagged_on is not None \
                or today <= self.period.due_on:
            return False
        self.trigger_event(ReportOverdue, timestamp=at, **self._about(), found_on=today)
        return True

    def _about(self) -> dict[str, object]:
        return {"obligation_id": self.obligation_id, "title": self.title,
                "from_agency": self.from_agency.value,
                "to_agencies": [a.value for a in self.to_agencies],
                "period_label": self.period.label, "period_start": self.period.start,
                "period_end": self.period.end, "due_on": self.period.due_on}
