"""Pages anyone may open: the home page, the petition search, the language switch."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from portal.clients import Services
from portal.pages import render, services_of
from portal.viewer import keep_language, local_path, settings_of

router = APIRouter()
PAGE_SIZE = 20


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> Response:
    return render(request, "home.html")


@router.get("/tra-cuu", response_class=HTMLResponse)
async def search(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    trang: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    """Petitions whose wording has the words (with or without accents), newest first."""
    found: dict[str, Any] = await services_of(request).get("petitions", "/petitions", params={
        "q": q.strip(), "limit": PAGE_SIZE, "offset": (trang - 1) * PAGE_SIZE})
    pages = max(1, -(-found["total"] // PAGE_SIZE))
    answers = await published_answers(services_of(request), found["items"])
    return render(request, "search.html", q=q, found=found, page=trang, pages=pages,
                  answers=answers)


async def published_answers(services: Services, rows: list[dict[str, Any]]
                            ) -> dict[str, str]:
    """The answer of each published petition among the rows (the list has no answers)."""
    published = [row["id"] for row in rows if row.get("published_on")]
    petitions = await asyncio.gather(*(services.get("petitions", f"/petitions/{petition_id}")
                                       for petition_id in published))
    return {petition["id"]: petition["answer"]["text"] for petition in petitions
            if petition.get("answer")}


@router.get("/ban-tin.atom")
async def public_feed(request: Request) -> Response:
    """The notifier's Atom feed of published answers and passed resolutions, relayed so
    that readers need only the portal's address."""
    content, media_type = await services_of(request).get_document("notifier", "/feed.atom")
    return Response(content, media_type=media_type)


@router.get("/du-lieu-mo/popolo.json")
async def open_data(request: Request) -> Response:
    """The sessions' open data (Popolo: sessions, motions, vote events), relayed."""
    content, media_type = await services_of(request).get_document("sessions",
                                                                   "/open-data/popolo")
    return Response(content, media_type=media_type)


@router.get("/lich-hop.ics")
async def meetings_calendar(request: Request) -> Response:
    """The council's meetings calendar as iCalendar (sessions), relayed for subscribing."""
    content, media_type = await services_of(request).get_document("sessions", "/calendar.ics")
    return Response(content, media_type=media_type)


@router.get("/hoi-nghi-txct.ics")
async def voter_contacts_calendar(request: Request) -> Response:
    """Voter-contact meetings as iCalendar (petitions), relayed for subscribing."""
    content, media_type = await services_of(request).get_document("petitions",
                                                                   "/voter-contacts.ics")
    return Response(content, media_type=media_type)


@router.get("/ngon-ngu/{language}")
async def switch_language(request: Request, language: str, next: str = "/") -> Response:
    response = RedirectResponse(local_path(next), status_code=303)
    keep_language(response, settings_of(request), language)
    return response
