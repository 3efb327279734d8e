"""A petition's page (public: what it says, where it stands, its timeline) and the staff
actions on it: classify, forward, answer, publish. Each form shows only to the agency the
petitions service would let act."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kernel.text import identifier_key
from portal.clients import Services
from portal.labels import LABELS, SUGGESTED_UNITS
from portal.pages import end_of_day, form_of, render, services_of, shown_problem, staff
from portal.problems import ServiceProblem, ServiceUnavailable, status_of
from portal.viewer import Viewer, viewer_of

router = APIRouter()
Staff = Annotated[Viewer, Depends(staff)]
SOURCES_SHOWN = 20  # each is one more call to the petitions service


@router.get("/kien-nghi/{petition_id}", response_class=HTMLResponse)
async def petition_page(request: Request, petition_id: UUID, ngay: date | None = None
                        ) -> Response:
    """The petition now, or as it stood at the end of day ``ngay`` (Vietnam's time)."""
    return await _page(request, petition_id, as_of=ngay)


async def _page(request: Request, petition_id: UUID, status: int = 200,
                problem: dict[str, Any] | None = None, values: dict[str, Any] | None = None,
                failed: str | None = None, as_of: date | None = None) -> Response:
    services = services_of(request)
    petition = await services.get("petitions", f"/petitions/{petition_id}",
                                  params={"as_of": end_of_day(as_of)})
    history, sources = await asyncio.gather(
        services.get("petitions", f"/petitions/{petition_id}/history"),
        _sources(services, petition))
    viewer = viewer_of(request)
    may = _may(petition, viewer) if as_of is None else set()  # the past is not acted on
    return render(request, "petition.html", status=status, petition=petition, as_of=as_of,
                  events=history["events"], sources=sources, may=may,
                  problem=problem, values=values or {}, failed=failed, fields=LABELS["field"],
                  levels=LABELS["level"], agencies=LABELS["agency"], units=SUGGESTED_UNITS,
                  answer_public=petition["status"] == "published" or viewer is not None)


async def _sources(services: Services, petition: dict[str, Any]) -> list[dict[str, Any]]:
    """The original petitions behind a consolidated one, each with its own wording."""
    sources: list[dict[str, Any]] = petition["sources"]
    if len(sources) < 2:
        return sources
    originals = await asyncio.gather(*(
        services.get("petitions", f"/petitions/{source['petition_id']}")
        for source in sources[:SOURCES_SHOWN]))
    worded = [{**source, "text": original["text"]}
              for source, original in zip(sources, originals, strict=False)]
    return worded + sources[SOURCES_SHOWN:]


def _may(petition: dict[str, Any], viewer: Viewer | None) -> set[str]:
    """The actions whose form the viewer sees on this petition."""
    if viewer is None or petition["merged_into"] is not None:
        return set()
    status, may = petition["status"], set()
    if viewer.coordinates and status == "recorded":
        may.add("classify")
    if viewer.coordinates and status == "classified":
        may.add("forward")
    forwarding = petition.get("forwarding")
    if status == "forwarded" and forwarding and forwarding["to_agency"] == viewer.agency.value:
        # Another unit of the viewer's own agency: say who answers instead of no form at all.
        may.add("answer" if _answers(forwarding, viewer) else "answer_by_unit")
    if viewer.publishes and status == "answered":
        may.add("publish")
    return may


def _answers(forwarding: dict[str, Any], viewer: Viewer) -> bool:
    """Only the agency, and the unit if one was named, that it was forwarded to."""
    unit = forwarding.get("to_unit")
    return bool(forwarding["to_agency"] == viewer.agency.value and (
        unit is None or (viewer.unit is not None
                         and identifier_key(unit) == identifier_key(viewer.unit))))


async def _act(request: Request, petition_id: UUID, viewer: Viewer, action: str,
               path: str, body: dict[str, Any] | None, form: dict[str, str]) -> Response:
    """Send one command; back to the page, or the page again with the error in words."""
    try:
        await services_of(request).post("petitions", f"/petitions/{petition_id}/{path}",
                                        viewer.token, body, form.get("idempotency_key"))
    except (ServiceProblem, ServiceUnavailable) as error:
        return await _page(request, petition_id, status_of(error),
                           shown_problem(request, error), form, failed=action)
    return RedirectResponse(f"/kien-nghi/{petition_id}#trang-thai", status_code=303)


@router.post("/kien-nghi/{petition_id}/phan-loai")
async def classify(request: Request, petition_id: UUID, viewer: Staff) -> Response:
    form = await form_of(request)
    body = {name: form.get(name) for name in ("field", "level", "agency", "unit", "committee")}
    return await _act(request, petition_id, viewer, "classify", "classify", body, form)


@router.post("/kien-nghi/{petition_id}/chuyen")
async def forward(request: Request, petition_id: UUID, viewer: Staff) -> Response:
    form = await form_of(request)
    return await _act(request, petition_id, viewer, "forward", "forward", None, form)


@router.post("/kien-nghi/{petition_id}/tra-loi")
async def answer(request: Request, petition_id: UUID, viewer: Staff) -> Response:
    form = await form_of(request)
    return await _act(request, petition_id, viewer, "answer", "answer",
                      {"text": form.get("text")}, form)


@router.post("/kien-nghi/{petition_id}/thong-bao")
async def publish(request: Request, petition_id: UUID, viewer: Staff) -> Response:
    form = await form_of(request)
    return await _act(request, petition_id, viewer, "publish", "publish-answer", None, form)
