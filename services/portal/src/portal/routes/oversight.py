"""Supervision (the oversight service): the programmes and their topics (public), the open
overlaps between HĐND and MTTQ with the form that resolves one, and the recommendations
after supervision followed to the end: the addressee answers, the supervising body accepts
or reopens. The service decides who may (decision 13); the portal shows each viewer only
the forms it would accept, and refuses a form it can tell is wrong before sending it, so
a careless submit stores nothing and is answered in words beside the field."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from contracts.vocabulary import Agency
from kernel.clock import SystemClock, check_plausible_day, today_in_vietnam
from kernel.text import same_identifier
from portal.labels import LABELS
from portal.pages import form_of, render, services_of, shown_problem, staff
from portal.problems import ServiceProblem, ServiceUnavailable, field_error, status_of
from portal.viewer import Viewer, language_of, viewer_of
from portal.words import text

router = APIRouter()
Staff = Annotated[Viewer, Depends(staff)]
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
LONG_TEXT = 20_000  # the service's bound on a reason or an answer
RESOLUTIONS = ("joint", "accepted")  # rescheduling is done by moving a topic
NAMED_BODIES = ("committee", "deputy_group")  # a token's unit names the one it acts for
OVERLAP_PARTIES = frozenset({Agency.HDND, Agency.MTTQ})


@router.get("/giam-sat", response_class=HTMLResponse)
async def programmes(
    request: Request, nam: Annotated[int | None, Query(ge=2000, le=2100)] = None
) -> Response:
    """Every body's programme (of one year, or all) with its topics, units and windows;
    to the body running one, the form that adds a topic."""
    return await programmes_page(request, viewer_of(request), year=nam)


async def programmes_page(request: Request, viewer: Viewer | None, *, year: int | None = None,
                          status: int = 200, **shown: Any) -> Response:
    found = await services_of(request).get("oversight", "/programmes", params={"year": year})
    adds = {p["id"] for p in found if runs_body(viewer, p["body"], p["body_name"])}
    return render(request, "oversight_programmes.html", status=status, programmes=found,
                  year=year, adds=adds, **shown)


@router.get("/giam-sat/trung-lap", response_class=HTMLResponse)
async def overlaps(request: Request, viewer: Staff) -> Response:
    return await _overlaps(request, viewer)


async def _overlaps(request: Request, viewer: Viewer, *, status: int = 200,
                    **shown: Any) -> Response:
    found = await services_of(request).get("oversight", "/overlaps", params={"open": "true"})
    return render(request, "oversight_overlaps.html", status=status, overlaps=found,
                  resolves=viewer.agency in OVERLAP_PARTIES, **shown)


@router.post("/giam-sat/trung-lap/{overlap_id}")
async def resolve_overlap(request: Request, overlap_id: UUID, viewer: Staff) -> Response:
    """Joint supervision, or both go ahead for a reason."""
    form = await form_of(request)
    wrong: dict[str, str] = {}
    if form.get("resolution") not in RESOLUTIONS:
        wrong["resolution"] = "enum"
    elif form["resolution"] == "accepted" and not form.get("reason"):
        wrong["reason"] = "missing"
    if len(form.get("reason", "")) > LONG_TEXT:
        wrong["reason"] = "string_too_long"
    failed = str(overlap_id)
    if wrong:
        return await _overlaps(request, viewer, status=422, values=form, failed=failed,
                               problem=refused_here(request, wrong))
    body = {"resolution": form["resolution"], "reason": form.get("reason")}
    try:
        await services_of(request).post("oversight", f"/overlaps/{overlap_id}/resolve",
                                        viewer.token, body, form.get("idempotency_key"))
    except (ServiceProblem, ServiceUnavailable) as error:
        return await _overlaps(request, viewer, status=status_of(error), values=form,
                               failed=failed, problem=shown_problem(request, error))
    return RedirectResponse("/giam-sat/trung-lap", status_code=303)


@router.get("/giam-sat/kien-nghi", response_class=HTMLResponse)
async def recommendations(
    request: Request, viewer: Staff,
    qua_han: Annotated[bool, Query(alias="qua-han")] = False,
) -> Response:
    return await _recommendations(request, viewer, overdue=qua_han)


async def _recommendations(request: Request, viewer: Viewer, *, overdue: bool,
                           status: int = 200, **shown: Any) -> Response:
    found: list[dict[str, Any]] = await services_of(request).get(
        "oversight", "/recommendations", params={"overdue": "true" if overdue else None})
    may = {row["id"]: forms_for(row, viewer) for row in found}
    return render(request, "oversight_recommendations.html", status=status,
                  recommendations=found, overdue=overdue, may=may, **shown)


def forms_for(recommendation: dict[str, Any], viewer: Viewer) -> set[str]:
    """The forms the oversight service would accept from this viewer (its policy):
    the addressee (its agency, and the unit when one is named) answers an open one; the
    supervising body (a committee or deputy group: a token of that one, or the HĐND office
    without a unit) accepts or reopens an answered one."""
    forms: set[str] = set()
    unit = recommendation.get("addressee_unit")
    addressee = viewer.agency.value == recommendation["addressee_agency"] and (
        unit is None or (viewer.unit is not None and same_identifier(viewer.unit, unit)))
    if addressee and recommendation["status"] == "open":
        forms.add("answer")
    if runs_body(viewer, recommendation["body"], recommendation["body_name"]) \
            and recommendation["status"] == "answered":
        forms |= {"accept", "reopen"}
    return forms


def runs_body(viewer: Viewer | None, body: str, body_name: str) -> bool:
    """The service's ``check_runs_body``: the body's agency (MTTQ, or HĐND for its bodies);
    for a committee or deputy group, a token of that one or the HĐND office (no unit)."""
    if viewer is None:
        return False
    body_agency = Agency.MTTQ if body == "mttq" else Agency.HDND
    return viewer.agency == body_agency and (
        body not in NAMED_BODIES or viewer.unit is None
        or same_identifier(viewer.unit, body_name))


@router.post("/giam-sat/kien-nghi/{recommendation_id}/{action}")
async def follow_up(request: Request, recommendation_id: UUID, action: str, viewer: Staff
                    ) -> Response:
    """``tra-loi`` (the addressee answers), ``chap-nhan`` or ``mo-lai`` (the body)."""
    if action not in FOLLOW_UPS:
        raise HTTPException(404)
    path, checked = FOLLOW_UPS[action]
    form = await form_of(request)
    overdue = form.get("overdue") == "true"
    body, wrong = checked(form)
    failed = str(recommendation_id)
    if wrong:
        return await _recommendations(request, viewer, overdue=overdue, status=422,
                                      values=form, failed=failed,
                                      problem=refused_here(request, wrong))
    try:
        await services_of(request).post(
            "oversight", f"/recommendations/{recommendation_id}/{path}", viewer.token, body,
            form.get("idempotency_key"))
    except (ServiceProblem, ServiceUnavailable) as error:
        return await _recommendations(request, viewer, overdue=overdue,
                                      status=status_of(error), values=form, failed=failed,
                                      problem=shown_problem(request, error))
    # Back to the whole list: an answered recommendation is no longer in the overdue one.
    return RedirectResponse(f"/giam-sat/kien-nghi#k-{recommendation_id}", status_code=303)


Checked = tuple[dict[str, Any], dict[str, str]]  # the command's body, what is wrong by field


def _answer(form: dict[str, str]) -> Checked:
    wrong: dict[str, str] = {}
    if form.get("outcome") not in LABELS["outcome"]:
        wrong["outcome"] = "enum"
    wrong |= long_text(form, "done", required=True)
    return {"outcome": form.get("outcome"), "done": form.get("done")}, wrong


def _accept(form: dict[str, str]) -> Checked:
    return {}, {}


def _reopen(form: dict[str, str]) -> Checked:
    wrong = long_text(form, "reason", required=True)
    due_on, problem = typed_day(form.get("due_on", ""))
    if problem:
        wrong["due_on"] = problem
    return {"reason": form.get("reason"), "due_on": due_on}, wrong


FOLLOW_UPS = {"tra-loi": ("answer", _answer), "chap-nhan": ("accept", _accept),
              "mo-lai": ("reopen", _reopen)}


def long_text(form: dict[str, str], name: str, *, required: bool) -> dict[str, str]:
    typed = form.get(name, "")
    if required and not typed:
        return {name: "missing"}
    return {name: "string_too_long"} if len(typed) > LONG_TEXT else {}


def typed_day(typed: str) -> tuple[str | None, str | None]:
    """A typed date as the service reads it, or what is wrong with it: missing, not a
    date, or outside the years the services accept."""
    if not typed:
        return None, "missing"
    try:
        day = date.fromisoformat(typed) if ISO_DAY.fullmatch(typed) else None
    except ValueError:
        day = None
    if day is None:
        return None, "date_parsing"
    try:
        return check_plausible_day(day, today_in_vietnam(SystemClock())).isoformat(), None
    except ValueError:
        return None, "date_out_of_range"


def refused_here(request: Request, wrong: dict[str, str]) -> dict[str, Any]:
    language = language_of(request)
    return {"message": text("not_valid", language), "detail": "",
            "fields": {name: field_error(kind, language) for name, kind in wrong.items()}}
