"""Public pages of the council's work (the sessions service): sessions with their plan,
joint meeting, agenda, documents (late ones marked), votes; passed resolutions and the lag
to their guidance; the meeting calendar with its clashes."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from contracts.vocabulary import Agency
from kernel.clock import SystemClock, today_in_vietnam
from portal.pages import end_of_day, render, services_of
from portal.viewer import Viewer, viewer_of

router = APIRouter()
Year = Annotated[int | None, Query(ge=1990, le=2100)]
CALENDAR_SHOWN = 200


@router.get("/ky-hop", response_class=HTMLResponse)
async def sessions_page(request: Request, nam: Year = None) -> Response:
    found = await services_of(request).get("sessions", "/sessions", params={"year": nam})
    return render(request, "sessions.html", sessions=found["items"], year=nam)


@router.get("/ky-hop/{session_id}", response_class=HTMLResponse)
async def session_page(request: Request, session_id: UUID, ngay: date | None = None
                       ) -> Response:
    """The session now, or as it stood at the end of day ``ngay``."""
    return await session_view(request, session_id, as_of=ngay)


async def session_view(request: Request, session_id: UUID, *, as_of: date | None = None,
                       status: int = 200, problem: dict[str, Any] | None = None,
                       values: dict[str, Any] | None = None, failed: str | None = None
                       ) -> Response:
    services = services_of(request)
    session, history = await asyncio.gather(
        services.get("sessions", f"/sessions/{session_id}",
                     params={"as_of": end_of_day(as_of)}),
        services.get("sessions", f"/sessions/{session_id}/history"))
    viewer = viewer_of(request)
    may = _may(session, viewer) if as_of is None else set()
    voted = {vote["document_id"] for vote in session["votes"]}
    drafts = {d["document_id"]: d["title"] for d in session["documents"]
              if d["kind"] == "draft_resolution" and d["document_id"] not in voted}
    return render(request, "session.html", status=status, session=session,
                  events=history["events"], as_of=as_of, may=may, problem=problem,
                  values=values if failed else {}, failed=failed, drafts=drafts,
                  today=today_in_vietnam(SystemClock()))


def _may(session: dict[str, Any], viewer: Viewer | None) -> set[str]:
    """The forms the viewer sees: the sessions service lets HĐND run the session, and
    UBND or HĐND submit documents, while it is prepared or sitting."""
    if viewer is None or session["status"] == "closed":
        return set()
    hdnd, may = viewer.agency == Agency.HDND, set()
    if viewer.agency in (Agency.HDND, Agency.UBND):
        may.add("tai-lieu")
    if hdnd and session["status"] == "planned":
        may.add("khai-mac" if session["joint_meeting"] else "lien-tich")
    if hdnd and session["status"] == "convened":
        may |= {"bieu-quyet", "be-mac"}
    return may


@router.get("/nghi-quyet", response_class=HTMLResponse)
async def resolutions_page(request: Request, nam: Year = None) -> Response:
    services = services_of(request)
    found, lag = await asyncio.gather(
        services.get("sessions", "/resolutions", params={"year": nam}),
        services.get("sessions", "/resolutions/guidance-lag", params={"year": nam}))
    newest_first = sorted(found["items"], key=lambda r: r["passed_on"], reverse=True)
    return render(request, "resolutions.html", resolutions=newest_first, lag=lag, year=nam)


@router.get("/nghi-quyet/{resolution_id}", response_class=HTMLResponse)
async def resolution_page(request: Request, resolution_id: UUID, ngay: date | None = None
                          ) -> Response:
    """The resolution now, or as it stood at the end of day ``ngay``."""
    services = services_of(request)
    resolution, history = await asyncio.gather(
        services.get("sessions", f"/resolutions/{resolution_id}",
                     params={"as_of": end_of_day(ngay)}),
        services.get("sessions", f"/resolutions/{resolution_id}/history"))
    return render(request, "resolution.html", resolution=resolution,
                  events=history["events"], as_of=ngay)


@router.get("/lich-hop", response_class=HTMLResponse)
async def calendar_page(request: Request, nam: Year = None) -> Response:
    services = services_of(request)
    window: dict[str, Any] = {}
    if nam is not None:
        window = {"from": f"{date(nam, 1, 1)}T00:00:00+07:00",
                  "until": f"{date(nam + 1, 1, 1)}T00:00:00+07:00"}
    entries, clashes = await asyncio.gather(
        services.get("sessions", "/calendar", params=window),
        services.get("sessions", "/calendar/clashes"))
    titles = {entry["id"]: entry["title"] for entry in entries}
    return render(request, "calendar.html", entries=entries[:CALENDAR_SHOWN],
                  more=max(0, len(entries) - CALENDAR_SHOWN), clashes=clashes,
                  titles=titles, year=nam)
