"""Routes of two-way reporting (báo cáo hai chiều): the obligations table, where each
obligation stands for a year, and the reports submitted."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from chassis.web.history import HistoryPublic
from contracts.vocabulary import Agency
from kernel.clock import day_in_vietnam
from oversight.application import Oversight
from oversight.application.reporting_cases import ReportRow, ReportStatus, status_of
from oversight.domain.reporting import ObligationReport
from oversight.entrypoints.deps import (
    COMMAND_PROBLEMS,
    QUERY_PROBLEMS,
    AsOf,
    OversightCommand,
    OversightDep,
    history,
)
from oversight.entrypoints.requests import ReportCreateBody
from oversight.entrypoints.views import ObligationPublic, ReportRowPublic

router = APIRouter(prefix="/reporting")
TAG = "two-way reporting (báo cáo hai chiều)"


def row_of(app: Oversight, report: ObligationReport, as_of: datetime | None = None
           ) -> ReportRowPublic:
    """One report as its row, its status as of ``as_of`` (or today)."""
    today = day_in_vietnam(as_of) if as_of is not None else app.today()
    return ReportRowPublic.of(ReportRow(app.obligations.get(report.obligation_id),
                                        report.period, report,
                                        status_of(report, report.period, today)))


@router.get("/obligations", response_model=list[ObligationPublic], responses=QUERY_PROBLEMS,
            tags=[TAG])
def obligations(oversight: OversightDep) -> list[ObligationPublic]:
    """Who reports what to whom, how often and by when (the obligations table, as data)."""
    return [ObligationPublic.of(o) for o in oversight.obligations.obligations]


@router.get("/reports", response_model=list[ReportRowPublic], responses=QUERY_PROBLEMS,
            tags=[TAG])
def reports(
    oversight: OversightDep,
    year: Annotated[int, Query(ge=2000, le=2100, description="Năm — the year.")],
    from_agency: Annotated[Agency | None, Query(description="Cơ quan báo cáo.")] = None,
    obligation_id: Annotated[str | None, Query(max_length=200)] = None,
    status: Annotated[ReportStatus | None, Query(
        description="on_time, late, overdue, due.")] = None,
    as_of: AsOf = None,
) -> list[ReportRowPublic]:
    """Every period of the year of each obligation: met on time, late, overdue, or due."""
    rows = oversight.report_rows(year=year, from_agency=from_agency,
                                 obligation_id=obligation_id, status=status, as_of=as_of)
    return [ReportRowPublic.of(r) for r in rows]


@router.post("/reports", status_code=201, response_model=ReportRowPublic,
             responses=COMMAND_PROBLEMS, tags=[TAG])
def submit_report(body: ReportCreateBody, command: OversightCommand) -> JSONResponse:
    """A report submitted for one period (only the agency that owes it)."""
    return command.run(
        "submit_report",
        lambda: command.app.submit_report(command.principal, **body.model_dump()),
        lambda report: row_of(command.app, report), body=body, status_code=201,
    )


@router.get("/reports/{report_id}", response_model=ReportRowPublic, responses=QUERY_PROBLEMS,
            tags=[TAG])
def get_report(report_id: UUID, oversight: OversightDep, as_of: AsOf = None
               ) -> ReportRowPublic:
    return row_of(oversight, oversight.load(ObligationReport, report_id, "report", as_of),
                  as_of)


@router.get("/reports/{report_id}/history", response_model=HistoryPublic,
            responses=QUERY_PROBLEMS, tags=[TAG])
def report_history(report_id: UUID, oversight: OversightDep) -> HistoryPublic:
    return history(oversight, ObligationReport, report_id, "report")
