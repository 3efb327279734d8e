"""Two-way reporting (báo cáo hai chiều): each obligation's periods of a year, met on time,
late, overdue or not yet due, and the form that records a report submitted, shown to the
agency that owes it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from kernel.clock import SystemClock, today_in_vietnam
from portal.labels import LABELS
from portal.pages import form_of, render, services_of, staff
from portal.routes.oversight_forms import Field, checked, send
from portal.viewer import Viewer

router = APIRouter()
Staff = Annotated[Viewer, Depends(staff)]
REPORTS = "/giam-sat/bao-cao"
SUBMIT = (Field("obligation_id", required=True), Field("period", required=True),
          Field("summary", "long", True), Field("document_number"),
          Field("submitted_on", "day"))


@router.get(REPORTS, response_class=HTMLResponse)
async def reports(
    request: Request, viewer: Staff,
    nam: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    tinh_trang: Annotated[str | None, Query(alias="tinh-trang", max_length=20)] = None,
) -> Response:
    return await _reports(request, viewer, year=nam, state=tinh_trang)


async def _reports(request: Request, viewer: Viewer, *, year: int | None = None,
                   state: str | None = None, status: int = 200, **shown: Any) -> Response:
    year = year or today_in_vietnam(SystemClock()).year
    state = state if state in LABELS["report_status"] else None
    rows = await services_of(request).get("oversight", "/reporting/reports",
                                          params={"year": year, "status": state})
    owes = {r["report_id"] for r in rows
            if r["submitted_on"] is None and r["from_agency"] == viewer.agency.value}
    return render(request, "oversight_reports.html", status=status, rows=rows, year=year,
                  state=state, owes=owes, **shown)


@router.post(REPORTS)
async def submit_report(request: Request, viewer: Staff) -> Response:
    form = await form_of(request)
    body, wrong = checked(form, SUBMIT)
    year = int(form["year"]) if form.get("year", "").isdigit() else None

    async def again(request: Request, viewer: Viewer, **shown: Any) -> Response:
        return await _reports(request, viewer, year=year, **shown)
    return await send(request, viewer, path="/reporting/reports", body=body, wrong=wrong,
                      form=form, failed=form.get("report_id", ""), rerender=again,
                      done=lambda made: f"{REPORTS}?nam={year or made['period'][:4]}"
                                        f"#r-{made['report_id']}")
