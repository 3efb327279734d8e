"""Staff pages of the petition workbench: the work lists, voter-contact meetings and
recording petitions at them (similar ones shown while typing), consolidation."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kernel.clock import SystemClock, check_plausible_day, today_in_vietnam
from portal import words
from portal.labels import LABELS
from portal.pages import form_of, render, services_of, shown_problem, staff
from portal.problems import ServiceProblem, ServiceUnavailable, field_error, status_of
from portal.routes.follow import offer_at_meeting
from portal.viewer import Viewer, language_of

router = APIRouter()
Staff = Annotated[Viewer, Depends(staff)]
LIST_SIZE = 50
SIMILAR_SHOWN = 5
WorkList = tuple[list[dict[str, Any]], int]  # the rows shown, and how many there are


@router.get("/ban-lam-viec", response_class=HTMLResponse)
async def workbench(request: Request, viewer: Staff) -> Response:
    """What waits for the viewer's agency, list by list (each: its rows and its total)."""
    services = services_of(request)

    async def listed(path: str = "/petitions", **params: Any) -> WorkList:
        page = await services.get("petitions", path, params={"limit": LIST_SIZE, **params})
        return page["items"], page["total"]

    lists: list[tuple[str, WorkList]] = []
    coordinator = viewer.coordinates
    if coordinator:
        lists += [("to_classify", await listed(status="recorded")),
                  ("to_forward", await listed(status="classified"))]
    forwarded, _ = await listed(status="forwarded", agency=viewer.agency.value)
    mine = [row for row in forwarded if _for_unit(row, viewer)]
    lists.append(("to_answer", (mine, len(mine))))
    if viewer.publishes:
        lists.append(("to_publish", await listed(status="answered")))
    # Coordinators follow every agency's overdue petitions; the others their own, and a
    # unit's staff their unit's (the service compares units as it does for answering).
    mine_only = {} if coordinator else {"agency": viewer.agency.value, "unit": viewer.unit}
    lists.append(("overdue_list", await listed("/petitions/overdue", **mine_only)))
    return render(request, "workbench.html", lists=lists, coordinator=coordinator)


def _for_unit(row: dict[str, Any], viewer: Viewer) -> bool:
    return viewer.unit is None or row.get("unit") in (None, viewer.unit)


# -- voter-contact meetings ---------------------------------------------------------------

HELD_CHOICES = {"": None, "da-to-chuc": "true", "chua-to-chuc": "false"}  # ?tinh-trang=
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # what a date input sends: 2026-12-03


@router.get("/hoi-nghi", response_class=HTMLResponse)
async def meetings(
    request: Request, viewer: Staff,
    tinh_trang: Annotated[str, Query(alias="tinh-trang", max_length=20)] = "",
    xa: Annotated[str, Query(max_length=200)] = "",
    tu_ngay: Annotated[str, Query(alias="tu-ngay", max_length=40)] = "",
    den_ngay: Annotated[str, Query(alias="den-ngay", max_length=40)] = "",
    trang: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    """The voter-contact meetings, the latest planned date first: planned or held, in a
    commune, planned between two dates, a page at a time; each links to its page."""
    held = HELD_CHOICES.get(tinh_trang)
    shown = {"tinh_trang": tinh_trang if held is not None else "", "xa": xa,
             "tu_ngay": tu_ngay.strip(), "den_ngay": den_ngay.strip()}
    page: dict[str, Any] = {"page": trang, "pages": 1, "coordinator": viewer.coordinates,
                            **shown}
    days, wrong = date_range(tu_ngay, den_ngay)
    if wrong:  # said in words beside the fields, before the service is asked
        language = language_of(request)
        problem = {"message": words.text("not_valid", language), "detail": "",
                   "fields": {name: field_error(kind, language) for name, kind in wrong.items()}}
        return render(request, "meetings.html", status=422, found=None, problem=problem,
                      **page)
    try:
        found: dict[str, Any] = await services_of(request).get(
            "petitions", "/voter-contacts", params={
                "held": held, "commune": xa.strip(), "scheduled_from": days[0],
                "scheduled_to": days[1], "limit": LIST_SIZE, "offset": (trang - 1) * LIST_SIZE})
    except ServiceProblem as error:
        if error.status >= 500:
            raise
        return render(request, "meetings.html", status=status_of(error), found=None,
                      problem=shown_problem(request, error), **page)
    page["pages"] = max(1, -(-found["total"] // LIST_SIZE))
    return render(request, "meetings.html", found=found, **page)


def date_range(first: str, last: str, names: tuple[str, str] = ("scheduled_from", "scheduled_to")
               ) -> tuple[tuple[str | None, str | None], dict[str, str]]:
    """A filter's two days as the service reads them (ISO, or None when empty), and what
    is wrong with them by field (``names``: the form's two fields): not a date, outside the
    years the services accept, or a range that ends before it starts."""
    today = today_in_vietnam(SystemClock())
    days: dict[str, date | None] = {}
    wrong: dict[str, str] = {}
    for name, typed in zip(names, (first.strip(), last.strip()), strict=True):
        days[name] = None
        if not typed:
            continue
        try:
            day = date.fromisoformat(typed) if ISO_DAY.fullmatch(typed) else None
        except ValueError:
            day = None
        if day is None:
            wrong[name] = "date_parsing"
            continue
        try:
            days[name] = check_plausible_day(day, today)
        except ValueError:
            wrong[name] = "date_out_of_range"
    start, end = days[names[0]], days[names[1]]
    if start and end and start > end:
        wrong[names[1]] = "range_reversed"
    iso = tuple(day.isoformat() if day else None for day in (start, end))
    return (iso[0], iso[1]), wrong


@router.get("/hoi-nghi/moi", response_class=HTMLResponse)
async def new_meeting(request: Request, viewer: Staff) -> Response:
    today = today_in_vietnam(SystemClock())
    return render(request, "meeting_new.html", values={"scheduled_on": today})


@router.post("/hoi-nghi")
async def plan_meeting(request: Request, viewer: Staff) -> Response:
    form = await form_of(request)
    body: dict[str, Any] = {name: form.get(name) for name in
                            ("title", "scheduled_on", "place", "commune")}
    body["deputies"] = [line.strip() for line in form.get("deputies", "").splitlines()
                        if line.strip()]
    try:
        meeting = await services_of(request).post("petitions", "/voter-contacts", viewer.token,
                                                  body, form.get("idempotency_key"))
    except (ServiceProblem, ServiceUnavailable) as error:
        return render(request, "meeting_new.html", status=status_of(error), values=form,
                      problem=shown_problem(request, error))
    return RedirectResponse(f"/hoi-nghi/{meeting['id']}", status_code=303)


@router.get("/hoi-nghi/{meeting_id}", response_class=HTMLResponse)
async def meeting_page(request: Request, meeting_id: UUID, viewer: Staff,
                       vua_ghi: UUID | None = None) -> Response:
    return await _meeting(request, meeting_id, viewer, just_recorded=vua_ghi)


async def _meeting(request: Request, meeting_id: UUID, viewer: Viewer, *,
                   just_recorded: UUID | None = None, status: int = 200,
                   problem: dict[str, Any] | None = None, values: dict[str, Any] | None = None
                   ) -> Response:
    services = services_of(request)
    meeting = await services.get("petitions", f"/voter-contacts/{meeting_id}")
    waiting = await services.get("petitions", "/petitions", params={
        "commune": meeting["commune"], "status": "recorded", "limit": LIST_SIZE})
    recorded = None
    if just_recorded is not None:
        recorded = {
            "petition": await services.get("petitions", f"/petitions/{just_recorded}"),
            "similar": await services.get("petitions", f"/petitions/{just_recorded}/similar",
                                          params={"limit": SIMILAR_SHOWN}),
        }
    shown = {"held_on": today_in_vietnam(SystemClock()), **(values or {})}
    return render(request, "meeting.html", status=status, meeting=meeting,
                  waiting=waiting["items"], recorded=recorded, problem=problem, values=shown,
                  channels=LABELS["channel"])


@router.post("/hoi-nghi/{meeting_id}/da-to-chuc")
async def mark_held(request: Request, meeting_id: UUID, viewer: Staff) -> Response:
    form = await form_of(request)
    body = {"held_on": form.get("held_on"), "attendance": form.get("attendance")}
    try:
        await services_of(request).post("petitions", f"/voter-contacts/{meeting_id}/held",
                                        viewer.token, body, form.get("idempotency_key"))
    except (ServiceProblem, ServiceUnavailable) as error:
        return await _meeting(request, meeting_id, viewer, status=status_of(error), values=form,
                              problem=shown_problem(request, error))
    return RedirectResponse(f"/hoi-nghi/{meeting_id}", status_code=303)


@router.post("/hoi-nghi/{meeting_id}/kien-nghi")
async def record_petition(request: Request, meeting_id: UUID, viewer: Staff) -> Response:
    form = await form_of(request)
    body = {"text": form.get("text"), "channel": "meeting", "meeting_id": str(meeting_id),
            "deputy": form.get("deputy")}
    try:
        recorded = await services_of(request).post("petitions", "/petitions", viewer.token,
                                                   body, form.get("idempotency_key"))
    except (ServiceProblem, ServiceUnavailable) as error:
        return await _meeting(request, meeting_id, viewer, status=status_of(error), values=form,
                              problem=shown_problem(request, error))
    petition_id = recorded["petition"]["id"]
    offer = await offer_at_meeting(request, form, petition_id, viewer.token)
    if offer is not None:  # recorded, but not followed: said beside the form, which comes
        # back empty (the voter's address is never written back into a page)
        return await _meeting(request, meeting_id, viewer, status=422, problem=offer)
    return RedirectResponse(f"/hoi-nghi/{meeting_id}?vua_ghi={petition_id}#vua-ghi",
                            status_code=303)


@router.get("/kien-nghi/tuong-tu", response_class=HTMLResponse)
async def similar_while_typing(
    request: Request, viewer: Staff, text: Annotated[str, Query(max_length=5_000)] = "",
) -> Response:
    """The fragment under the record form: petitions worded like what is being typed."""
    similar: list[dict[str, Any]] = []
    if len(text.split()) >= 3:  # fewer words match too much to help
        similar = await services_of(request).get("petitions", "/petitions/similar", params={
            "text": text, "limit": SIMILAR_SHOWN})
    return render(request, "_similar.html", similar=similar, typed=bool(text.strip()))


# -- consolidation --------------------------------------------------------------------------

@router.get("/tong-hop", response_class=HTMLResponse)
async def consolidation_page(request: Request, viewer: Staff, q: str = "") -> Response:
    return await _consolidation(request, q)


async def _consolidation(request: Request, q: str, status: int = 200,
                         problem: dict[str, Any] | None = None,
                         values: dict[str, Any] | None = None,
                         picked: list[str] | None = None) -> Response:
    waiting = await services_of(request).get("petitions", "/petitions", params={
        "status": "recorded", "q": q.strip(), "limit": LIST_SIZE})
    return render(request, "consolidate.html", status=status, q=q, waiting=waiting["items"],
                  problem=problem, values=values or {}, picked=set(picked or []))


@router.post("/tong-hop")
async def consolidate(request: Request, viewer: Staff) -> Response:
    form = await request.form()
    picked = [str(value) for value in form.getlist("petition_ids")]
    text = str(form.get("text", "")).strip()
    body = {"petition_ids": picked, "text": text or None}
    try:
        merged = await services_of(request).post(
            "petitions", "/petitions/consolidate", viewer.token, body,
            str(form.get("idempotency_key", "")) or None)
    except (ServiceProblem, ServiceUnavailable) as error:
        return await _consolidation(request, str(form.get("q", "")), status_of(error),
                                    shown_problem(request, error), {"text": text}, picked)
    return RedirectResponse(f"/kien-nghi/{merged['id']}", status_code=303)

