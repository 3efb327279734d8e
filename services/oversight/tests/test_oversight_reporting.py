"""Two-way reporting in the application: the obligations table (data), the periods it
owes, reports submitted (on time or late, by the day submitted), and the monitoring pass
flagging, once, a period due with nothing submitted."""

from __future__ import annotations

from datetime import date

import pytest
from oversight_builders import HDND, MTTQ, UBND, SteppingClock, names

from contracts.oversight import v1
from contracts.vocabulary import Agency
from kernel.occurred import OccurredOnError
from oversight.application import Oversight, translate
from oversight.application.reporting_cases import ReportStatus
from oversight.domain.errors import (
    IllegalTransitionError,
    InvalidCommandError,
    NotPermittedError,
    RecordNotFoundError,
)
from oversight.domain.reporting import report_id
from oversight.rules import default_obligations, load_obligations
from oversight.rules.obligations import ObligationsError

TABLE = load_obligations('''
[[obligation]]
id = "ubnd.monthly"
title = "Báo cáo tình hình kinh tế - xã hội hằng tháng"
from = "ubnd"
to = ["hdnd", "mttq"]
period = "monthly"
due_days = 5
effective_from = 2026-01-01
legal_source = "thử"
confidence = "L"

[[obligation]]
id = "mttq.half"
title = "Báo cáo tổng hợp ý kiến cử tri"
from = "mttq"
to = ["hdnd"]
period = "half_yearly"
due_days = -20
effective_from = 2016-01-01
legal_source = "thử"
confidence = "L"

[[obligation]]
id = "ubnd.thematic"
title = "Báo cáo chuyên đề"
from = "ubnd"
to = ["hdnd"]
period = "thematic"
due_on = 2026-06-15
effective_from = 2026-01-01
legal_source = "thử"
confidence = "L"
''')


@pytest.fixture
def app() -> Oversight:
    return Oversight({"PERSISTENCE_MODULE": "eventsourcing.popo"}, clock=SteppingClock(),
                     obligations=TABLE)


def test_the_default_table_loads_and_names_each_frequency() -> None:
    table = default_obligations()
    assert {o.frequency.value for o in table.obligations} == {
        "monthly", "quarterly", "half_yearly", "yearly", "thematic"}
    assert {o.from_agency for o in table.obligations} == set(Agency)


@pytest.mark.parametrize("text", [
    '[[obligation]]\nid = "x"\ntitle = "x"\nfrom = "bank"\nto = ["hdnd"]\nperiod = "monthly"\n'
    'effective_from = 2026-01-01\nlegal_source = "x"\nconfidence = "L"',
    '[[obligation]]\nid = "x"\ntitle = "x"\nfrom = "ubnd"\nto = ["hdnd"]\nperiod = "thematic"\n'
    'effective_from = 2026-01-01\nlegal_source = "x"\nconfidence = "L"',
    '[[obligation]]\nid = "x"\ntitle = "x"\nfrom = "ubnd"\nto = []\nperiod = "monthly"\n'
    'effective_from = 2026-01-01\nlegal_source = "x"\nconfidence = "L"',
    '[[obligation]]\nid = "x"\ncolour = "red"',
])
def test_a_malformed_table_fails_at_load(text: str) -> None:
    with pytest.raises(ObligationsError):
        load_obligations(text)


def test_the_periods_an_obligation_owes() -> None:
    monthly, half, thematic = TABLE.obligations
    assert [(p.label, p.due_on) for p in monthly.periods_due(date(2026, 1, 1),
                                                             date(2026, 3, 10))] == [
        ("2025-12", date(2026, 1, 5)), ("2026-01", date(2026, 2, 5)),
        ("2026-02", date(2026, 3, 5))]  # owed by the day it is due
    assert monthly.periods_due(date(2025, 1, 1), date(2025, 12, 31)) == []  # not in force
    assert [(p.label, p.due_on) for p in half.periods_due(date(2026, 1, 1),
                                                          date(2026, 12, 31))] == [
        ("2026-H1", date(2026, 6, 10)), ("2026-H2", date(2026, 12, 11))]
    assert [p.label for p in thematic.periods_due(date(2026, 1, 1), date(2026, 12, 31))] == [
        "2026-06-15"]
    with pytest.raises(InvalidCommandError):
        monthly.period("2026-13")


def test_late_reports_are_flagged_once_and_a_late_one_still_submitted(app: Oversight) -> None:
    # Today is 2026-03-02: due and not submitted are 2025-12 (due 5/1), 2026-01 (5/2),
    # MTTQ's 2025-H1 and 2025-H2 (due 10/6 and 11/12/2025); 2026-02 is due on 5/3. Only
    # 2026-01 fell due in the last 31 days: the older ones are overdue in the lists but not
    # flagged (a service started now does not remind of months of paper reports at once).
    assert app.flag_late_reports() == 1
    assert app.flag_late_reports() == 0
    late = app.report_rows(year=2026, status=ReportStatus.OVERDUE)
    assert [r.period.label for r in late] == ["2025-12", "2026-01"]
    january = report_id("ubnd.monthly", "2026-01")
    assert names(app.history(january)) == ["ReportPeriodOpened", "ReportOverdue"]
    published = [translate(e) for e in app.history(january)]
    assert published[0] is None
    overdue = published[1]
    assert isinstance(overdue, v1.ObligationReportOverdue)
    assert (overdue.due_on, overdue.found_on, overdue.to_agencies) == (
        date(2026, 2, 5), date(2026, 3, 2), [Agency.HDND, Agency.MTTQ])
    report = app.submit_report(UBND, obligation_id="ubnd.monthly", period="2026-01",
                               summary="Tình hình tháng 1.", submitted_on=date(2026, 2, 20))
    assert report.on_time is False
    submitted = translate(app.history(january)[-1])
    assert isinstance(submitted, v1.ObligationReportSubmitted)
    assert submitted.occurred_on == date(2026, 2, 20) and submitted.on_time is False
    assert [r.status for r in app.report_rows(year=2026, obligation_id="ubnd.monthly")] == [
        ReportStatus.OVERDUE, ReportStatus.LATE, *[ReportStatus.DUE] * 10]
    assert app.flag_late_reports() == 0


def test_a_report_submitted_in_time_is_never_flagged(app: Oversight) -> None:
    app.submit_report(UBND, obligation_id="ubnd.monthly", period="2026-01",
                      summary="Tình hình tháng 1.", document_number="12/BC-UBND",
                      submitted_on=date(2026, 2, 4))
    assert app.flag_late_reports() == 0  # the only one due in the last 31 days is in
    rows = app.report_rows(year=2026, obligation_id="ubnd.monthly",
                           status=ReportStatus.ON_TIME)
    assert [(r.period.label, r.report and r.report.document_number) for r in rows] == [
        ("2026-01", "12/BC-UBND")]
    with pytest.raises(IllegalTransitionError):
        app.submit_report(UBND, obligation_id="ubnd.monthly", period="2026-01",
                          summary="Lần hai.")


def test_who_submits_and_which_days(app: Oversight) -> None:
    for who in (HDND, MTTQ):
        with pytest.raises(NotPermittedError):
            app.submit_report(who, obligation_id="ubnd.monthly", period="2026-01",
                              summary="x")
    with pytest.raises(RecordNotFoundError):
        app.submit_report(UBND, obligation_id="ubnd.yearly", period="2026", summary="x")
    with pytest.raises(InvalidCommandError):
        app.submit_report(UBND, obligation_id="ubnd.monthly", period="2026-Q1", summary="x")
    with pytest.raises(OccurredOnError):  # in the future
        app.submit_report(UBND, obligation_id="ubnd.monthly", period="2026-02", summary="x",
                          submitted_on=date(2026, 3, 9))
    with pytest.raises(OccurredOnError):  # before the period it reports on
        app.submit_report(UBND, obligation_id="ubnd.monthly", period="2026-02", summary="x",
                          submitted_on=date(2026, 1, 30))
    with pytest.raises(InvalidCommandError):
        app.submit_report(UBND, obligation_id="ubnd.monthly", period="2026-02", summary="  ")
    assert app.report_rows(year=2026, status=ReportStatus.ON_TIME) == []
    assert app.recorder.max_notification_id() in (None, 0)
