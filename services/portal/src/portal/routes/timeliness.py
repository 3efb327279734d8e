"""How the agencies answer: the public page of answers on time per agency and unit, and
the staff's overdue lists per agency and unit. The figures are the petitions service's
(``GET /petitions/timeliness``, with the rulebook's minimum of answers for a share); the
portal only shows them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from contracts.vocabulary import Agency
from portal.pages import render, services_of, staff
from portal.problems import field_error
from portal.viewer import Viewer, language_of
from portal.words import text

router = APIRouter()
Staff = Annotated[Viewer, Depends(staff)]
PAGE_SIZE = 50
AGENCIES = tuple(agency.value for agency in Agency)


@router.get("/dung-han", response_class=HTMLResponse)
async def on_time_figures(request: Request) -> Response:
    """Per agency and unit: answered on time and late, the share (from the minimum number
    of answers up), and overdue now. Public: voters may see who answers on time."""
    figures = await services_of(request).get("petitions", "/petitions/timeliness")
    return render(request, "on_time.html", figures=figures)


@router.get("/qua-han", response_class=HTMLResponse)
async def overdue_lists(
    request: Request, viewer: Staff,
    co_quan: Annotated[str, Query(alias="co-quan", max_length=200)] = "",
    don_vi: Annotated[str, Query(alias="don-vi", max_length=200)] = "",
    trang: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    """The petitions past their due date without an answer, of one agency and unit or of
    all, with the count per agency and unit above them (each count links to its list)."""
    services = services_of(request)
    agency, unit = co_quan.strip(), don_vi.strip()
    chosen = {"agency": agency, "unit": unit}
    figures = await services.get("petitions", "/petitions/timeliness")
    if agency and agency not in AGENCIES:  # a hand-edited address: said in words
        language = language_of(request)
        problem = {"message": text("not_valid", language), "detail": "",
                   "fields": {"agency": field_error("enum", language)}}
        return render(request, "overdue.html", status=422, figures=figures, found=None,
                      values=chosen, problem=problem, page=1, pages=1)
    found: dict[str, Any] = await services.get("petitions", "/petitions/overdue", params={
        "agency": agency, "unit": unit, "limit": PAGE_SIZE, "offset": (trang - 1) * PAGE_SIZE})
    pages = max(1, -(-found["total"] // PAGE_SIZE))
    return render(request, "overdue.html", figures=figures, found=found, values=chosen,
                  page=trang, pages=pages)

