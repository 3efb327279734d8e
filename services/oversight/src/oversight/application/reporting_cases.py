"""Use cases of two-way reporting (báo cáo hai chiều): a report submitted for one
obligation's period, the monitoring pass's finding of the reports not submitted by their
due date, and where each obligation stands for a year (met on time, late, overdue, due)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from contracts.vocabulary import Agency
from kernel.actor import Actor
from kernel.clock import day_in_vietnam
from oversight.application.queries import OversightQueries
from oversight.domain.reporting import (
    Obligation,
    ObligationReport,
    ReportingPeriod,
    report_id,
)

FLAG_WITHIN = timedelta(days=31)  # how far back a late report is flagged (see flag_late_reports)


class ReportStatus(StrEnum):
    ON_TIME = "on_time"  # đã nộp đúng hạn
    LATE = "late"  # đã nộp trễ hạn
    OVERDUE = "overdue"  # quá hạn, chưa nộp
    DUE = "due"  # chưa đến hạn


@dataclass(frozen=True)
class ReportRow:
    """Where one obligation's period stands."""

    obligation: Obligation
    period: ReportingPeriod
    report: ObligationReport | None
    status: ReportStatus


def status_of(report: ObligationReport | None, period: ReportingPeriod, today: date
              ) -> ReportStatus:
    if report is not None and report.submitted_on is not None:
        return ReportStatus.ON_TIME if report.on_time else ReportStatus.LATE
    return ReportStatus.OVERDUE if today > period.due_on else ReportStatus.DUE


class ReportingCases(OversightQueries):
    def submit_report(self, actor: Actor, *, obligation_id: str, period: str, summary: str,
                      document_number: str | None = None, submitted_on: date | None = None
                      ) -> ObligationReport:
        obligation = self.obligations.get(obligation_id)
        reporting_period = obligation.period(period)
        record_id = report_id(obligation.id, reporting_period.label)
        with self.planning_lock:  # the monitoring pass may be opening the same period
            at = self.now()
            report: ObligationReport = (
                self.repository.get(record_id) if self.exists(record_id)
                else ObligationReport.open(obligation, reporting_period, at))
            report.submit(actor, submitted_on=submitted_on or self.today(), summary=summary,
                          document_number=document_number, at=at)
            self.save(report)
        return report

    def flag_late_reports(self) -> int:
        """Records a finding for every period due in the last ``FLAG_WITHIN`` whose report
        was not submitted by its due date, once: a period flagged or submitted is left alone.

        Why not every period of this year and last: a service started for the first time
        (or a province adopting phoihop in the middle of a year) would find every report
        of the months before as never submitted here, and the notifier would send dozens of
        reminders at once for reports that were made on paper. The pass runs every minute,
        so a report becomes overdue and is flagged within the window; the reports pages
        still show every period's status (``report_rows``)."""
        today, at = self.today(), self.now()
        first, last = today - FLAG_WITHIN, today - timedelta(days=1)
        flagged: list[ObligationReport] = []
        with self.planning_lock:  # one pass at a time: two at once would flag twice
            known = {r.id: r for r in self.catalogue.all(ObligationReport)}
            for obligation in self.obligations.obligations:
                for period in obligation.periods_due(first, last):
                    record_id = report_id(obligation.id, period.label)
                    listed = known.get(record_id)
                    if listed is not None and (listed.submitted or listed.flagged_on):
                        continue
                    report = (self.repository.get(record_id) if listed is not None
                              else ObligationReport.open(obligation, period, at))
                    if report.flag_if_overdue(today, at):
                        flagged.append(report)
            if flagged:
                self.save(*flagged)
        return len(flagged)

    def report_rows(self, *, year: int, from_agency: Agency | None = None,
                    obligation_id: str | None = None, status: ReportStatus | None = None,
                    as_of: datetime | None = None) -> list[ReportRow]:
        """Every period of the year of each obligation, with its report and status."""
        today = day_in_vietnam(as_of) if as_of is not None else self.today()
        reports = {r.id: r for r in self.records(ObligationReport, as_of)}
        rows = []
        for obligation in self.obligations.obligations:
            if (from_agency is not None and obligation.from_agency != from_agency) \
                    or (obligation_id is not None and obligation.id != obligation_id):
                continue
            for period in obligation.periods_due(date(year, 1, 1), date(year, 12, 31)):
                report = reports.get(report_id(obligation.id, period.label))
                row = ReportRow(obligation, period, report, status_of(report, period, today))
                if status is None or row.status == status:
                    rows.append(row)
        return sorted(rows, key=lambda r: (r.period.due_on, r.obligation.id))
